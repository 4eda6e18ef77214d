import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, "/tmp/uiexp")
from davscope_ui import App, press, keycombo, type_text
from explore_lib import dump, dumpfile, ext, states
import pyatspi
from dogtail.predicate import GenericPredicate

app = App()
try:
    time.sleep(2)
    type_text(os.environ["DAVSCOPE_TEST_URL"]); press("Return")
    time.sleep(3)
    frame = app.root.getChildAtIndex(0)
    comp = frame.queryComponent()
    for pt in [(444, 508), (700, 505), (100, 100), (300, 200), (800, 100)]:
        try:
            a = comp.getAccessibleAtPoint(pt[0], pt[1], pyatspi.WINDOW_COORDS)
            print(pt, a and (a.roleName, a.name))
        except Exception as e:
            print(pt, "err", e)
    entry = app.root.findChildren(GenericPredicate(name="Server Address", roleName="text"), showingOnly=False)[0]
    print("contains", entry.queryComponent().contains(444, 508, pyatspi.WINDOW_COORDS))
    # the stack page nodes
    for n in app.root.findChildren(GenericPredicate(name="GtkStackPage"), showingOnly=False):
        print("page", states(n), n.getAttributes() if hasattr(n,'getAttributes') else None, [ (c.roleName, c.name) for c in n])
        try:
            print("  iface", n.get_interfaces() if hasattr(n,'get_interfaces') else None)
        except Exception as e: print(e)
    stack = app.root.findChildren(GenericPredicate(name="GtkStackPage"), showingOnly=False)[2].parent
    print("stack", stack.roleName, states(stack))
    try:
        sel = stack.querySelection()
        print("stack selection n", sel.nSelectedChildren, [sel.getSelectedChild(i).name for i in range(sel.nSelectedChildren)])
    except Exception as e:
        print("no selection", e)
    for n in app.root.findChildren(GenericPredicate(name="GtkStackPage"), showingOnly=False):
        try:
            p = n.parent; sel = p.querySelection()
            print("sel of", p.roleName, [sel.isChildSelected(i) for i in range(p.childCount)])
        except Exception as e:
            print("no sel", e)
finally:
    app.quit()
print("1..0")

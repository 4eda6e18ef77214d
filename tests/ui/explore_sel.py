import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, "/tmp/uiexp")
from davscope_ui import App, press, keycombo, type_text
from explore_lib import dump, dumpfile, ext, states
import pyatspi
from dogtail.predicate import GenericPredicate
from dogtail import rawinput

def actions(n):
    try:
        a = n.queryAction()
        return [a.getName(i) for i in range(a.nActions)]
    except Exception as e:
        return None

app = App(os.environ["DAVSCOPE_TEST_URL"])
try:
    time.sleep(3)
    lst = app.root.findChildren(GenericPredicate(name="GtkColumnListView"), showingOnly=False)[0]
    print("list ifaces", lst.get_interfaces())
    row0 = lst.getChildAtIndex(0)
    print("row ifaces", row0.get_interfaces(), actions(row0), states(row0))
    cell = row0.getChildAtIndex(0)
    print("cell", cell.get_interfaces(), actions(cell))
    exp = cell.getChildAtIndex(0)
    print("expander panel", exp.get_interfaces(), actions(exp), states(exp))
    btn = exp.getChildAtIndex(0)
    print("Expand btn", btn.get_interfaces(), actions(btn), states(btn))
    try:
        sel = lst.querySelection()
        print("nsel", sel.nSelectedChildren)
        sel.selectChild(1)
        time.sleep(0.5)
        print("nsel after", sel.nSelectedChildren, states(lst.getChildAtIndex(1)))
    except Exception as e:
        print("selection err", e)
    # click on README row label
    lab = [n for n in app.root.findChildren(GenericPredicate(roleName="label", name="README.txt"), showingOnly=False)][0]
    x,y,w,h = ext(lab)
    rawinput.click(x+w//2, y+h//2)
    time.sleep(1)
    print("README row states", states(lab.parent.parent.parent.parent))
    dumpfile(app.root, "/tmp/uiexp/s1.txt")
    app.screenshot("/tmp/uiexp/s1.png")
    # ctrl-click Locked Folder
    lab2 = [n for n in app.root.findChildren(GenericPredicate(roleName="label", name="Locked Folder, folder"), showingOnly=False)][0]
    x,y,w,h = ext(lab2)
    rawinput.holdKey("Control_L"); rawinput.click(x+w//2, y+h//2); rawinput.releaseKey("Control_L")
    time.sleep(1)
    app.screenshot("/tmp/uiexp/s2.png")
    delb = app.root.findChildren(GenericPredicate(roleName="push button", name="Delete Selected Items"), showingOnly=False)[0]
    print("delete states", states(delb))
    # expand Documents via the Expand button action
    btn.doActionNamed(actions(btn)[0]) if actions(btn) else None
    time.sleep(2)
    app.screenshot("/tmp/uiexp/s3.png")
    dumpfile(app.root, "/tmp/uiexp/s3.txt")
finally:
    app.quit()
print("1..0")

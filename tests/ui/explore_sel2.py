import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, "/tmp/uiexp")
from davscope_ui import App, press, keycombo, type_text
from explore_lib import dump, dumpfile, ext, states
import pyatspi
from dogtail.predicate import GenericPredicate
from dogtail import rawinput

app = App(os.environ["DAVSCOPE_TEST_URL"])
def lab(name):
    return app.root.findChildren(GenericPredicate(roleName="label", name=name), showingOnly=False)[0]
def center(n):
    x,y,w,h = ext(n); return x+w//2, y+h//2
def selected():
    lst = app.root.findChildren(GenericPredicate(name="GtkColumnListView"), showingOnly=False)[0]
    out=[]
    for r in lst:
        if r.getState().contains(pyatspi.STATE_SELECTED):
            try: out.append(r.getChildAtIndex(0).getChildAtIndex(0)[-1][-1].name if r[0][0].childCount==2 else r[0][0][0][-1].name)
            except Exception as e: out.append(f"?{e}")
    return out
try:
    time.sleep(3)
    rawinput.click(*center(lab("README.txt"))); time.sleep(0.7)
    print("after click", selected())
    keycombo("<Control>Up"); time.sleep(0.3); keycombo("<Control>Up"); time.sleep(0.3)
    keycombo("<Control>Up"); time.sleep(0.3); keycombo("<Control>Up"); time.sleep(0.3)
    keycombo("<Control>Up"); time.sleep(0.3); keycombo("<Control>Up"); time.sleep(0.3)
    keycombo("<Control>Up"); time.sleep(0.3); keycombo("<Control>Up"); time.sleep(0.3)
    keycombo("<Control>space"); time.sleep(0.7)
    print("after ctrl-up x8 ctrl-space", selected())
    app.screenshot("/tmp/uiexp/k1.png")
    # ctrl click via press/release with explicit event
    rawinput.click(*center(lab("README.txt"))); time.sleep(0.7)
    x,y = center(lab("Photos, folder"))
    rawinput.holdKey("Control_L"); time.sleep(0.2)
    rawinput.press(x,y); time.sleep(0.1); rawinput.release(x,y); time.sleep(0.2)
    rawinput.releaseKey("Control_L"); time.sleep(0.7)
    print("after slow ctrl-click photos", selected())
    # keyboard expand on Documents
    rawinput.click(*center(lab("Documents, folder"))); time.sleep(0.7)
    press("Right"); time.sleep(0.5)
    print("after Right", [ (n.name) for n in app.root.findChildren(GenericPredicate(roleName="label"), showingOnly=False) if n.name in ("Reports, folder","Letters, folder")])
    press("plus"); time.sleep(1.5)
    print("after plus", [ (n.name) for n in app.root.findChildren(GenericPredicate(roleName="label"), showingOnly=False) if n.name in ("Reports, folder","Letters, folder")])
    keycombo("<Shift>Right"); time.sleep(1.5)
    print("after shift-right", [ (n.name) for n in app.root.findChildren(GenericPredicate(roleName="label"), showingOnly=False) if n.name in ("Reports, folder","Letters, folder")])
    app.screenshot("/tmp/uiexp/k2.png")
finally:
    app.quit()
print("1..0")

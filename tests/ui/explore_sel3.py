import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, "/tmp/uiexp")
from davscope_ui import App, press, keycombo, type_text
from explore_lib import dump, dumpfile, ext, states
import pyatspi
from dogtail.predicate import GenericPredicate
from dogtail import rawinput
from dogtail import config
config.config.actionDelay = 0.05
config.config.defaultDelay = 0.05

app = App(os.environ["DAVSCOPE_TEST_URL"])
def lab(name):
    return app.root.findChildren(GenericPredicate(roleName="label", name=name), showingOnly=False)[0]
def center(n):
    x,y,w,h = ext(n); return x+w//2, y+h//2
def rowname(r):
    for n in r.findChildren(GenericPredicate(roleName="label"), showingOnly=False):
        return n.name
def selected():
    lst = app.root.findChildren(GenericPredicate(name="GtkColumnListView"), showingOnly=False)[0]
    return [rowname(r) for r in lst if r.getState().contains(pyatspi.STATE_SELECTED)]
def focused():
    return [(n.roleName, n.name, rowname(n) if n.roleName=='table row' else (rowname(n.parent.parent) if n.parent and n.parent.parent and n.parent.parent.roleName=='table row' else '')) for n in app.root.findChildren(lambda n: n.getState().contains(pyatspi.STATE_FOCUSED), showingOnly=False)]
try:
    time.sleep(3)
    rawinput.click(*center(lab("README.txt"))); time.sleep(0.7)
    print("after click", selected(), focused())
    x,y = center(lab("Photos, folder"))
    keycombo("<Shift>F10") if False else None
    rawinput.holdKey("Shift_L"); rawinput.click(x,y); rawinput.releaseKey("Shift_L"); time.sleep(0.7)
    print("after shift-click photos", selected(), focused())
    rawinput.click(*center(lab("README.txt"))); time.sleep(0.7)
    rawinput.holdKey("Control_L"); time.sleep(0.3); rawinput.click(x,y); time.sleep(0.3); rawinput.releaseKey("Control_L"); time.sleep(0.7)
    print("after ctrl-click photos", selected(), focused())
    rawinput.click(*center(lab("README.txt"))); time.sleep(0.7)
    press("Up"); time.sleep(0.4)
    print("after Up", selected(), focused())
    keycombo("<Control>Up"); time.sleep(0.4)
    print("after ctrl-Up", selected(), focused())
    press("space"); time.sleep(0.4)
    print("after space", selected(), focused())
    keycombo("<Control>Up"); time.sleep(0.4)
    keycombo("<Control>space"); time.sleep(0.4)
    print("after ctrl-up ctrl-space", selected(), focused())
    keycombo("<Control>Up"); time.sleep(0.4)
    keycombo("<Control><Shift>space"); time.sleep(0.4)
    print("after ctrl-up ctrl-shift-space", selected(), focused())
    app.screenshot("/tmp/uiexp/k3.png")
finally:
    app.quit()
print("1..0")

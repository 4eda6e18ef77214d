import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, "/tmp/uiexp")
from davscope_ui import App, press, keycombo, type_text
from explore_lib import dump, dumpfile
import pyatspi
from dogtail.predicate import GenericPredicate

app = App()
try:
    time.sleep(2)
    dumpfile(app.root, "/tmp/uiexp/t0.txt")
    entry = app.root.findChildren(GenericPredicate(name="Server Address", roleName="text"), showingOnly=False)[0]
    print("entry states", entry.getState().get_states())
    t0=time.time()
    type_text(os.environ["DAVSCOPE_TEST_URL"])
    print("typed in", time.time()-t0)
    time.sleep(0.5)
    print("entry text:", repr(entry.text))
    btn = [n for n in app.root.findChildren(GenericPredicate(roleName="push button"), showingOnly=False) if "Connect" in n.name][0]
    print("actions", [btn.getAction(i).name if hasattr(btn,'getAction') else None for i in range(1)])
    btn.doActionNamed("click")
    time.sleep(3)
    dumpfile(app.root, "/tmp/uiexp/t1.txt")
    app.screenshot("/tmp/uiexp/start1.png")
    keycombo("<Control>l")
    time.sleep(1)
    dumpfile(app.root, "/tmp/uiexp/t2.txt")
finally:
    app.quit()
print("1..0")

import os, sys, time, subprocess
sys.path.insert(0, "/work/main/tests/ui"); sys.path.insert(0, "/tmp/uiexp")
from davscope_ui import App
from explore_lib import ext
import pyatspi
from dogtail import rawinput, tree
from dogtail.predicate import GenericPredicate
for rubber in ("0", "1"):
  for tr in ("0", "1"):
    env = dict(os.environ, GTK_A11Y="atspi")
    p = subprocess.Popen(["/usr/bin/python3", "/tmp/uiexp/mini/app.py", rubber, tr], env=env)
    try:
        root = None
        for _ in range(40):
            try:
                root = tree.root.application("app.py"); break
            except Exception:
                time.sleep(0.5)
        time.sleep(1)
        labs = {n.name: n for n in root.findChildren(GenericPredicate(roleName="label"), showingOnly=False)}
        def c(n):
            x,y,w,h = ext(n); return x+w//2, y+h//2
        rawinput.click(*c(labs["item 2"])); time.sleep(0.5)
        rawinput.holdKey("Control_L"); rawinput.click(*c(labs["item 5"])); rawinput.releaseKey("Control_L"); time.sleep(0.5)
        lst = root.findChildren(GenericPredicate(roleName="list"), showingOnly=False)[0]
        sel = [r.findChildren(GenericPredicate(roleName="label"), showingOnly=False)[0].name for r in lst if r.getState().contains(pyatspi.STATE_SELECTED)]
        print(f"rubberband={rubber} tree={tr}: after click item2, ctrl-click item5 -> {sel}", flush=True)
    finally:
        p.terminate(); p.wait()
print("1..0")

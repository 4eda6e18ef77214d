#!/usr/bin/env python3
"""Install the current build into a temporary DESTDIR and check what lands there.

Usage: check-install.py MESON BUILDDIR PREFIX BINDIR DATADIR LOCALEDIR APP_ID UI [LANG...]

BINDIR, DATADIR and LOCALEDIR are the absolute install directories (prefix
already joined), UI is "true" when the GTK application is built, LANG are the
languages of po/LINGUAS. Runs `meson install --no-rebuild --destdir TMP`, so it
never builds and writes nothing outside TMP (meson's own install log in the
build directory is put back as it was). Prints TAP.
"""

import os
import shutil
import stat
import subprocess
import sys
import tempfile

meson, builddir, prefix, bindir, datadir, localedir, app_id, ui, *languages = sys.argv[1:]

n = 0
failed = False


def check(ok, what, details=''):
    global n, failed
    n += 1
    print(f"{'ok' if ok else 'not ok'} {n} - {what}")
    if not ok:
        failed = True
        for line in details.rstrip().splitlines():
            print(f'# {line}')


def rel(path):
    """An absolute install path as it sits under DESTDIR, relative to it."""
    return os.path.relpath(path, '/')


expected = {
    rel(os.path.join(bindir, 'davscope-cli')): 'executable',
    rel(os.path.join(datadir, 'applications', app_id + '.desktop')): 'file',
    rel(os.path.join(datadir, 'metainfo', app_id + '.metainfo.xml')): 'file',
    rel(os.path.join(datadir, 'glib-2.0', 'schemas', app_id + '.gschema.xml')): 'file',
    rel(os.path.join(datadir, 'icons', 'hicolor', 'scalable', 'apps', app_id + '.svg')): 'file',
    rel(os.path.join(datadir, 'icons', 'hicolor', 'symbolic', 'apps', app_id + '-symbolic.svg')): 'file',
}
if ui == 'true':
    expected[rel(os.path.join(bindir, 'davscope'))] = 'executable'
for lang in languages:
    expected[rel(os.path.join(localedir, lang, 'LC_MESSAGES', 'davscope.mo'))] = 'file'

log = os.path.join(builddir, 'meson-logs', 'install-log.txt')
saved_log = None
if os.path.exists(log):
    with open(log, 'rb') as f:
        saved_log = f.read()

tmp = tempfile.mkdtemp(prefix='davscope-install-')
try:
    env = dict(os.environ)
    env.pop('DESTDIR', None)
    proc = subprocess.run(
        [meson, 'install', '-C', builddir, '--no-rebuild', '--quiet', '--destdir', tmp],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=False)
    check(proc.returncode == 0, f'meson install --no-rebuild --destdir succeeds',
          f'exit {proc.returncode}\n{proc.stdout}')

    found = set()
    for root, dirs, files in os.walk(tmp):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            found.add(os.path.relpath(os.path.join(root, name), tmp))

    for path in sorted(expected):
        full = os.path.join(tmp, path)
        if not os.path.isfile(full):
            check(False, f'{path} is installed', 'missing')
        elif os.path.getsize(full) == 0:
            check(False, f'{path} is installed', 'empty file')
        elif expected[path] == 'executable' and not os.stat(full).st_mode & stat.S_IXUSR:
            check(False, f'{path} is installed', 'not executable')
        else:
            check(True, f'{path} is installed')

    extra = sorted(found - set(expected))
    check(not extra, 'nothing else is installed', 'unexpected:\n' + '\n'.join(extra))

    # The installed tree as AppStream sees it: metainfo, its launchable
    # desktop file and the icon, checked together.
    appstreamcli = shutil.which('appstreamcli')
    root = os.path.join(tmp, rel(prefix))
    if appstreamcli and os.path.isdir(root):
        tree = subprocess.run([appstreamcli, 'validate-tree', '--no-net', root],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              check=False)
        check(tree.returncode == 0, 'appstreamcli validate-tree accepts the installed tree',
              tree.stdout)
    else:
        n += 1
        print(f'ok {n} # SKIP appstreamcli validate-tree: no appstreamcli or nothing installed')
finally:
    shutil.rmtree(tmp, ignore_errors=True)
    if saved_log is not None:
        with open(log, 'wb') as f:
            f.write(saved_log)
    elif os.path.exists(log):
        os.remove(log)

print(f'1..{n}')
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""The state of benchmarks/run --rtt's bulk rows (copy, move, PROPPATCH,
upload, download of N small files): made before each run, checked after.

    bulk-state.py fill FOLDER N        FOLDER holds exactly the N files
    bulk-state.py empty FOLDER         FOLDER exists and is empty
    bulk-state.py check FOLDER N [--gone FOLDER] [--prop ROOT]
                                       prints what is wrong, nothing if all is
                                       right: the N files with their sizes,
                                       none of them left in --gone, and with
                                       --prop each one's dead property in
                                       Apache's property database under ROOT
    bulk-state.py urls BASE N          the N URLs under BASE (escaped)
    bulk-state.py curl KIND BASE N ... a curl config, one request per file:
        copy|move BASE N DEST          COPY/MOVE to DEST/name
        proppatch BASE N BODY          PROPPATCH with the body in file BODY
        put LOCAL N BASE               PUT of LOCAL/name to BASE/name
        get BASE N LOCAL               GET of BASE/name into LOCAL/name
      (every option in every block: --next starts each afresh)

The names are gen-tree.py's (spaces, non-ASCII, as on people's servers);
the sizes 1 to 4,096 bytes.  Python standard library only.
"""

import importlib.util
import os
import sys
import urllib.parse

_spec = importlib.util.spec_from_file_location(
    "gen_tree", os.path.join(os.path.dirname(os.path.realpath(__file__)), "gen-tree.py"))
gen_tree = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_tree)


PROP_NS = b"urn:davscope:bench"   # the namespace benchmarks/run's PROPPATCH sets


def size(i):
    return i * 37 % 4096 + 1


def names(n):
    return [gen_tree.name(i) for i in range(n)]


def fill(folder, n):
    os.makedirs(folder, 0o777, exist_ok=True)
    wanted = {gen_tree.name(i): size(i) for i in range(n)}
    for entry in os.listdir(folder):
        p = os.path.join(folder, entry)
        if wanted.get(entry) == os.path.getsize(p) and os.path.isfile(p):
            del wanted[entry]
        elif os.path.isdir(p) and not os.path.islink(p):
            import shutil
            shutil.rmtree(p)
        else:
            os.unlink(p)
    for entry, length in wanted.items():
        with open(os.path.join(folder, entry), "wb") as f:
            f.write(b"x" * length)


def empty(folder):
    import shutil
    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.mkdir(folder, 0o777)


def check(folder, n, gone=None, prop=None):
    problems = []
    have = {}
    if os.path.isdir(folder):
        for entry in os.listdir(folder):
            p = os.path.join(folder, entry)
            if os.path.isfile(p):
                have[entry] = os.path.getsize(p)
    missing = wrong = 0
    for i in range(n):
        got = have.pop(gen_tree.name(i), None)
        if got is None:
            missing += 1
        elif got != size(i):
            wrong += 1
    if missing:
        problems.append(f"{missing} of {n} files missing")
    if wrong:
        problems.append(f"{wrong} files of the wrong size")
    if have:
        problems.append(f"{len(have)} files not expected")
    if gone is not None and os.path.isdir(gone):
        left = sum(1 for e in os.listdir(gone) if e in set(names(n)))
        if left:
            problems.append(f"{left} files still at the source")
    if prop:
        # Apache mod_dav_fs keeps a file's dead properties in .DAV/NAME (a
        # DBM file beside it; .pag/.dir with SDBM): the namespace is in it.
        dav = os.path.join(folder, ".DAV")
        unpatched = 0
        for i in range(n):
            base = os.path.join(dav, gen_tree.name(i))
            found = False
            for path in (base, base + ".pag", base + ".dir"):
                try:
                    with open(path, "rb") as f:
                        found = found or PROP_NS in f.read()
                except OSError:
                    pass
            unpatched += not found
        if unpatched:
            problems.append(f"{unpatched} files without the property")
    print("; ".join(problems))


def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def curl_config(kind, args):
    ca = os.environ.get("BULK_CACERT")
    common = ["silent", "show-error", "fail", "globoff"] + ([f"cacert = {q(ca)}"] if ca else [])
    blocks = []
    if kind in ("copy", "move", "proppatch"):
        base, n, extra = args[0], int(args[1]), args[2]
        for name in names(n):
            e = urllib.parse.quote(name)
            b = common + [f"url = {q(base + e)}", "output = /dev/null"]
            if kind == "proppatch":
                b += ["request = PROPPATCH", f"data-binary = {q('@' + extra)}",
                      'header = "Content-Type: application/xml"']
            else:
                b += [f"request = {kind.upper()}", f"header = {q('Destination: ' + extra + e)}",
                      'header = "Overwrite: F"']
            blocks.append(b)
    elif kind == "put":
        local, n, base = args[0], int(args[1]), args[2]
        for name in names(n):
            blocks.append(common + [f"upload-file = {q(os.path.join(local, name))}",
                                    f"url = {q(base + urllib.parse.quote(name))}", "output = /dev/null"])
    elif kind == "get":
        base, n, local = args[0], int(args[1]), args[2]
        for name in names(n):
            blocks.append(common + [f"url = {q(base + urllib.parse.quote(name))}",
                                    f"output = {q(os.path.join(local, name))}"])
    else:
        sys.exit(f"bulk-state.py: unknown curl kind {kind}")
    print("\nnext\n".join("\n".join(b) for b in blocks))


def main(argv):
    os.umask(0)
    cmd = argv[1] if len(argv) > 1 else ""
    if cmd == "fill":
        fill(argv[2], int(argv[3]))
    elif cmd == "empty":
        empty(argv[2])
    elif cmd == "check":
        gone = argv[argv.index("--gone") + 1] if "--gone" in argv else None
        prop = "--prop" in argv
        check(argv[2], int(argv[3]), gone, prop)
    elif cmd == "urls":
        for name in names(int(argv[3])):
            print(argv[2] + urllib.parse.quote(name))
    elif cmd == "curl":
        curl_config(argv[2], argv[3:])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

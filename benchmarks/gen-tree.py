#!/usr/bin/env python3
"""Generate a share tree for the benchmarks directly on disk.

    gen-tree.py DIR [--sizes 1000,10000,100000] [--no-nested] [--delete N]
    gen-tree.py --refill FOLDER N

The first form creates in DIR (which must not exist yet, or be empty):

    flat-1000/ flat-10000/ flat-100000/   one folder per size, N files each
    nested/                               4 levels of folders, 5 wide:
                                          780 folders, 7,965 files
    delete/                               N files for the bulk delete
                                          (default 1,000; 0: no folder)

File names mix spaces, punctuation and non-ASCII, in four patterns:

    "file 000001 – Grüße.txt", "Datei 000002 (Entwurf).md",
    "写真 000003.jpg", "report #000004 café + thé.pdf"

so that every href is percent-encoded and every name is NFC UTF-8.

The files are sparse: each has a length (0 ... 99,999 bytes, shown as
getcontentlength) but no data, so 100,000 of them cost only inodes on a
tmpfs.  Folders are mode 0777 and files 0666 whoever runs this, so that
Apache running as www-data (tests/servers/with-apache as root) can list and
delete them without a chown walk.  Serve the tree with

    tests/servers/with-apache --seed tree:DIR -- COMMAND

`--refill FOLDER N` (for hyperfine --prepare) makes FOLDER hold exactly the
N files of a `delete/` folder again: the missing ones are created, other
entries are removed.

Python standard library only.
"""

import argparse
import os
import shutil
import sys
import time

PATTERNS = (
    "file {i:06d} – Grüße.txt",
    "Datei {i:06d} (Entwurf).md",
    "写真 {i:06d}.jpg",
    "report #{i:06d} café + thé.pdf",
)

NESTED_WIDTH = 5        # folders per folder
NESTED_DEPTH = 4        # levels of folders
NESTED_LEAF_FILES = 12  # files in each folder of the last level
NESTED_INNER_FILES = 3  # files in each folder above it


def name(i):
    return PATTERNS[i % len(PATTERNS)].format(i=i)


def make_file(path, size):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        if size:
            os.ftruncate(fd, size)
    finally:
        os.close(fd)


def make_dir(path):
    os.mkdir(path, 0o777)


def fill_flat(folder, n):
    for i in range(n):
        make_file(os.path.join(folder, name(i)), i * 37 % 100000)


def fill_nested(folder, level=1, prefix=""):
    count_files = count_dirs = 0
    if level > NESTED_DEPTH:
        return 0, 0
    for k in range(NESTED_WIDTH):
        label = f"{prefix}{k + 1}"
        sub = os.path.join(folder, f"Ebene {level} – Ordner {label}")
        make_dir(sub)
        count_dirs += 1
        last = level == NESTED_DEPTH
        for i in range(NESTED_LEAF_FILES if last else NESTED_INNER_FILES):
            make_file(os.path.join(sub, name(i)), (i + 1) * 1000)
            count_files += 1
        f, d = fill_nested(sub, level + 1, label + ".")
        count_files += f
        count_dirs += d
    return count_files, count_dirs


def refill(folder, n):
    if not os.path.isdir(folder):
        make_dir(folder)
    wanted = {name(i): i for i in range(n)}
    for entry in os.listdir(folder):
        if entry in wanted:
            del wanted[entry]
        else:
            p = os.path.join(folder, entry)
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p)
            else:
                os.unlink(p)
    for entry, i in wanted.items():
        make_file(os.path.join(folder, entry), i * 37 % 100000)


def main():
    ap = argparse.ArgumentParser(description="Generate a WebDAV benchmark share tree on disk.")
    ap.add_argument("dir", nargs="?", help="where to create the tree")
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="comma-separated sizes of the flat folders (default 1000,10000,100000)")
    ap.add_argument("--no-nested", action="store_true", help="no nested/ tree")
    ap.add_argument("--delete", type=int, default=1000, metavar="N",
                    help="files in delete/ (default 1000; 0: none)")
    ap.add_argument("--refill", nargs=2, metavar=("FOLDER", "N"),
                    help="make FOLDER hold exactly N delete files again")
    args = ap.parse_args()
    os.umask(0)

    if args.refill:
        refill(args.refill[0], int(args.refill[1]))
        return 0
    if not args.dir:
        ap.error("give DIR (or --refill FOLDER N)")

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if os.path.exists(args.dir) and os.listdir(args.dir):
        sys.exit(f"gen-tree.py: {args.dir} exists and is not empty")
    os.makedirs(args.dir, exist_ok=True)
    os.chmod(args.dir, 0o777)

    t0 = time.monotonic()
    for n in sizes:
        folder = os.path.join(args.dir, f"flat-{n}")
        make_dir(folder)
        fill_flat(folder, n)
    summary = [f"flat {'/'.join(str(n) for n in sizes)}"]
    if not args.no_nested:
        folder = os.path.join(args.dir, "nested")
        make_dir(folder)
        f, d = fill_nested(folder)
        summary.append(f"nested {d} folders, {f} files")
    if args.delete:
        refill(os.path.join(args.dir, "delete"), args.delete)
        summary.append(f"delete {args.delete}")
    print(f"gen-tree.py: {args.dir}: {'; '.join(summary)} in {time.monotonic() - t0:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Turns the results of benchmarks/run into Markdown tables.

    report.py RESULTS.tsv [MACHINE.md]

RESULTS.tsv has one line per measured command, tab-separated:

    group size key label floor status json rss_kb note

group: list, tree, parse, delete, gui, rtt-http, rtt-https (benchmarks/run
--rtt; the round trip in $BENCH_RTT); floor: 1 on the row the others are
compared with (the curl floor; xmllint --stream for the parser; the CLI for
the GUI), x on a row no ratio makes sense for (time to first rows); status:
ok, failed, n/a; json: hyperfine --export-json file (or -); rss_kb: peak
RSS from /usr/bin/time -v (or -).  Python standard library only.
"""

import json
import os
import statistics
import sys

TITLES = {
    "list": "Listing a flat folder: PROPFIND Depth 1 (curl: allprop), {size} files",
    "tree": "Listing the 4-level tree (780 folders, 7,965 files): Depth infinity, or folder by folder",
    "parse": "The parser alone, on the saved allprop body of {size} files",
    "delete": "Bulk delete of {size} files (re-created before every run)",
    "gui": "The GUI (davscope under Xvfb) listing the folder of {size} files, beside the CLI",
    "gui-nginx": "The GUI listing the folder of {size} files served by nginx (dav-ext), beside the CLI",
    "rtt-http": "Bulk delete of {size} files at {rtt} ms round trip, http/1.1 (re-created before every run)",
    "rtt-https": "Bulk delete of {size} files at {rtt} ms round trip, https with HTTP/2 (re-created before every run)",
}
WALK = "Recursive listing of 1,000 folders in 4 levels at {rtt} ms round trip, Depth infinity refused, "
H2DEL = "Bulk delete of {size} files at {rtt} ms round trip over HTTP/2, with its timeline, "
BIG = "1 GiB {what} (re-done before every run), curl and davscope-cli in turn, "
TITLES.update({
    "rtt-walk-http": WALK + "http/1.1",
    "rtt-walk-https": WALK + "https, HTTP/2 (mod_http2's 100 streams)",
    "rtt-walk-https-1000": WALK + "https, HTTP/2 with H2MaxSessionStreams 1000",
    "rtt-h2del-https": H2DEL + "mod_http2's 100 streams",
    "rtt-h2del-https-1000": H2DEL + "H2MaxSessionStreams 1000",
    "rtt-big-loopback-GET": BIG.format(what="GET") + "loopback, http/1.1",
    "rtt-big-loopback-PUT": BIG.format(what="PUT") + "loopback, http/1.1",
    "rtt-big-far-GET": BIG.format(what="GET") + "through the latency proxy ({rtt} ms), http/1.1",
    "rtt-big-far-PUT": BIG.format(what="PUT") + "through the latency proxy ({rtt} ms), http/1.1",
})
ORDER = ("list", "tree", "parse", "delete", "gui", "gui-nginx", "rtt-http", "rtt-https",
         "rtt-walk-http", "rtt-walk-https", "rtt-walk-https-1000", "rtt-h2del-https",
         "rtt-h2del-https-1000", "rtt-big-loopback-GET", "rtt-big-loopback-PUT",
         "rtt-big-far-GET", "rtt-big-far-PUT")

# benchmarks/run --rtt, the other bulk work: GROUP-OP per protocol.
BULK_WORK = {"copy": "COPY of {size} files into another folder", "move": "MOVE of {size} files into another folder",
             "proppatch": "PROPPATCH of {size} files (one dead property each)",
             "put": "Upload of {size} small files", "get": "Download of {size} small files"}
for _op, _what in BULK_WORK.items():
    TITLES[f"rtt-http-{_op}"] = _what + " at {rtt} ms round trip, http/1.1 (re-created before every run)"
    TITLES[f"rtt-https-{_op}"] = _what + " at {rtt} ms round trip, https with HTTP/2 (re-created before every run)"
ORDER += tuple(f"rtt-{_p}-{_op}" for _p in ("http", "https") for _op in BULK_WORK)


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            parts = line.split("\t")
            parts += [""] * (9 - len(parts))
            group, size, key, label, floor, status, js, rss, note = parts[:9]
            row = {"group": group, "size": int(size) if size.isdigit() else 0, "key": key,
                   "label": label, "floor": floor == "1", "no_ratio": floor == "x", "status": status,
                   "rss_kb": int(rss) if rss.isdigit() else None, "note": note,
                   "median": None, "min": None, "max": None, "runs": 0}
            if status == "ok" and js not in ("", "-"):
                try:
                    with open(js, encoding="utf-8") as jf:
                        r = json.load(jf)["results"][0]
                    times = r.get("times") or [r["median"]]
                    row.update(median=statistics.median(times), min=min(times), max=max(times),
                               runs=len(times))
                except (OSError, ValueError, KeyError, IndexError) as e:
                    row["status"] = "failed"
                    row["note"] = (row["note"] + "; " if row["note"] else "") + f"no hyperfine result ({e})"
            rows.append(row)
    return rows


def fmt_s(x):
    if x is None:
        return "-"
    return f"{x:.3f} s" if x < 10 else f"{x:.2f} s"


def fmt_mib(kb):
    return "-" if kb is None else f"{kb / 1024:.1f} MiB"


def md(text):
    return text.replace("|", "\\|")


def table(rows):
    out = ["| tool | median wall | min – max (runs) | peak RSS | × floor | note |",
           "| --- | ---: | ---: | ---: | ---: | --- |"]
    floor = next((r for r in rows if r["floor"] and r["median"]), None)
    for r in rows:
        if r["status"] == "ok" and r["median"] is not None:
            wall = fmt_s(r["median"])
            spread = f"{r['min']:.3f} – {r['max']:.3f} ({r['runs']})"
            ratio = "floor" if r["floor"] else (
                f"{r['median'] / floor['median']:.2f}×" if floor and not r["no_ratio"] else "-")
            rss = fmt_mib(r["rss_kb"])
        else:
            wall = spread = ratio = rss = r["status"]
        out.append(f"| {md(r['label'])} | {wall} | {spread} | {rss} | {ratio} | {md(r['note'])} |")
    return "\n".join(out)


def main():
    rows = load(sys.argv[1])
    if len(sys.argv) > 2:
        with open(sys.argv[2], encoding="utf-8") as f:
            sys.stdout.write(f.read().rstrip("\n") + "\n\n")
    summary = []
    for group in ORDER:
        sizes = sorted({r["size"] for r in rows if r["group"] == group})
        for size in sizes:
            sel = [r for r in rows if r["group"] == group and r["size"] == size]
            title = TITLES.get(group, group).format(size=f"{size:,}", rtt=os.environ.get("BENCH_RTT", "?"))
            print(f"### {title}\n")
            print(table(sel))
            print()
            floor = next((r for r in sel if r["floor"] and r["median"]), None)
            if floor and (group in ("list", "parse", "delete", "gui", "gui-nginx")
                          or group.startswith(("rtt-http", "rtt-big-"))):
                for r in sel:
                    if (r["key"].startswith("davscope") or r["key"] == "complete") and r["median"]:
                        summary.append(f"| {group} {size:,} | {md(r['label'])} | {md(floor['label'])} | "
                                       f"{r['median'] / floor['median']:.2f}× | {fmt_mib(r['rss_kb'])} |")
    if summary:
        print("### Davscope against the floor, in one place\n")
        print("| work | davscope | floor | × floor | peak RSS |\n| --- | --- | --- | ---: | ---: |")
        print("\n".join(summary))
        print()


if __name__ == "__main__":
    main()

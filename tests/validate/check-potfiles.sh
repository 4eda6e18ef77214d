#!/usr/bin/env bash
# Every file with translatable strings is in po/POTFILES.in, every listed
# file exists, and xgettext reads them all without complaint.
set -u
top="$1"
cd "$top" || exit 1
status=0
n=0

while read -r f; do
  n=$((n + 1))
  if grep -qxF "$f" po/POTFILES.in; then
    echo "ok $n - $f is in POTFILES.in"
  else
    echo "not ok $n - $f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done < <( (grep -lE '\b(N_|_|C_|g_dngettext)[[:space:]]*\(' src/*/*.c; grep -l 'translatable="yes"' src/*/*.ui src/ui/gtk/*.ui; ls data/*.gschema.xml) 2>/dev/null | sort -u)

while read -r f; do
  [ -z "$f" ] && continue
  n=$((n + 1))
  if [ -f "$f" ]; then echo "ok $n - $f exists"; else echo "not ok $n - $f is listed but missing"; status=1; fi
done < po/POTFILES.in

n=$((n + 1))
if out=$(xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=g_dngettext:2,3 \
    --files-from=po/POTFILES.in -o - 2>&1 >/dev/null); [ -z "$out" ]; then
  echo "ok $n - xgettext extracts every file cleanly"
else
  echo "not ok $n - xgettext complained"; echo "$out" | sed 's/^/# /'; status=1
fi

echo "1..$n"
exit $status

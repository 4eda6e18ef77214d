#!/usr/bin/env bash
# Smoke test of the Apache mod_dav harness; prints TAP.  Run it under
#   tests/servers/with-apache [--seed demo] -- tests/servers/test-harness.sh
# Needs curl.
set -u

: "${DAVSCOPE_TEST_URL:?run me under tests/servers/with-apache}"
URL=$DAVSCOPE_TEST_URL
CRED="$DAVSCOPE_TEST_USER:$DAVSCOPE_TEST_PASSWORD"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BODY=$WORK/body
HDRS=$WORK/headers

PLAN=19
[ "${DAVSCOPE_TEST_SEED:-}" = demo ] && PLAN=$((PLAN + 4))
echo "1..$PLAN"

n=0
failed=0
ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1))
    failed=$((failed + 1))
    echo "not ok $n - $1"
    shift
    for line in "$@"; do echo "#   $line"; done
    if [ -s "$HDRS" ]; then sed 's/^/#   < /' "$HDRS" | tr -d '\r'; fi
    if [ -s "$BODY" ]; then head -c 2000 "$BODY" | sed 's/^/#   /'; echo; fi
}
# req METHOD URL [curl args...]: sets $code, body in $BODY, headers in $HDRS
req() {
    local method=$1 url=$2
    shift 2
    : >"$BODY"
    : >"$HDRS"
    code=$(curl -s -g -X "$method" -o "$BODY" -D "$HDRS" -w '%{http_code}' "$@" "$url") || code="curl-failed($?)"
}
# expect DESCRIPTION EXPECTED-CODE...
expect() {
    local desc=$1
    shift
    local c
    for c in "$@"; do
        if [ "$code" = "$c" ]; then
            ok "$desc"
            return 0
        fi
    done
    not_ok "$desc" "expected HTTP $*, got $code"
    return 1
}
body_has() {
    grep -q -- "$1" "$BODY"
}
header() {
    tr -d '\r' <"$HDRS" | sed -n "s/^$1: *//Ip" | tail -n 1
}

PROPFIND_ALLPROP='<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>'
LOCKINFO='<?xml version="1.0" encoding="utf-8"?>
<D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>test-harness</D:owner></D:lockinfo>'
XML=(-H 'Content-Type: application/xml; charset="utf-8"')

# 1: listing
req PROPFIND "$URL" -H 'Depth: 1' "${XML[@]}" --data-binary "$PROPFIND_ALLPROP"
if [ "$code" = 207 ] && body_has '<D:multistatus'; then
    ok "PROPFIND Depth 1 on /dav/ answers 207 with a multistatus"
else
    not_ok "PROPFIND Depth 1 on /dav/ answers 207 with a multistatus" "got $code"
fi

# 2-5: MKCOL, PUT, GET round trip
req MKCOL "${URL}harness%20dir/"
expect "MKCOL /dav/harness dir/ answers 201" 201
printf 'Hello, Davscope! Grüße, 日本語\n' >"$WORK/upload"
req PUT "${URL}harness%20dir/hello%20w%C3%B6rld.txt" -H 'Content-Type: text/plain' --data-binary "@$WORK/upload"
expect "PUT a file answers 201" 201
req GET "${URL}harness%20dir/hello%20w%C3%B6rld.txt"
if [ "$code" = 200 ] && cmp -s "$BODY" "$WORK/upload"; then
    ok "GET returns what PUT stored"
else
    not_ok "GET returns what PUT stored" "got $code"
fi
if [ -f "$DAVSCOPE_TEST_ROOT/harness dir/hello wörld.txt" ]; then
    ok "the PUT file is in DAVSCOPE_TEST_ROOT on disk"
else
    not_ok "the PUT file is in DAVSCOPE_TEST_ROOT on disk" "$(ls -la "$DAVSCOPE_TEST_ROOT" 2>&1)"
fi

# 6-9: Basic auth
req PROPFIND "$DAVSCOPE_TEST_BASIC_URL" -H 'Depth: 1'
expect "PROPFIND /basic/ without credentials answers 401" 401
if header WWW-Authenticate | grep -q "^Basic realm=\"$DAVSCOPE_TEST_REALM\""; then
    ok "/basic/ challenges with Basic realm=\"$DAVSCOPE_TEST_REALM\""
else
    not_ok "/basic/ challenges with Basic realm=\"$DAVSCOPE_TEST_REALM\""
fi
req PROPFIND "$DAVSCOPE_TEST_BASIC_URL" -H 'Depth: 1' -u "$CRED"
expect "PROPFIND /basic/ with alice's password answers 207" 207
req PROPFIND "$DAVSCOPE_TEST_BASIC_URL" -H 'Depth: 1' -u "$DAVSCOPE_TEST_USER:wrong"
expect "PROPFIND /basic/ with a wrong password answers 401" 401

# 10-12: Digest auth
req PROPFIND "$DAVSCOPE_TEST_DIGEST_URL" -H 'Depth: 1'
expect "PROPFIND /digest/ without credentials answers 401" 401
if header WWW-Authenticate | grep -q "^Digest realm=\"$DAVSCOPE_TEST_REALM\""; then
    ok "/digest/ challenges with Digest realm=\"$DAVSCOPE_TEST_REALM\""
else
    not_ok "/digest/ challenges with Digest realm=\"$DAVSCOPE_TEST_REALM\""
fi
req PROPFIND "$DAVSCOPE_TEST_DIGEST_URL" -H 'Depth: 1' --digest -u "$CRED"
expect "PROPFIND /digest/ with Digest credentials answers 207" 207

# 13-17: a locked member makes DELETE of its folder fail with 423 inside a multistatus
req MKCOL "${URL}lockdir/"
req PUT "${URL}lockdir/keep.txt" --data-binary 'locked'
req PUT "${URL}lockdir/other.txt" --data-binary 'other'
req LOCK "${URL}lockdir/keep.txt" -H 'Timeout: Second-3600' -H 'Depth: 0' "${XML[@]}" --data-binary "$LOCKINFO"
TOKEN=$(header Lock-Token)
if [ "$code" = 200 ] && [ -n "$TOKEN" ]; then
    ok "LOCK answers 200 with a Lock-Token ($TOKEN)"
else
    not_ok "LOCK answers 200 with a Lock-Token"
fi
req DELETE "${URL}lockdir/"
if { [ "$code" = 207 ] || [ "$code" = 424 ]; } && body_has '<D:multistatus' &&
    body_has 'HTTP/1.1 423' && body_has '/dav/lockdir/keep.txt'; then
    ok "DELETE of the folder answers $code with a multistatus holding 423 for keep.txt"
else
    not_ok "DELETE of the folder answers 207/424 with a multistatus holding 423" "got $code"
fi
req GET "${URL}lockdir/keep.txt"
expect "the locked file survived the DELETE" 200
req UNLOCK "${URL}lockdir/keep.txt" -H "Lock-Token: $TOKEN"
expect "UNLOCK answers 204" 204
req DELETE "${URL}lockdir/"
expect "DELETE of the folder succeeds after UNLOCK" 204

# 18-19: files a test creates directly on disk are usable by the server
# once given to its user (this runs with the caller's umask, not 000)
mkdir -p "$DAVSCOPE_TEST_ROOT/direct/sub"
echo direct >"$DAVSCOPE_TEST_ROOT/direct/sub/file.txt"
chown -R --reference="$DAVSCOPE_TEST_ROOT" "$DAVSCOPE_TEST_ROOT/direct"
req PUT "${URL}direct/sub/new.txt" --data-binary 'new'
expect "PUT into a folder the test made on disk answers 201" 201
req DELETE "${URL}direct/"
expect "DELETE of a tree the test made on disk answers 204" 204

if [ "${DAVSCOPE_TEST_SEED:-}" = demo ]; then
    req PROPFIND "${URL}Properties%20Demo.txt" -H 'Depth: 0' "${XML[@]}" --data-binary \
        '<?xml version="1.0"?><D:propfind xmlns:D="DAV:" xmlns:x="http://example.com/ns/davscope-demo"><D:prop><x:author/><x:tags/></D:prop></D:propfind>'
    if [ "$code" = 207 ] && body_has 'Alice Liddell' && body_has 'tag>sample<'; then
        ok "demo: dead properties author and tags are set"
    else
        not_ok "demo: dead properties author and tags are set" "got $code"
    fi
    req GET "${URL}Gr%C3%BC%C3%9Fe.txt"
    expect "demo: GET Grüße.txt answers 200" 200
    req PROPFIND "$URL" -H 'Depth: infinity'
    count=$(grep -c '<D:response' "$BODY")
    if [ "$code" = 207 ] && [ "$count" -ge 300 ]; then
        ok "demo: PROPFIND Depth infinity lists $count resources"
    else
        not_ok "demo: PROPFIND Depth infinity lists at least 300 resources" "got $code, $count responses"
    fi
    req DELETE "${URL}Locked%20Folder/"
    if { [ "$code" = 207 ] || [ "$code" = 424 ]; } && body_has 'HTTP/1.1 423' &&
        body_has "${DAVSCOPE_TEST_DEMO_LOCKED_PATH:-locked.txt}"; then
        ok "demo: DELETE of 'Locked Folder' answers $code with 423 for locked.txt"
    else
        not_ok "demo: DELETE of 'Locked Folder' answers 207/424 with 423" "got $code"
    fi
fi

[ "$n" -eq "$PLAN" ] || { echo "# ran $n tests, planned $PLAN"; exit 1; }
[ "$failed" -eq 0 ]

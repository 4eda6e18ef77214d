#!/usr/bin/env bash
# Smoke test of tests/servers/with-server KIND; prints TAP.
#   tests/servers/test-with-server.sh nginx|lighttpd|sabre|apache
# Starts the server four times: with --seed demo around checks over curl
# (OPTIONS, a Depth 1 listing of the seeded names, PUT/GET, the demo lock),
# around a COMMAND that fails, and with --print-env until SIGTERM; each time
# the server must be gone afterwards (pid and its process group, port, folder).
# Last, with-server is SIGKILLed: the server must die all the same.
# Needs curl.
set -u

KIND=${1:?usage: test-with-server.sh KIND}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WITH_SERVER="$HERE/with-server"

# ---------------------------------------------------------------- inner
# Runs under with-server: TAP lines from number $2 on, then the number of
# the last one, the port, the pid and the folder go to the file $3.
if [ "${2:-}" = --inner ]; then
    n=$3
    state=$4
    URL=$DAVSCOPE_TEST_URL
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
    BODY=$WORK/body
    HDRS=$WORK/headers
    failed=0
    ok() { n=$((n + 1)); echo "ok $n - $KIND: $1"; }
    not_ok() {
        n=$((n + 1))
        failed=1
        echo "not ok $n - $KIND: $1"
        shift
        for line in "$@"; do echo "#   $line"; done
        if [ -s "$HDRS" ]; then sed 's/^/#   < /' "$HDRS" | tr -d '\r'; fi
        if [ -s "$BODY" ]; then head -c 1500 "$BODY" | sed 's/^/#   /'; echo; fi
    }
    check() { # DESCRIPTION CONDITION...
        local desc=$1
        shift
        if "$@"; then ok "$desc"; else not_ok "$desc" "got HTTP $code"; fi
    }
    req() {
        local method=$1 url=$2
        shift 2
        : >"$BODY"
        : >"$HDRS"
        code=$(curl -s -g -X "$method" -o "$BODY" -D "$HDRS" -w '%{http_code}' "$@" "$url") ||
            code="curl-failed($?)"
    }
    header() { tr -d '\r' <"$HDRS" | sed -n "s/^$1: *//Ip" | tail -n 1; }
    is() { [ "$1" = "$2" ]; }

    printf '%s %s %s %s\n' "$n" "$DAVSCOPE_TEST_PORT" "$DAVSCOPE_TEST_SERVER_PID" \
        "$DAVSCOPE_TEST_SERVER_ROOT" >"$state"

    check "DAVSCOPE_TEST_SERVER is $KIND, version '${DAVSCOPE_TEST_SERVER_VERSION:-}'" \
        eval '[ "$DAVSCOPE_TEST_SERVER" = "$KIND" ] && [ -n "${DAVSCOPE_TEST_SERVER_VERSION:-}" ]'

    req OPTIONS "$URL"
    check "OPTIONS /dav/ answers 200 with a DAV header ($(header DAV))" \
        eval '[ "$code" = 200 ] && [ -n "$(header DAV)" ]'

    req PROPFIND "$URL" -H 'Depth: 1' -H 'Content-Type: application/xml' --data-binary \
        '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:allprop/></D:propfind>'
    missing=()
    # Hex digits are upper case on nginx and lighttpd, lower case on Apache and sabre.
    for href in /dav/ /dav/README.txt /dav/Documents/ /dav/Locked%20Folder/ /dav/Many%20Files/ \
        "/dav/Properties%20Demo.txt" /dav/Gr%C3%BC%C3%9Fe.txt /dav/%E6%97%A5%E6%9C%AC%E8%AA%9E.md \
        /dav/issue%20%2342.txt /dav/100%25%20done.txt; do
        grep -qi -- ":href>$href<" "$BODY" || missing+=("$href")
    done
    if [ "$code" = 207 ] && [ ${#missing[@]} -eq 0 ]; then
        ok "PROPFIND Depth 1 on the demo seed answers 207 listing the seeded names"
    else
        not_ok "PROPFIND Depth 1 on the demo seed answers 207 listing the seeded names" \
            "got HTTP $code; missing: ${missing[*]}"
    fi

    printf 'round trip on %s: Grüße\n' "$KIND" >"$WORK/upload"
    req PUT "${URL}round%20trip.txt" -H 'Content-Type: text/plain' --data-binary "@$WORK/upload"
    check "PUT of a new file answers 201" is "$code" 201
    req GET "${URL}round%20trip.txt"
    check "GET returns what PUT stored" eval '[ "$code" = 200 ] && cmp -s "$BODY" "$WORK/upload"'
    check "the file is in DAVSCOPE_TEST_ROOT on disk" \
        cmp -s "$DAVSCOPE_TEST_ROOT/round trip.txt" "$WORK/upload"

    props=1
    [ "$KIND" = nginx ] && props=0
    check "DAVSCOPE_TEST_DEMO_PROPS is $props" is "${DAVSCOPE_TEST_DEMO_PROPS:-}" "$props"
    req PUT "${URL}Locked%20Folder/locked.txt" --data-binary 'overwritten'
    check "PUT on the demo's locked file without its token answers 423" is "$code" 423
    req PUT "${URL}Locked%20Folder/locked.txt" -H "If: (<$DAVSCOPE_TEST_DEMO_LOCK_TOKEN>)" \
        --data-binary 'overwritten'
    check "PUT with DAVSCOPE_TEST_DEMO_LOCK_TOKEN in If answers 2xx" \
        eval '[ "$code" = 200 ] || [ "$code" = 201 ] || [ "$code" = 204 ]'

    printf '%s %s %s %s\n' "$n" "$DAVSCOPE_TEST_PORT" "$DAVSCOPE_TEST_SERVER_PID" \
        "$DAVSCOPE_TEST_SERVER_ROOT" >"$state"
    exit $failed
fi

# ---------------------------------------------------------------- outer
INNER=9
PLAN=$((INNER + 3 * 4 + 2))
echo "1..$PLAN"
n=0
ok() { n=$((n + 1)); echo "ok $n - $KIND: $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $KIND: $1"; shift; for l in "$@"; do echo "#   $l"; done; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# gone WHAT: the server of the last run (port, pid, root from $WORK/state) is gone.
gone() {
    local what=$1 _n port pid root
    if ! read -r _n port pid root <"$WORK/state" || [ -z "$root" ]; then
        for _ in 1 2 3; do not_ok "$what: the server said nothing of its pid, port and folder"; done
        return
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && [ -z "$(ps -o pid= -g "$pid")" ]; then
        ok "$what: the server (pid $pid) and its process group are gone"
    else
        not_ok "$what: the server (pid $pid) and its process group are gone" "$(ps -o pid,user,args -g "$pid")"
    fi
    if ! curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/dav/"; then
        ok "$what: nothing answers on port $port"
    else
        not_ok "$what: nothing answers on port $port"
    fi
    if [ -n "$root" ] && [ ! -e "$root" ]; then
        ok "$what: $root is removed"
    else
        not_ok "$what: ${root:-the folder} is removed" "$(ls -la "$root" 2>&1)"
    fi
}

# exit_status DESCRIPTION EXPECTED: $rc, with-server's, is EXPECTED.
exit_status() {
    if [ "$rc" -eq "$2" ]; then ok "$1"; else
        not_ok "$1" "exit status $rc"
        sed 's/^/#   /' "$WORK/log"
    fi
}

# start_print_env: with-server --print-env in the background (pid in $ws);
# once it is ready, its port, pid and folder go to $WORK/state.
start_print_env() {
    "$WITH_SERVER" "$KIND" --print-env >"$WORK/env" 2>"$WORK/log" &
    ws=$!
    for _ in $(seq 200); do
        grep -q '^# ready' "$WORK/env" && break
        sleep 0.1
    done
    (
        # shellcheck disable=SC1091
        . "$WORK/env"
        echo "0 $DAVSCOPE_TEST_PORT $DAVSCOPE_TEST_SERVER_PID $DAVSCOPE_TEST_SERVER_ROOT" >"$WORK/state"
    )
}

: >"$WORK/state"
"$WITH_SERVER" "$KIND" --seed demo -- "$0" "$KIND" --inner 0 "$WORK/state" 2>"$WORK/log"
rc=$?
read -r n _ <"$WORK/state" || n=0
if [ "$n" -ne "$INNER" ]; then
    echo "# the checks under with-server stopped after $n of $INNER"
    sed 's/^/#   /' "$WORK/log"
    while [ "$n" -lt "$INNER" ]; do not_ok "check under with-server did not run"; done
fi
exit_status "with-server exits 0 when COMMAND does" 0
gone "after COMMAND"

: >"$WORK/state"
"$WITH_SERVER" "$KIND" -- sh -c \
    'echo "0 $DAVSCOPE_TEST_PORT $DAVSCOPE_TEST_SERVER_PID $DAVSCOPE_TEST_SERVER_ROOT" >"$1"; exit 3' \
    sh "$WORK/state" 2>"$WORK/log"
rc=$?
exit_status "with-server exits 3 when COMMAND exits 3" 3
gone "after a failing COMMAND"

start_print_env
kill -TERM "$ws"
wait "$ws"
rc=$?
exit_status "with-server --print-env exits 0 on SIGTERM" 0
gone "after --print-env and SIGTERM"

# with-server SIGKILLed: the parent-death signal stops the server (its
# folder stays behind: nobody is left to remove it).
start_print_env
kill -KILL "$ws"
wait "$ws" 2>/dev/null
read -r _ port pid root <"$WORK/state"
live=x
for _ in $(seq 100); do
    live=$(ps -o pid=,stat=,args= -g "$pid" | awk '$2 !~ /^Z/')
    [ -z "$live" ] && break
    sleep 0.05
done
if [ -z "$live" ]; then ok "with-server SIGKILLed: the server (pid $pid) and its process group die"; else
    not_ok "with-server SIGKILLed: the server (pid $pid) and its process group die" "$live"
    # shellcheck disable=SC2046
    kill -KILL $(echo "$live" | awk '{print $1}') 2>/dev/null
fi
if ! curl -s -o /dev/null --max-time 5 "http://127.0.0.1:$port/dav/"; then
    ok "with-server SIGKILLed: nothing answers on port $port"
else
    not_ok "with-server SIGKILLed: nothing answers on port $port"
fi
case $root in */davscope-"$KIND"-*) rm -rf "$root" ;; esac

[ "$n" -eq "$PLAN" ] || { echo "# ran $n tests, planned $PLAN"; exit 1; }

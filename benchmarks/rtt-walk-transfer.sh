# benchmarks/rtt-walk-transfer.sh: the rows of `benchmarks/run --rtt MS` that
# are not bulk verbs (issue 16), sourced by benchmarks/run:
#
#  - walk: a recursive listing of a tree of 1,000 folders in 4 levels (the
#    root, 10, 90, 900) where Depth infinity is refused (DavDepthInfinity
#    Off), davscope-cli ls -r beside rclone lsf -R and gio tree; the round
#    trip generations counted from Apache's own log of when each request
#    started and how long it took (far_waves);
#  - h2delete: the 1,000-file delete over HTTP/2 with its timeline (proxy's
#    log: first byte on the wire; Apache's log: first and last DELETE);
#  - big: a 1 GiB GET and PUT, davscope-cli against curl, interleaved, on
#    loopback and through the latency proxy, with peak RSS.
#
# BENCH_FAR_VARIANTS (default "http https https-1000") picks the servers,
# BENCH_FAR_NO_BIG=1 leaves out the 1 GiB rows.
#
# https runs twice: with mod_http2's default of 100 streams a connection,
# and with H2MaxSessionStreams 1000 (what the client does when the server's
# limit is not the bound).

FAR_LEVELS=(10 9 10)   # folders under each folder, level by level: 10 + 90 + 900

# ------------------------------------------------------------------ outer
# rtt_far_outer: from benchmarks/run's outer part, after the delete rows.
rtt_far_outer() {
  local tree=$work/far-tree rc variant proto streams tls
  python3 - "$tree/levels" "${FAR_LEVELS[@]}" <<'PY' || return 1
import os, sys
root, fan = sys.argv[1], [int(x) for x in sys.argv[2:]]
def make(path, level):
    os.makedirs(path, exist_ok=True)
    os.chmod(path, 0o777)
    if level < len(fan):
        for i in range(fan[level]):
            make(os.path.join(path, f"d{level}-{i:02d}"), level + 1)
make(root, 0)
PY
  mkdir -p "$tree/put" && chmod 0777 "$tree" "$tree/put"
  python3 "$gen" --refill "$tree/delete" "$N_DELETE" || return 1
  # The 1 GiB file, random so that nothing on the way can shrink it.
  mkdir -p "$tree/big" && chmod 0777 "$tree/big"
  [ -n "${BENCH_FAR_NO_BIG:-}" ] \
    || { head -c 1073741824 /dev/urandom >"$tree/big/big.bin" && chmod 0666 "$tree/big/big.bin"; }
  local conf='DavDepthInfinity Off
LogFormat "%{usec}t %D %m %U %>s %H" davscope-timing
CustomLog logs/timing_log davscope-timing'
  for variant in ${BENCH_FAR_VARIANTS:-http https https-1000}; do
    proto=${variant%%-*} streams=${variant#https-} tls=()
    [ "$streams" = "$variant" ] && streams=
    [ "$proto" = https ] && tls=(--tls)
    log "walk and transfer rows: $variant"
    DAVSCOPE_TEST_APACHE_CONF="$conf${streams:+
H2MaxSessionStreams $streams}" BENCH_RTT=$rtt BENCH_PROTO=$proto BENCH_FAR=$variant \
      LATENCY_PROXY_LOG="$work/far-proxy-$variant.log" \
      "$top/tests/servers/with-apache" "${tls[@]}" --seed "tree:$tree" -- "$self" --inner
    rc=$?
    [ $rc -eq 0 ] || { log "the $variant walk and transfer run failed (status $rc)"; return $rc; }
  done
}

# ------------------------------------------------------------------ inner
# Apache's timing log: "usec-start duration-us method path status protocol".
far_log() { echo "$DAVSCOPE_TEST_SERVER_ROOT/logs/timing_log"; }
far_lines() { if [ -f "$(far_log)" ]; then wc -l <"$(far_log)"; else echo 0; fi; }

# far_waves FROM METHOD: the requests logged after line FROM (of METHOD,
# or all): "requests generations span". Generations: the longest chain of
# requests each of which reached Apache at least 0.8 round trip after the
# one before it was answered there, so could have waited for it: the round
# trips that happened one after another (one PROPFIND at a time would make
# each its own generation; all at once, one). Span: first to last start, in
# round trips.
far_waves() {
  python3 - "$(far_log)" "$1" "${2:-}" "$BENCH_RTT" <<'PY'
import heapq, sys
path, start, method, rtt = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]) / 1000
reqs = []
for i, line in enumerate(open(path, encoding="latin-1")):
    if i < start:
        continue
    f = line.split()
    if len(f) >= 3 and (not method or f[2] == method):
        s = int(f[0]) / 1e6
        reqs.append((s, s + int(f[1]) / 1e6))
reqs.sort()
ended, best, longest = [], 0, 0
for s, e in reqs:
    while ended and ended[0][0] + 0.8 * rtt <= s:
        best = max(best, heapq.heappop(ended)[1])
    g = best + 1
    longest = max(longest, g)
    heapq.heappush(ended, (e, g))
span = (reqs[-1][0] - reqs[0][0]) / rtt if reqs else 0
print(len(reqs), longest, f"{span:.1f}")
PY
}

# far_json ID TIMES...: a hyperfine-shaped JSON for report.py
far_json() {
  local id=$1; shift
  python3 - "$work/json/$id.json" "$@" <<'PY'
import json, statistics, sys
times = [float(x) for x in sys.argv[2:]]
json.dump({"results": [{"median": statistics.median(times), "times": times}]}, open(sys.argv[1], "w"))
PY
}

# far_time CMD: runs CMD (bash), stdout to $work/far.out; sets FAR_WALL
# (s), FAR_RSS (KiB), FAR_STATUS
far_time() {
  local tv=$work/far-time.txt
  /usr/bin/time -v -o "$tv" bash -c "$1" >"$work/far.out" 2>"$work/far.err"
  FAR_STATUS=$(sed -n 's/^\s*Exit status: //p' "$tv")
  FAR_RSS=$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$tv")
  FAR_WALL=$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tv" \
         | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  FAR_CPU=$(awk -F': ' '/^[ \t]*(User|System) time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$tv")
}

# far_chunks FROM: the chunks the proxy read from clients after line FROM
# of its log (a client that writes smaller pieces makes it read more).
far_chunks() {
  local plog=${LATENCY_PROXY_LOG:-}
  [ -f "$plog" ] || { echo -; return; }
  tail -n +"$(($1 + 1))" "$plog" | awk -F'\t' '$3 == "up" && $4 > 0 { n++ } END { print n + 0 }'
}
far_log_lines() { if [ -f "${LATENCY_PROXY_LOG:-}" ]; then wc -l <"$LATENCY_PROXY_LOG"; else echo 0; fi; }

# far_walk_row GROUP KEY LABEL EXPECT CMD: RUNS runs of a listing, each
# with its requests and generations from Apache's log.
far_walk_row() {
  local group=$1 key=$2 label=$3 expect=$4 cmd=$5 times=() gens=() reqs=() rss=0 i from w n problem=
  log "$group: $label"
  for ((i = 0; i < runs; i++)); do
    from=$(far_lines)
    far_time "$cmd"
    if [ "${FAR_STATUS:-1}" != 0 ]; then
      record "$group" 1000 "$key" "$label" 0 failed - - "exit status $FAR_STATUS: $(tail -n 2 "$work/far.err" | tr '\t\n' '  ' | cut -c1-160)"
      return 1
    fi
    n=$(grep -c . "$work/far.out")
    [ "$n" -ge "$expect" ] || problem="INCOMPLETE: $n lines, expected $expect; "
    sleep 0.3   # Apache writes its log line after the answer
    read -r n w _ < <(far_waves "$from" PROPFIND)
    times+=("$FAR_WALL") gens+=("$w") reqs+=("$n")
    [ "$FAR_RSS" -gt "$rss" ] && rss=$FAR_RSS
    log "  $FAR_WALL s, $n PROPFINDs, $w generations"
  done
  far_json "$group-$key" "${times[@]}"
  record "$group" 1000 "$key" "$label" 0 ok "$work/json/$group-$key.json" "$rss" \
    "${problem}PROPFINDs $(echo "${reqs[@]}" | tr ' ' /), generations $(echo "${gens[@]}" | tr ' ' /) (levels + 1 = $(( ${#FAR_LEVELS[@]} + 2 )))"
}

rtt_far_walk() {
  local g="rtt-walk-$BENCH_FAR" u="${url}levels/" tls=
  [ "$BENCH_PROTO" = https ] && tls=--insecure
  # ls -r prints a line per resource below the root (1,000 folders).
  far_walk_row "$g" davscope "davscope-cli ls -r (Depth infinity refused: a level at a time)" 1000 \
    "'$cli' ls -r $tls '$u'"
  # The reference: every folder's PROPFIND at once, the URLs known
  # beforehand (one generation; what is left is the server's own pace).
  local par=1000 cacert=
  [ "$BENCH_PROTO" = http ] && par=4
  [ "$BENCH_PROTO" = https ] && cacert="--cacert '$DAVSCOPE_TEST_CA_FILE'"
  (cd "$DAVSCOPE_TEST_ROOT" && find levels -type d) \
    | sed "s|.*|url = \"$url&/\"\noutput = \"/dev/null\"|" >"$work/far-folders.curl"
  printf '%s' '<?xml version="1.0" encoding="utf-8"?><D:propfind xmlns:D="DAV:"><D:prop><D:resourcetype/><D:getcontentlength/><D:getlastmodified/><D:getcontenttype/><D:getetag/></D:prop></D:propfind>' >"$work/far-prop.xml"
  far_walk_row "$g" curl "curl -Z --parallel-max $par: all 1,001 PROPFINDs at once, URLs known beforehand (one generation)" 0 \
    "curl -sS -f -g $cacert -Z --parallel-max $par -X PROPFIND -H 'Depth: 1' -H 'Content-Type: application/xml' --data-binary @'$work/far-prop.xml' -K '$work/far-folders.curl'"
  if have rclone; then
    far_walk_row "$g" rclone "rclone lsf -R (8 checkers)" 1000 "rclone lsf -R bench:levels"
  else
    record "$g" 1000 rclone "rclone lsf -R" 0 n/a - - "rclone not installed"
  fi
  if [ "$gio_ok" = 1 ]; then
    far_walk_row "$g" gio "gio tree (gvfs; gio list has no -r)" 1000 "gio tree '${dav_url}levels/'"
  else
    record "$g" 1000 gio "gio tree" 0 n/a - - "$gio_why"
  fi
}

# The bulk delete over HTTP/2, with its timeline.
rtt_far_h2delete() {
  local g="rtt-h2del-$BENCH_FAR" d=$DAVSCOPE_TEST_ROOT/delete refill plog=$LATENCY_PROXY_LOG
  refill="python3 '$gen' --refill '$d' $N_DELETE"
  python3 - "$gen" "${url}delete/" $N_DELETE >"$work/far-delete.urls" <<'PY'
import importlib.util, sys, urllib.parse
spec = importlib.util.spec_from_file_location("gen_tree", sys.argv[1])
g = importlib.util.module_from_spec(spec)
spec.loader.exec_module(g)
for i in range(int(sys.argv[3])):
    print(sys.argv[2] + urllib.parse.quote(g.name(i)))
PY
  sed 's/.*/url = "&"\noutput = "\/dev\/null"/' "$work/far-delete.urls" >"$work/far-delete.curl"
  local key label cmd
  for key in davscope curl-parallel; do
    if [ $key = davscope ]; then
      label="davscope-cli rm URL×$N_DELETE (HTTP/2)"
      cmd="mapfile -t urls <'$work/far-delete.urls'; exec '$cli' rm --insecure \"\${urls[@]}\""
    else
      label="curl -K --parallel --parallel-max 100 (HTTP/2)"
      cmd="curl -sS -f -g --cacert '$DAVSCOPE_TEST_CA_FILE' -Z --parallel-max 100 -X DELETE -K '$work/far-delete.curl'"
    fi
    local times=() notes=() rss=0 i from pfrom t0 tl
    log "$g: $label"
    for ((i = 0; i < runs; i++)); do
      bash -c "$refill"
      from=$(far_lines) pfrom=$(wc -l <"$plog")
      t0=$(date +%s.%N)
      far_time "$cmd"
      [ "${FAR_STATUS:-1}" = 0 ] && [ -z "$(find "$d" -mindepth 1 | head -1)" ] \
        || { record "$g" $N_DELETE $key "$label" 0 failed - - "status $FAR_STATUS, or files left"; continue 2; }
      sleep 0.3
      # Timeline in ms from the start of the process: the first byte to
      # the proxy (TCP and TLS begin), the first and last DELETE at
      # Apache (25 ms later than they left), Apache's busiest moment.
      tl=$(python3 - "$(far_log)" "$from" "$plog" "$pfrom" "$t0" "$FAR_WALL" <<'PY'
import sys
log, start, plog, pstart, t0, wall = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
reqs = []
for i, line in enumerate(open(log, encoding="latin-1")):
    f = line.split()
    if i >= start and len(f) >= 3 and f[2] == "DELETE":
        reqs.append((int(f[0]) / 1e6, int(f[1]) / 1e6))
first_byte = None
for i, line in enumerate(open(plog, encoding="latin-1")):
    f = line.split("\t")
    if i >= pstart and f[2] == "up":
        first_byte = float(f[0]); break
reqs.sort()
ms = lambda t: f"{(t - t0) * 1000:.0f}"
first, last = reqs[0][0], reqs[-1][0]
done = max(s + d for s, d in reqs)
# most in progress at Apache at once
ev = sorted([(s, 1) for s, d in reqs] + [(s + d, -1) for s, d in reqs])
cur = peak = 0
for _, e in ev:
    cur += e; peak = max(peak, cur)
print(f"{len(reqs)} DELETEs; ms from start: first byte {ms(first_byte) if first_byte else '?'}, "
      f"first DELETE {ms(first)}, last DELETE {ms(last)}, last done {ms(done)}, exit {wall * 1000:.0f}; "
      f"Apache: {sum(d for _, d in reqs):.2f} s of request time, at most {peak} at once")
PY
)
      times+=("$FAR_WALL") notes+=("$tl")
      [ "$FAR_RSS" -gt "$rss" ] && rss=$FAR_RSS
      log "  $FAR_WALL s: $tl"
    done
    far_json "$g-$key" "${times[@]}"
    # The timeline of the median run goes in the note.
    local med
    med=$(printf '%s\n' "${times[@]}" | awk '{ print NR, $1 }' | sort -k2 -n | awk -v m=$(( (${#times[@]} + 1) / 2 )) 'NR == m { print $1 }')
    record "$g" $N_DELETE $key "$label" 0 ok "$work/json/$g-$key.json" "$rss" "median run: ${notes[$((med - 1))]}"
  done
}

# far_big_pair GROUP WHAT URL: GET or PUT of the 1 GiB file, curl and
# davscope-cli taking turns (the machine's load falls on both alike).
far_big_pair() {
  local group=$1 what=$2 u=$3 i key cmd prep from
  local -A times=() rss=() cpus=() chunks=()
  local src=$DAVSCOPE_TEST_ROOT/big/big.bin dl=$work/far-dl
  mkdir -p "$dl"
  log "$group: $what, curl and davscope-cli in turn, $runs runs each"
  for ((i = 0; i < runs; i++)); do
    for key in curl davscope; do
      rm -f "$dl"/* "$DAVSCOPE_TEST_ROOT/put/"*
      if [ "$what" = GET ]; then
        [ $key = curl ] && cmd="curl -sS -f -o '$dl/big.bin' '${u}big/big.bin'" \
                        || cmd="'$cli' get '${u}big/big.bin' '$dl/big.bin'"
      else
        [ $key = curl ] && cmd="curl -sS -f -T '$src' '${u}put/big.bin'" \
                        || cmd="'$cli' put '$src' '${u}put/big.bin'"
      fi
      from=$(far_log_lines)
      far_time "$cmd"
      if [ "${FAR_STATUS:-1}" != 0 ]; then
        log "  $key FAILED: $(tail -n 2 "$work/far.err")"; continue
      fi
      cpus[$key]+=" $FAR_CPU"
      [ "$u" = "$DAVSCOPE_TEST_URL" ] || chunks[$key]+=" $(far_chunks "$from")"
      prep=$([ "$what" = GET ] && stat -c %s "$dl/big.bin" || stat -c %s "$DAVSCOPE_TEST_ROOT/put/big.bin")
      [ "$prep" = 1073741824 ] || log "  $key: $prep bytes, not 1 GiB"
      times[$key]+=" $FAR_WALL"
      [ "$FAR_RSS" -gt "${rss[$key]:-0}" ] && rss[$key]=$FAR_RSS
      log "  $key $FAR_WALL s, peak RSS $((FAR_RSS / 1024)) MiB"
    done
  done
  rm -f "$dl"/* "$DAVSCOPE_TEST_ROOT/put/"*
  for key in curl davscope; do
    local label
    [ $key = curl ] && label="curl ($what, reference)" || label="davscope-cli $([ "$what" = GET ] && echo get || echo put)"
    if [ -z "${times[$key]:-}" ]; then
      record "$group-$what" 1024 "$key" "$label" "$([ $key = curl ] && echo 1 || echo 0)" failed - - "every run failed"
      continue
    fi
    # shellcheck disable=SC2086
    far_json "$group-$what-$key" ${times[$key]}
    # The client's CPU (user + system) and, through the proxy, the chunks
    # it read: what tells the client's cost from the proxy's (RESULTS.md, s11b).
    local note="interleaved with the other; client CPU $(far_range ${cpus[$key]}) s"
    [ -n "${chunks[$key]:-}" ] && note+="; proxy read $(far_range ${chunks[$key]}) chunks"
    record "$group-$what" 1024 "$key" "$label" "$([ $key = curl ] && echo 1 || echo 0)" ok \
      "$work/json/$group-$what-$key.json" "${rss[$key]}" "$note"
  done
}

# far_range N...: "min–max" (or the one value).
far_range() {
  printf '%s\n' "$@" | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print (lo == hi ? lo : lo "–" hi) }'
}

rtt_far_big() {
  far_big_pair rtt-big-loopback GET "$DAVSCOPE_TEST_URL"
  far_big_pair rtt-big-loopback PUT "$DAVSCOPE_TEST_URL"
  far_big_pair rtt-big-far GET "$url"
  far_big_pair rtt-big-far PUT "$url"
}

# rtt_far_inner: under with-apache, the latency proxy running ($url).
rtt_far_inner() {
  # The inner part wrote machine.md afresh.
  grep -q '^- network:' "$work/machine.md" \
    || echo "- network: tests/servers/latency-proxy, $((BENCH_RTT / 2)) ms each way per chunk ($BENCH_RTT ms round trip), no rate cap" >>"$work/machine.md"
  rtt_far_walk
  if [ "$BENCH_PROTO" = https ]; then
    rtt_far_h2delete
  elif [ -z "${BENCH_FAR_NO_BIG:-}" ]; then
    rtt_far_big
  fi
}

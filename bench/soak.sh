#!/usr/bin/env bash
# Soak test of `tally serve` (not run in CI): is the server's memory and handle count flat under hours-like load?
#   bench/soak.sh [MINUTES=10] [CONNECTIONS=16] [SAMPLE_SECONDS=5]
# Builds the CLI (Release), ingests the bundled example and the dev set (../shared/eval/dev/docs, or TALLY_SOAK_DOCS)
# into a temporary SQLite ledger, serves it on 127.0.0.1, and for MINUTES loads it with Debian's wrk (installed if
# missing) over a mix of requests (cached and uncached pages of claims, sort=count&limit=500, timelines, the SVG chart,
# the dashboard, /healthz) while a loop re-ingests all the time: a new generated article POSTed every few seconds (the
# ledger changes, so cached answers go stale) and `tally ingest` of the corpus again from a second process. Every
# SAMPLE_SECONDS it writes the server's RSS, open file descriptors, threads and /healthz's latency to a CSV; at the end
# it compares the last quarter of the run with the second quarter (the first is warm-up) and prints whether RSS (within
# TALLY_SOAK_RSS_TOLERANCE, default 15 %) and handles (within 10 % or 16) are flat. Exit 0 when both are.
set -euo pipefail
cd "$(dirname "$0")/.."
MINUTES=${1:-10}
CONNECTIONS=${2:-16}
SAMPLE=${3:-5}
PORT=${TALLY_SOAK_PORT:-5189}
DOCS=${TALLY_SOAK_DOCS:-../shared/eval/dev/docs}
RSS_TOL=${TALLY_SOAK_RSS_TOLERANCE:-0.15}
OUT=${TALLY_SOAK_CSV:-/tmp/tally-soak.csv}
KEY=soak-$RANDOM$RANDOM$RANDOM

. scripts/lib/deps.sh
command -v wrk >/dev/null 2>&1 || apt_install wrk
[ -d "$DOCS" ] || { echo "error: $DOCS not found (the dev set; set TALLY_SOAK_DOCS)" >&2; exit 2; }

dotnet build src/Tally.Cli -c Release -v q --nologo >/dev/null
TALLY="dotnet src/Tally.Cli/bin/Release/net10.0/Tally.Cli.dll"
work=$(mktemp -d /tmp/tally-soak.XXXXXX)
server=""; loader=""
cleanup() {
  [ -n "$loader" ] && kill "$loader" 2>/dev/null; [ -n "$server" ] && kill "$server" 2>/dev/null
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT

$TALLY ingest examples "$DOCS" --db "$work/soak.db" 2>&1 | tail -n 1
TALLY_API_KEY=$KEY $TALLY serve --db "$work/soak.db" --urls "http://127.0.0.1:$PORT" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$work/serve.log" >&2; exit 2; }

# The request mix: wrk picks a path per request; offsets and filters vary so that many answers are not cached.
cat >"$work/mix.lua" <<'LUA'
local paths = {
  "/api/claims", "/api/claims?sort=count&limit=500", "/api/claims?sort=citations&limit=200&citations=true",
  "/api/timeline?who=ID&category=killed", "/charts/timeline.svg?who=ID&category=killed", "/countries", "/",
  "/healthz", "/api/claims/1", "/documents/1",
}
local n = 0
request = function()
  n = n + 1
  local p = paths[(n % #paths) + 1]
  if n % 7 == 0 then p = "/api/claims?sort=count&limit=50&offset=" .. (n % 400) end
  return wrk.format("GET", p)
end
LUA

# Re-ingesting all the time: a new article every 2 s through the API, the corpus again through the CLI every 30 s.
reingest() {
  local i=0
  while true; do
    i=$((i + 1))
    printf 'Banjir di Kabupaten Garut putaran %d\n\nSebanyak %d warga tewas dan %d orang luka-luka dalam banjir di Garut, kata BPBD pada Senin.\n' \
      "$i" $((i % 900 + 3)) $((i % 700 + 5)) |
      curl -s -o /dev/null -H "X-Api-Key: $KEY" -H 'Content-Type: text/plain' --data-binary @- \
        "http://127.0.0.1:$PORT/api/documents?name=soak-$i&lang=id" || true
    if [ $((i % 15)) -eq 0 ]; then $TALLY ingest examples "$DOCS" --db "$work/soak.db" >/dev/null 2>&1 || true; fi
    sleep 2
  done
}
reingest &
loader=$!

echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "soak: $MINUTES min, $CONNECTIONS connections, a sample every $SAMPLE s -> $OUT"
wrk -t2 -c"$CONNECTIONS" -d"$((MINUTES * 60))s" --latency -s "$work/mix.lua" "http://127.0.0.1:$PORT" >"$work/wrk.out" 2>&1 &
wrkpid=$!
echo "seconds,rss_kb,fds,threads,healthz_ms" >"$OUT"
start=$(date +%s)
while kill -0 "$wrkpid" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server/status")
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$server/status")
  fds=$(find "/proc/$server/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  hz=$(curl -s -o /dev/null -m 30 -w '%{time_total}' "http://127.0.0.1:$PORT/healthz" | awk '{ printf "%.1f", $1 * 1000 }')
  echo "$now,$rss,$fds,$threads,$hz" >>"$OUT"
  sleep "$SAMPLE"
done
wait "$wrkpid" || true
grep -E 'Requests/sec|requests in|Non-2xx|Socket errors|^ +(50|99)%' "$work/wrk.out" || cat "$work/wrk.out"
echo "ledger at the end: $(curl -s "http://127.0.0.1:$PORT/api/claims?limit=1" | grep -o '"total":[0-9]*'); server log: $(wc -l <"$work/serve.log") lines"

# Flat means: the last quarter's mean within tolerance of the second quarter's (the first quarter is warm-up).
awk -F, -v tol="$RSS_TOL" 'NR > 1 { t[++n] = $1; r[n] = $2; f[n] = $3; h[n] = $5 }
  END {
    if (n < 8) { print "too few samples (" n ")"; exit 2 }
    q = int(n / 4)
    for (i = q + 1; i <= 2 * q; i++) { r2 += r[i]; f2 += f[i] }
    for (i = n - q + 1; i <= n; i++) { r4 += r[i]; f4 += f[i] }
    r2 /= q; r4 /= q; f2 /= q; f4 /= q
    for (i = 1; i <= n; i++) { if (r[i] > rmax) rmax = r[i]; if (h[i] > hmax) hmax = h[i]; hsum += h[i] }
    ftol = f2 * 0.10; if (ftol < 16) ftol = 16
    rflat = (r4 <= r2 * (1 + tol)); fflat = (f4 <= f2 + ftol)
    printf "RSS: second quarter %.0f MB, last quarter %.0f MB (%+.1f %%), peak %.0f MB -> %s\n", r2 / 1024, r4 / 1024, (r4 / r2 - 1) * 100, rmax / 1024, rflat ? "flat" : "GROWING"
    printf "handles: second quarter %.0f, last quarter %.0f -> %s\n", f2, f4, fflat ? "flat" : "GROWING"
    printf "/healthz under load: mean %.1f ms, worst %.1f ms (%d samples)\n", hsum / n, hmax, n
    exit !(rflat && fflat)
  }' "$OUT" && echo "PASS: RSS and handles flat" || { echo "FAIL: RSS or handles grew (see $OUT)"; exit 1; }

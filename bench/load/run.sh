#!/usr/bin/env bash
# Load test of `tally serve`: GET /api/claims on the dev set's ledger, loopback only, bounded in time.
#   bench/load/run.sh [DURATION_SECONDS=20] [CONNECTIONS=32] [PATH=/api/claims]
#   TALLY_LOAD_SERVE_ARGS="--cache-size 0" bench/load/run.sh   # the same without the answer cache (every request queries)
# Builds the CLI (Release), ingests ../shared/eval/dev/docs into a temporary SQLite ledger, starts `tally serve` on
# 127.0.0.1, warms it up, runs wrk (Debian's package) against it and prints requests/s and latency percentiles.
# Passes (exit 0) when it sustains >= 2000 requests/s with p99 < 50 ms. Every request goes to 127.0.0.1; the server and
# wrk stop by themselves at the end (wrk's own -d bound, then the server is killed by its pid).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
REQ_PATH=${3:-/api/claims}
PORT=${TALLY_LOAD_PORT:-5187}
DOCS=${TALLY_LOAD_DOCS:-../shared/eval/dev/docs}

. scripts/lib/deps.sh
command -v wrk >/dev/null 2>&1 || apt_install wrk
[ -d "$DOCS" ] || { echo "error: $DOCS not found (the dev set)" >&2; exit 2; }

dotnet build src/Tally.Cli -c Release -v q --nologo >/dev/null
TALLY="dotnet src/Tally.Cli/bin/Release/net10.0/Tally.Cli.dll"
work=$(mktemp -d /tmp/tally-load.XXXXXX)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

$TALLY ingest "$DOCS" --db "$work/dev.db" 2>&1 | tail -n 1
# shellcheck disable=SC2086
$TALLY serve --db "$work/dev.db" --urls "http://127.0.0.1:$PORT" ${TALLY_LOAD_SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$work/serve.log" >&2; exit 2; }

url="http://127.0.0.1:$PORT$REQ_PATH"
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server: tally serve ${TALLY_LOAD_SERVE_ARGS:-(defaults)}"
echo "target: $url ($(curl -fs "$url" | wc -c) bytes per response)"
wrk -t1 -c"$CONNECTIONS" -d5s "$url" >/dev/null   # warm-up: JIT, connection pool, page cache
cpu() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }   # the server's user + system time, in clock ticks
cpu0=$(cpu)
out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$url")
cpu1=$(cpu)
echo "$out"
requests=$(awk '/requests in/ { print $1 }' <<<"$out")
# CPU time the server spent per request: a figure that other load on the machine does not inflate much.
cpu_us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", (b - a) / hz * 1e6 / n }')
rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
ms() { awk -v p="$1" '$1 == p { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }' <<<"$out"; }
p50=$(ms 50%); p99=$(ms 99%)
errors=$(awk '/Non-2xx|Socket errors/' <<<"$out")
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "RESULT: ${rps} requests/s, p50 ${p50} ms, p99 ${p99} ms, ${CONNECTIONS} connections, ${DURATION} s, server CPU ${cpu_us} us/request${errors:+; $errors}"
awk -v r="$rps" -v p="$p99" -v e="${errors:-}" 'BEGIN { exit !(r >= 2000 && p < 50 && e == "") }' && echo "PASS (>= 2000 requests/s, p99 < 50 ms)" || { echo "FAIL (needs >= 2000 requests/s, p99 < 50 ms, no errors)"; exit 1; }

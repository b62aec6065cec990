#!/usr/bin/env bash
# Logins over HTTP (POST /v1/users/login, correct password, production Argon2id parameters
# unless TOLLGATE_ARGON2_* say otherwise) against the physical limit, on one store. One command:
#
#   benchmarks/wrk/login.sh [postgres|sqlite|memory]        (default postgres)
#
# A fresh store and one server process, USERS users registered over HTTP, a warm-up, then RUNS
# wrk runs of DURATION with CONNECTIONS connections (the login throttles are off: wrk logs in
# from one address far beyond any limit). Prints every run and the median logins/s. With
# HASH_MS (one Argon2id hash, single-threaded, in ms, from `HashBenchmark` in the JMH jar),
# also the physical limit cores x 1000 / HASH_MS and the ratio to it.
#
# Environment: RUNS (3), DURATION (15s), WARMUP (10s), USERS (200), CONNECTIONS (32), HASH_MS,
# JFR=1 (a profile of the last run, as in verify-vs-health.sh), and those of lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require

RUNS="${RUNS:-3}"
DURATION="${DURATION:-15s}"
WARMUP="${WARMUP:-10s}"
USERS="${USERS:-200}"
BENCH_CONNECTIONS="${CONNECTIONS:-32}"
JFR="${JFR:-0}"
JFR_OUT="${JFR_OUT:-$BENCH_ROOT/benchmarks/target}"
store="${1:-postgres}"
cores="$(nproc)"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

bench_prepare_store "$store"
bench_start_server 1
bench_seed_users "$USERS"
url="http://127.0.0.1:$BENCH_PORT"
echo "[$store] warming up ($WARMUP logins)" >&2
bench_wrk "$WARMUP" "$url" "$BENCH_LUA/login.lua" >/dev/null
: > "$BENCH_WORK/login.txt"
for run in $(seq 1 "$RUNS"); do
    if [ "$JFR" = 1 ] && [ "$run" = "$RUNS" ]; then
        jcmd "${BENCH_PIDS[0]}" JFR.start name=bench settings=profile >/dev/null
    fi
    line="$(bench_wrk "$DURATION" "$url" "$BENCH_LUA/login.lua")"
    if [ "$JFR" = 1 ] && [ "$run" = "$RUNS" ]; then
        mkdir -p "$JFR_OUT"
        jfr_file="$JFR_OUT/login-$store-$(date -u +%Y%m%dT%H%M%S).jfr"
        jcmd "${BENCH_PIDS[0]}" JFR.stop name=bench filename="$jfr_file" >/dev/null
        "$BENCH_ROOT/benchmarks/jfr-summary.sh" "$jfr_file" > "${jfr_file%.jfr}.txt"
        echo "[$store] JFR profile of the last run: $jfr_file, summary ${jfr_file%.jfr}.txt" >&2
    fi
    echo "$line" >> "$BENCH_WORK/login.txt"
    read -r r p50 p99 bad <<<"$line"
    echo "[$store] run $run: login $r req/s (p50 $p50 ms, p99 $p99 ms, failed $bad)" >&2
done
r="$(cut -d' ' -f1 "$BENCH_WORK/login.txt" | median)"
echo
echo "median of $RUNS runs of $DURATION, $BENCH_CONNECTIONS connections, $cores cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| store | logins/s | p50 ms | p99 ms | failed | limit (cores / hash) | logins / limit |"
echo "|---|---:|---:|---:|---:|---:|---:|"
if [ -n "${HASH_MS:-}" ]; then
    limit="$(echo "$cores * 1000 / $HASH_MS" | bc -l)"
    printf '| %s | %s | %s | %s | %s | %.1f | %.3f |\n' "$store" "$r" "$(cut -d' ' -f2 "$BENCH_WORK/login.txt" | median)" \
        "$(cut -d' ' -f3 "$BENCH_WORK/login.txt" | median)" "$(awk '{ s += $4 } END { print s }' "$BENCH_WORK/login.txt")" \
        "$limit" "$(echo "$r / $limit" | bc -l)"
else
    printf '| %s | %s | %s | %s | %s | (set HASH_MS) | |\n' "$store" "$r" "$(cut -d' ' -f2 "$BENCH_WORK/login.txt" | median)" \
        "$(cut -d' ' -f3 "$BENCH_WORK/login.txt" | median)" "$(awk '{ s += $4 } END { print s }' "$BENCH_WORK/login.txt")"
fi

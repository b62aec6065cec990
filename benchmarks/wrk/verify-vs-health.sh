#!/usr/bin/env bash
# POST /v1/keys/verify (verify-and-consume, cost 1) against GET /health of the same server in
# the same run, on each store named (default: postgres sqlite memory). One command:
#
#   benchmarks/wrk/verify-vs-health.sh [postgres] [sqlite] [memory]
#
# For each store: a fresh store (PostgreSQL database tollgate_bench_<random>, a temporary
# SQLite directory, or memory), one server process, USERS users registered over HTTP (a plans
# file that no run can exhaust), a warm-up, then RUNS alternating pairs of wrk runs
# (health, verify) of DURATION each with 32 connections; prints every run and the medians.
#
# Each counted verify run follows a health run, so it starts after a quiet spell of
# verifications (cached lookups expired, leases given back): its p99 includes that cold start.
# LEAD_IN=2s runs an uncounted verify run of that length right before each counted one, which
# then measures verifications under steady load (BENCHMARKS.md reports both).
#
# Environment: RUNS (3), DURATION (10s), WARMUP (15s), USERS (200), LEAD_IN (none), BENCH_HOT_KEY=1 (every call
# on one key and one balance), JFR=1 (the server records with JFR from its start, the default
# settings without JDBI's events; the profile of one more verify run, not counted, is dumped and
# summarised by benchmarks/jfr-summary.sh; kept in JFR_OUT, default benchmarks/target/), and
# those of lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require

RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
USERS="${USERS:-200}"
LEAD_IN="${LEAD_IN:-}"
JFR="${JFR:-0}"
JFR_OUT="${JFR_OUT:-$BENCH_ROOT/benchmarks/target}"
STORES=("$@")
[ ${#STORES[@]} -gt 0 ] || STORES=(postgres sqlite memory)

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

summary=()
for store in "${STORES[@]}"; do
    bench_prepare_store "$store"
    if [ "$JFR" = 1 ]; then
        # recording from the start: starting JFR in a loaded server (jcmd JFR.start) stalled it for seconds
        BENCH_PROCESS_JAVA_OPTS="-XX:StartFlightRecording=name=bench,settings=$(bench_jfc)"
    fi
    bench_start_server 1
    bench_seed_users "$USERS"
    url="http://127.0.0.1:$BENCH_PORT"
    bench_warm_up "$store" "$url" "$WARMUP"
    : > "$BENCH_WORK/health.txt"; : > "$BENCH_WORK/verify.txt"
    for run in $(seq 1 "$RUNS"); do
        health="$(bench_wrk "$DURATION" "$url/health")"
        [ -z "$LEAD_IN" ] || bench_wrk "$LEAD_IN" "$url" "$BENCH_LUA/verify.lua" >/dev/null
        verify="$(bench_wrk "$DURATION" "$url" "$BENCH_LUA/verify.lua")"
        echo "$health" >> "$BENCH_WORK/health.txt"
        echo "$verify" >> "$BENCH_WORK/verify.txt"
        read -r hr hp50 hp99 hbad <<<"$health"
        read -r vr vp50 vp99 vbad <<<"$verify"
        printf '[%s] run %d: health %s req/s (p50 %s ms, p99 %s ms, failed %s) | verify %s req/s (p50 %s ms, p99 %s ms, failed %s) | ratio %.3f\n' \
            "$store" "$run" "$hr" "$hp50" "$hp99" "$hbad" "$vr" "$vp50" "$vp99" "$vbad" \
            "$(echo "$vr / $hr" | bc -l)" >&2
    done
    if [ "$JFR" = 1 ]; then
        # one more verify run under the recorder, left out of the figures (profiling costs throughput)
        mkdir -p "$JFR_OUT"
        jfr_file="$JFR_OUT/verify-$store-$(date -u +%Y%m%dT%H%M%S).jfr"
        from="$(date +%T)"
        profiled="$(bench_wrk "$DURATION" "$url" "$BENCH_LUA/verify.lua")"
        to="$(date +%T)"
        jcmd "${BENCH_PIDS[0]}" JFR.dump name=bench filename="$jfr_file" >/dev/null
        # the dump holds the whole recording: the summary counts the samples of the profiled run only
        "$BENCH_ROOT/benchmarks/jfr-summary.sh" "$jfr_file" 20 "$from" "$to" > "${jfr_file%.jfr}.txt"
        echo "[$store] profiled verify run (not counted): $profiled; JFR $jfr_file, summary ${jfr_file%.jfr}.txt" >&2
    fi
    bench_usage_counts "$store" "$url"
    h="$(cut -d' ' -f1 "$BENCH_WORK/health.txt" | median)"
    v="$(cut -d' ' -f1 "$BENCH_WORK/verify.txt" | median)"
    ratios="$(paste -d' ' "$BENCH_WORK/verify.txt" "$BENCH_WORK/health.txt" | awk '{ printf "%.4f\n", $1 / $5 }' | median)"
    summary+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %.3f | %s |' "$store" "$h" \
        "$(cut -d' ' -f2 "$BENCH_WORK/health.txt" | median)" "$(cut -d' ' -f3 "$BENCH_WORK/health.txt" | median)" \
        "$v" "$(cut -d' ' -f2 "$BENCH_WORK/verify.txt" | median)" "$(cut -d' ' -f3 "$BENCH_WORK/verify.txt" | median)" \
        "$ratios" "$(awk '{ s += $4 } END { print s }' "$BENCH_WORK/health.txt" "$BENCH_WORK/verify.txt")")")
    bench_stop_servers
    bench_drop_store
done

echo
echo "medians of $RUNS runs of $DURATION, 32 connections, USERS=$USERS${BENCH_HOT_KEY:+ (hot key)}${LEAD_IN:+, verify lead-in $LEAD_IN}, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| store | health req/s | health p50 ms | health p99 ms | verify req/s | verify p50 ms | verify p99 ms | verify/health | failed |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${summary[@]}"

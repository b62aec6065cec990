#!/usr/bin/env bash
# Throughput of 1, 2 and 3 server processes on one PostgreSQL database: for each count N, N
# processes start on the same fresh database (users seeded once, through the first), then N
# wrk instances run at once, one per process, each with 32 connections, first on GET /health,
# then on POST /v1/keys/verify; their requests/s are summed. One command:
#
#   benchmarks/wrk/scale-out.sh            (PROCESSES="1 2 3")
#
# Environment: PROCESSES ("1 2 3"), RUNS (3), DURATION (10s), WARMUP (10s), USERS (200), and
# those of lib.sh. Every process and every wrk shares the machine's cores: see BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require

PROCESSES="${PROCESSES:-1 2 3}"
RUNS="${RUNS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-10s}"
USERS="${USERS:-200}"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# runs one wrk per process at once on path $2 (script $3), for $1; prints the summed req/s,
# the worst p99 and the summed failures
all_at_once() {
    local duration="$1" path="$2" script="${3:-}" n="$4" i pids=()
    for i in $(seq 1 "$n"); do
        bench_wrk "$duration" "http://127.0.0.1:$((BENCH_PORT + i - 1))$path" "$script" > "$BENCH_WORK/part$i.txt" &
        pids+=("$!")
    done
    wait "${pids[@]}"
    cat "$BENCH_WORK"/part*.txt | awk '{ r += $1; if ($3 > p) p = $3; f += $4 } END { printf "%.0f %.2f %d\n", r, p, f }'
    rm -f "$BENCH_WORK"/part*.txt
}

bench_prepare_store postgres
seeded=0
rows=()
for n in $PROCESSES; do
    for i in $(seq 1 "$n"); do
        bench_start_server "$i"
    done
    if [ "$seeded" = 0 ]; then
        bench_seed_users "$USERS"
        seeded=1
    fi
    echo "[$n processes] warming up" >&2
    all_at_once "$WARMUP" "/v1/keys/verify" "$BENCH_LUA/verify.lua" "$n" >/dev/null
    all_at_once "$WARMUP" "/health" "" "$n" >/dev/null
    : > "$BENCH_WORK/h.txt"; : > "$BENCH_WORK/v.txt"
    for run in $(seq 1 "$RUNS"); do
        h="$(all_at_once "$DURATION" "/health" "" "$n")"
        v="$(all_at_once "$DURATION" "/v1/keys/verify" "$BENCH_LUA/verify.lua" "$n")"
        echo "$h" >> "$BENCH_WORK/h.txt"; echo "$v" >> "$BENCH_WORK/v.txt"
        echo "[$n processes] run $run: health $h | verify $v (req/s summed, worst p99 ms, failed)" >&2
    done
    rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$n" "$(cut -d' ' -f1 "$BENCH_WORK/h.txt" | median)" \
        "$(cut -d' ' -f1 "$BENCH_WORK/v.txt" | median)" "$(cut -d' ' -f2 "$BENCH_WORK/v.txt" | median)" \
        "$(paste -d' ' "$BENCH_WORK/v.txt" "$BENCH_WORK/h.txt" | awk '{ printf "%.4f\n", $1 / $4 }' | median)" \
        "$(awk '{ s += $3 } END { print s }' "$BENCH_WORK/h.txt" "$BENCH_WORK/v.txt")")")
    bench_stop_servers
done
echo
echo "medians of $RUNS runs of $DURATION, one wrk (32 connections) per process, $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| processes | health req/s (sum) | verify req/s (sum) | verify worst p99 ms | verify/health | failed |"
echo "|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"

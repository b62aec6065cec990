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
# also the physical limit cores x 1000 / HASH_MS and the ratio to it. For each run it also prints
# the server's CPU time per login by thread kind (request threads, JIT, GC): on a busy machine
# the CPU time per login against HASH_MS (CPU time of one hash, `HashCpuTime`) is the robust
# figure, since throughput then depends on what else runs. When the JMH jar is built, the CPU
# time of one hash (HashCpuTime, as many threads as cores) is measured first and printed, and
# without HASH_MS it sets the limit (the parallel bound: cores / that time).
#
# Environment: RUNS (3), DURATION (15s), WARMUP (10s), USERS (200), CONNECTIONS (32), HASH_MS,
# JFR=1 (a profile of one more run, not counted, recorded as in verify-vs-health.sh), and those of lib.sh.
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

# user + system CPU clock ticks of process $1 so far
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# the CPU time of one hash, measured just before the runs (two threads at once, as the gate runs them on 2 cores)
hash_jar="$BENCH_ROOT/benchmarks/target/benchmarks.jar"
hash_cpu=""
if [ -f "$hash_jar" ]; then
    hash_cpu="$(java -cp "$hash_jar" dev.tollgate.benchmarks.HashCpuTime 20 "$cores")"
    echo "CPU time of one Argon2id check, $cores threads at once: $hash_cpu ms" >&2
    # without HASH_MS the limit is the parallel bound: cores / one hash's CPU time with all cores hashing
    HASH_MS="${HASH_MS:-$hash_cpu}"
fi

bench_prepare_store "$store"
if [ "$JFR" = 1 ]; then
    # recording from the start: starting JFR in a loaded server (jcmd JFR.start) stalled it for seconds
    BENCH_PROCESS_JAVA_OPTS="-XX:StartFlightRecording=name=bench,settings=$(bench_jfc)"
fi
bench_start_server 1
bench_seed_users "$USERS"
url="http://127.0.0.1:$BENCH_PORT"
echo "[$store] warming up ($WARMUP logins)" >&2
bench_wrk "$WARMUP" "$url" "$BENCH_LUA/login.lua" >/dev/null
: > "$BENCH_WORK/login.txt"
for run in $(seq 1 "$RUNS"); do
    cpu_before="$(cpu_ticks "${BENCH_PIDS[0]}")"
    python3 "$BENCH_LUA/thread_cpu.py" snapshot "${BENCH_PIDS[0]}" "$BENCH_WORK/threads-before.json"
    line="$(bench_wrk "$DURATION" "$url" "$BENCH_LUA/login.lua")"
    python3 "$BENCH_LUA/thread_cpu.py" snapshot "${BENCH_PIDS[0]}" "$BENCH_WORK/threads-after.json"
    cpu_after="$(cpu_ticks "${BENCH_PIDS[0]}")"
    read -r r p50 p99 bad <<<"$line"
    python3 "$BENCH_LUA/thread_cpu.py" diff "$BENCH_WORK/threads-before.json" "$BENCH_WORK/threads-after.json" \
        "$(echo "$r * ${DURATION%s}" | bc -l)" >&2
    # the server's CPU time per login (user + system): one hash plus everything else the login costs in the process
    cpu_ms="$(echo "($cpu_after - $cpu_before) * 1000 / $(getconf CLK_TCK) / ($r * ${DURATION%s})" | bc -l)"
    echo "$line $(printf '%.2f' "$cpu_ms")" >> "$BENCH_WORK/login.txt"
    echo "[$store] run $run: login $r req/s (p50 $p50 ms, p99 $p99 ms, failed $bad), server CPU $(printf '%.2f' "$cpu_ms") ms per login" >&2
done
if [ "$JFR" = 1 ]; then
    # one more run under the recorder, left out of the figures (profiling costs throughput)
    mkdir -p "$JFR_OUT"
    jfr_file="$JFR_OUT/login-$store-$(date -u +%Y%m%dT%H%M%S).jfr"
    from="$(date +%T)"
    profiled="$(bench_wrk "$DURATION" "$url" "$BENCH_LUA/login.lua")"
    to="$(date +%T)"
    jcmd "${BENCH_PIDS[0]}" JFR.dump name=bench filename="$jfr_file" >/dev/null
    # the dump holds the whole recording: the summary counts the samples of the profiled run only
    "$BENCH_ROOT/benchmarks/jfr-summary.sh" "$jfr_file" 20 "$from" "$to" > "${jfr_file%.jfr}.txt"
    echo "[$store] profiled run (not counted): $profiled; JFR $jfr_file, summary ${jfr_file%.jfr}.txt" >&2
fi
r="$(cut -d' ' -f1 "$BENCH_WORK/login.txt" | median)"
echo
echo "median of $RUNS runs of $DURATION, $BENCH_CONNECTIONS connections, $cores cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
[ -n "$hash_cpu" ] && echo "CPU time of one hash measured before the runs: $hash_cpu ms (compare with the server's CPU ms/login)"
echo "| store | logins/s | p50 ms | p99 ms | failed | server CPU ms/login | limit (cores / hash) | logins / limit |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
cpu="$(cut -d' ' -f5 "$BENCH_WORK/login.txt" | median)"
if [ -n "${HASH_MS:-}" ]; then
    limit="$(echo "$cores * 1000 / $HASH_MS" | bc -l)"
    printf '| %s | %s | %s | %s | %s | %s | %.1f | %.3f |\n' "$store" "$r" "$(cut -d' ' -f2 "$BENCH_WORK/login.txt" | median)" \
        "$(cut -d' ' -f3 "$BENCH_WORK/login.txt" | median)" "$(awk '{ s += $4 } END { print s }' "$BENCH_WORK/login.txt")" \
        "$cpu" "$limit" "$(echo "$r / $limit" | bc -l)"
else
    printf '| %s | %s | %s | %s | %s | %s | (set HASH_MS) | |\n' "$store" "$r" "$(cut -d' ' -f2 "$BENCH_WORK/login.txt" | median)" \
        "$(cut -d' ' -f3 "$BENCH_WORK/login.txt" | median)" "$(awk '{ s += $4 } END { print s }' "$BENCH_WORK/login.txt")" "$cpu"
fi

#!/usr/bin/env bash
# One server on a fresh store, warmed up as verify-vs-health.sh does, then wrk runs in the order
# STEPS gives (v: POST /v1/keys/verify, h: GET /health), each printed as
# "<step> <req/s> <p50 ms> <p99 ms> <failed>". For telling what a verify run pays when it follows
# a quiet spell of verifications (leases given back, cached lookups expired) from what it pays
# straight after another verify run. One command:
#
#   STEPS="v v v h v h v" SERVER_ENV="TOLLGATE_LEASES=on" benchmarks/wrk/sequence.sh [postgres|sqlite|memory]
#
# Environment: STEPS ("v v v h v h v"), DURATION (10s), WARMUP (45s), USERS (200), and those of lib.sh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
bench_require

STEPS="${STEPS:-v v v h v h v}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-45s}"
USERS="${USERS:-200}"
store="${1:-postgres}"

bench_prepare_store "$store"
bench_start_server 1
bench_seed_users "$USERS"
url="http://127.0.0.1:$BENCH_PORT"
bench_warm_up "$store" "$url" "$WARMUP"
for step in $STEPS; do
    case "$step" in
        v) echo "verify $(bench_wrk "$DURATION" "$url" "$BENCH_LUA/verify.lua")" ;;
        h) echo "health $(bench_wrk "$DURATION" "$url/health")" ;;
        *) echo "unknown step $step (v or h)" >&2; exit 2 ;;
    esac
done
echo "[$store] load average now $(cut -d' ' -f1-3 /proc/loadavg)" >&2
bench_usage_counts "$store" "$url"

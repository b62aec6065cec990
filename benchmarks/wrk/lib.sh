# Shared by the wrk benchmarks (sourced, not run): starting the server jar on a fresh store,
# seeding users over the HTTP API, running wrk, and cleaning up whatever this run created
# (its server processes by pid, its temporary directory, its PostgreSQL database).
#
# Environment (all optional):
#   BENCH_JAR            the server jar (default: server/target/tollgate-server.jar)
#   BENCH_PG_HOST/PORT/USER  PostgreSQL for the postgres store (127.0.0.1 / 5432 / postgres)
#   BENCH_PORT           first HTTP port (default 18090; process n listens on BENCH_PORT + n - 1)
#   BENCH_JAVA_OPTS      extra JVM options for every server process
#   SERVER_ENV           further server settings for every process, "NAME=value NAME=value"
#                        (e.g. SERVER_ENV="TOLLGATE_CACHE_TTL=0" for the lookups uncached)
#   BENCH_CONNECTIONS    wrk connections (default 32); BENCH_TIMEOUT: wrk's timeout (default 30s)
#   BENCH_KEEP           1: keep the work directory (logs, keys, JFR files) after the run

set -euo pipefail

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_JAR="${BENCH_JAR:-$BENCH_ROOT/server/target/tollgate-server.jar}"
BENCH_PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
BENCH_PG_PORT="${BENCH_PG_PORT:-5432}"
BENCH_PG_USER="${BENCH_PG_USER:-postgres}"
BENCH_PORT="${BENCH_PORT:-18090}"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-}"
BENCH_KEEP="${BENCH_KEEP:-0}"
BENCH_LUA="$BENCH_ROOT/benchmarks/wrk"
# the service token the verify route needs; a benchmark-only value, never a real secret
BENCH_SERVICE_TOKEN="service-token-for-the-wrk-benchmark-0123456789"
BENCH_PASSWORD="correct-Horse-7-battery"

BENCH_WORK="$(mktemp -d "${TMPDIR:-/tmp}/tollgate-wrk-XXXXXX")"
BENCH_DB=""
BENCH_PIDS=()
echo "work directory: $BENCH_WORK (load average: $(cut -d' ' -f1-3 /proc/loadavg))" >&2

bench_cleanup() {
    local pid
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
    done
    BENCH_PIDS=()
    bench_drop_store
    if [ "$BENCH_KEEP" = 1 ]; then
        echo "kept $BENCH_WORK" >&2
    else
        rm -rf "$BENCH_WORK"
    fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_require() {
    command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
    command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }
    command -v python3 >/dev/null || { echo "python3 is not installed" >&2; exit 2; }
    [ -f "$BENCH_JAR" ] || { echo "no $BENCH_JAR: run mvn -o -q install -DskipTests first" >&2; exit 2; }
}

# A plans file whose default plan no run can exhaust: a huge daily allowance and key rate
# limit, so every verification is a full, granted one (the benchmark measures the path, not refusals).
bench_plans_file() {
    cat > "$BENCH_WORK/plans.json" <<'JSON'
{
  "default_plan": "bench",
  "zone": "UTC",
  "plans": [
    {"name": "bench", "level": "high",
     "meters": {"credits": {"amount": 1000000000000000, "period": "daily"}},
     "entitlements": [],
     "rate_limit": {"requests": 1000000000, "window": "1m"}}
  ]
}
JSON
    echo "$BENCH_WORK/plans.json"
}

# Prepares an empty store of kind $1 (postgres, sqlite, memory); afterwards BENCH_STORE_ENV
# holds the server settings that point at it. Several processes may share a postgres store.
bench_prepare_store() {
    local kind="$1"
    BENCH_STORE_ENV=(TOLLGATE_STORE="$kind")
    case "$kind" in
        postgres)
            BENCH_DB="tollgate_bench_$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
            psql -q -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -d postgres \
                -c "CREATE DATABASE $BENCH_DB" >/dev/null
            BENCH_STORE_ENV+=(TOLLGATE_DB_URL="jdbc:postgresql://$BENCH_PG_HOST:$BENCH_PG_PORT/$BENCH_DB"
                TOLLGATE_DB_USER="$BENCH_PG_USER")
            ;;
        sqlite)
            mkdir -p "$BENCH_WORK/sqlite"
            BENCH_STORE_ENV+=(TOLLGATE_DATA_DIR="$BENCH_WORK/sqlite")
            ;;
        memory) ;;
        *) echo "unknown store: $kind (postgres, sqlite or memory)" >&2; exit 2 ;;
    esac
}

# Drops the PostgreSQL database and deletes the SQLite directory of the prepared store.
bench_drop_store() {
    if [ -n "$BENCH_DB" ]; then
        psql -q -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -d postgres \
            -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" >/dev/null 2>&1 || echo "could not drop $BENCH_DB" >&2
        BENCH_DB=""
    fi
    rm -rf "$BENCH_WORK/sqlite"
}

# A JFR settings file for profiling the server: the JDK's default.jfc (method samples every
# 20 ms) without JDBI's own per-statement events (jdbi.*), which JDBI emits with a stack trace
# whenever a recording runs and which cost most of the throughput under load.
bench_jfc() {
    local jdk
    jdk="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
    sed 's#</configuration>#  <event name="jdbi.statement"><setting name="enabled">false</setting></event>\n</configuration>#' \
        "$jdk/lib/jfr/default.jfc" > "$BENCH_WORK/bench.jfc"
    echo "$BENCH_WORK/bench.jfc"
}

# Starts server process number $1 (1, 2, ...) on the prepared store, with any further
# NAME=value settings given after it, and waits until /health answers. JVM options for this
# process alone: BENCH_PROCESS_JAVA_OPTS.
bench_start_server() {
    local n="$1"; shift
    local port=$((BENCH_PORT + n - 1))
    local plans
    plans="$(bench_plans_file)"
    # shellcheck disable=SC2086
    env "${BENCH_STORE_ENV[@]}" \
        TOLLGATE_HTTP_PORT="$port" TOLLGATE_HTTP_HOST=127.0.0.1 \
        TOLLGATE_SERVICE_TOKEN="$BENCH_SERVICE_TOKEN" \
        TOLLGATE_PLANS_FILE="$plans" \
        TOLLGATE_API_KEY_REQUIRE_VERIFIED_EMAIL=false TOLLGATE_ALLOW_UNVERIFIED_LOGIN=true \
        TOLLGATE_THROTTLE_REGISTRATION_PER_ADDRESS=off \
        TOLLGATE_THROTTLE_LOGIN_PER_ADDRESS=off TOLLGATE_THROTTLE_LOGIN_PER_ACCOUNT=off \
        TOLLGATE_LOG_LEVEL=WARN \
        ${SERVER_ENV:-} "$@" \
        java $BENCH_JAVA_OPTS ${BENCH_PROCESS_JAVA_OPTS:-} -jar "$BENCH_JAR" \
        >"$BENCH_WORK/server$n.log" 2>&1 &
    BENCH_PIDS+=("$!")
    local pid="$!" i
    for i in $(seq 1 120); do
        if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
            return 0
        fi
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "server $n did not start:" >&2; tail -20 "$BENCH_WORK/server$n.log" >&2; exit 1
        fi
        sleep 0.5
    done
    echo "server $n did not answer /health within 60 s" >&2; tail -20 "$BENCH_WORK/server$n.log" >&2; exit 1
}

# Stops every server process this run started (the store stays).
bench_stop_servers() {
    local pid
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    done
    for pid in "${BENCH_PIDS[@]:-}"; do
        [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
    done
    BENCH_PIDS=()
}

# Registers $1 users (bench1..benchN, the same password) through server $2's HTTP API, a few
# at a time (each registration is one Argon2id hash); writes their primary API keys to
# $BENCH_WORK/keys.txt (line i: user i's key) and their usernames to $BENCH_WORK/users.txt. Each
# registration writes its key to a file of its own, joined in order afterwards: the parallel
# registrations once wrote into one file at once and merged two keys into one line, and a
# benchmark that calls a key that does not exist measures the failed-verification throttle.
bench_seed_users() {
    local count="$1" port=$((BENCH_PORT + ${2:-1} - 1))
    rm -rf "$BENCH_WORK/keys.d" && mkdir -p "$BENCH_WORK/keys.d"
    seq 1 "$count" | xargs -P 4 -I{} sh -c '
        curl -fsS -X POST "http://127.0.0.1:$1/v1/users/register" -H "Content-Type: application/json" \
          -d "{\"username\":\"bench$2\",\"email\":\"bench$2@bench.example\",\"password\":\"$3\"}" \
        | python3 -c "import sys,json; d=json.load(sys.stdin); print(d[\"api_key\"][\"key\"])" > "$4/$2"
      ' _ "$port" {} "$BENCH_PASSWORD" "$BENCH_WORK/keys.d"
    local n
    for n in $(seq 1 "$count"); do
        cat "$BENCH_WORK/keys.d/$n" 2>/dev/null
    done > "$BENCH_WORK/keys.txt"
    seq 1 "$count" | sed 's/^/bench/' > "$BENCH_WORK/users.txt"
    local got
    got=$(grep -cE '^[a-z]+_[A-Za-z0-9]+$' "$BENCH_WORK/keys.txt" || true)
    [ "$got" -eq "$count" ] && [ "$(wc -l < "$BENCH_WORK/keys.txt")" -eq "$count" ] \
        || { echo "seeded $got well-formed keys of $count users" >&2; exit 1; }
}

# Runs wrk ($1 = duration, $2 = URL, $3 = Lua script or "") from $BENCH_WORK and prints one
# line: requests/s p50_ms p99_ms non2xx_or_errors.
bench_wrk() {
    local duration="$1" url="$2" script="${3:-}" out
    # a generous timeout: wrk's default of 2 s abandons slow logins on a busy machine, whose hashes
    # the server still computes, and counts them as errors
    local args=(-t2 -c"${BENCH_CONNECTIONS:-32}" -d"$duration" --timeout "${BENCH_TIMEOUT:-30s}" --latency)
    [ -n "$script" ] && args+=(-s "$script")
    out="$(cd "$BENCH_WORK" && wrk "${args[@]}" "$url")"
    echo "$out" >> "$BENCH_WORK/wrk.log"
    echo "$out" | python3 "$BENCH_LUA/wrk_summary.py"
}

# Prints (to stderr) what became of the usage events of the verify runs of the server at $2,
# labelled $1: written, or dropped by a full queue (and counted), and pending now.
bench_usage_counts() {
    local counts
    counts="$(curl -s "$2/metrics" | grep -E '^tollgate_usage_(events_total|pending)' | tr '\n' ' ')"
    echo "[$1] usage events: ${counts:-no usage metrics at $2/metrics}" >&2
}

# Warms the server at $2 (labelled $1) up: $3 of verify, then $3 of health, neither counted.
bench_warm_up() {
    echo "[$1] warming up ($3 verify, $3 health)" >&2
    bench_wrk "$3" "$2" "$BENCH_LUA/verify.lua" >/dev/null
    bench_wrk "$3" "$2/health" >/dev/null
}

#!/usr/bin/env bash
# Reads under load: the static response, the records and lists users open most through the
# API, the ten main web pages with a session cookie and a ministry's lists, each as
# requests/s and the 50th, 95th and 99th percentile of latency at 64 connections, on SQLite
# and PostgreSQL, with the demo data at 300 and 100,000 people. Every response is checked:
# a row with failures counts its non-2xx answers. Needs wrk (apt-get install wrk).
#
#   bash bench/http.sh                                  # both engines, 300 and 100,000 people
#   BENCH_PEOPLE=100000 BENCH_ENGINES=sqlite bash bench/http.sh
#   BENCH_ONLY='web' bash bench/http.sh                 # the rows whose name matches
#   BENCH_CORES='1 2 4 8' BLUEHELM_BIN=./bluehelm bash bench/http.sh
#
# With BENCH_CORES the server is pinned to the first N cores and wrk to the upper half of
# the machine, one run per N (the machine needs at least twice the largest N).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${BENCH_SECONDS:-5}"
connections="${BENCH_CONNECTIONS:-64}"
sizes="${BENCH_PEOPLE:-300 100000}"
engines="${BENCH_ENGINES:-sqlite postgres}"
only="${BENCH_ONLY:-}"
cores_list="${BENCH_CORES:-}"
postgres_admin="${BLUEHELM_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
password=bench-password-1
if [[ -z "${BLUEHELM_BIN:-}" ]]; then
  cargo build --release --quiet -p bluehelm
fi
bin="${BLUEHELM_BIN:-target/release/bluehelm}"
machine_cores="$(nproc)"
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# wrk's summary, as one line: requests/s, p50, p95, p99 (ms), non-2xx answers, socket errors.
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
LUA

# The API reads (bearer token) and the web pages (session cookie), as name|kind|path. The
# coordinator reads everybody; the ministry rows are read by the Ministry of Defence's
# officer (`officer.bqp`), whose lists cover one subtree of agencies holding most people.
targets() {
  local person="$1"
  cat <<EOF
static|static|/static/app.css
agency record|api|/api/v1/agencies/2
person record|api|/api/v1/people/$person
people, filtered|api|/api/v1/people?service=army&status=available&gender=female&sort=name
name search|api|/api/v1/people?q=nguyen%20van
request|api|/api/v1/requests/1
dossier|api|/api/v1/dossiers/1
dossier queues|api|/api/v1/dossiers/waiting
web home|web|/
web people|web|/people
web person|web|/people/$person
web requests|web|/requests
web request|web|/requests/1
web dossiers|web|/dossiers
web dossier|web|/dossiers/1
web deployments|web|/deployments
web unit|web|/units/1
web missions|web|/missions
ministry: people, filtered|ministry-api|/api/v1/people?status=available&sort=name
ministry: web people|ministry-web|/people
ministry: web deployments|ministry-web|/deployments
EOF
}

# Starts the server on `url`, pinned to `cores` CPUs when given; sets $server and $address.
start_server() {
  local url="$1" cores="$2"
  local pin=()
  if [[ -n "$cores" ]]; then pin=(taskset -c "0-$((cores - 1))"); fi
  "${pin[@]}" "$bin" --database-url "$url" serve --listen 127.0.0.1:0 >"$work/server.out" 2>&1 &
  server=$!
  address=""
  for _ in $(seq 1 300); do
    address="$(sed -n 's|.* at http://\([0-9.:]*\)/.*|\1|p' "$work/server.out")"
    [[ -n "$address" ]] && curl -sf "http://$address/healthz" >/dev/null && break
    sleep 0.1
  done
  [[ -n "$address" ]] || { cat "$work/server.out"; exit 1; }
}

# A session cookie for `user`, through the sign-in form as a browser does it.
web_session() {
  local user="$1" csrf session
  csrf="$(curl -s -D - -o /dev/null "http://$address/login" | tr -d '\r' |
    sed -n 's/^[Ss]et-[Cc]ookie: bh_csrf=\([^;]*\).*/\1/p')"
  session="$(curl -s -D - -o /dev/null -b "bh_csrf=$csrf" --data-urlencode "csrf_token=$csrf" \
    --data-urlencode "username=$user" --data-urlencode "password=$password" \
    "http://$address/login" | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: bh_session=\([^;]*\).*/\1/p')"
  [[ -n "$session" ]] || { echo "cannot sign in as $user" >&2; exit 1; }
  echo "$session"
}

measure() {
  local path="$1" header="$2" cores="$3"
  local pin=() threads=2
  if [[ -n "$cores" ]]; then
    pin=(taskset -c "$((machine_cores / 2))-$((machine_cores - 1))")
    threads=$((machine_cores / 2))
  fi
  "${pin[@]}" wrk -t"$threads" -c"$connections" -d"${seconds}s" -s "$work/report.lua" \
    -H "$header" "http://$address$path" | sed -n 's/^RESULT //p'
}

printf '| engine | people | server cores | read | req/s | p50 ms | p95 ms | p99 ms | ratio to static | failed |\n'
printf '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|\n'
for engine in $engines; do
  for people in $sizes; do
    case "$engine" in
      sqlite) url="sqlite:$work/bench-$people.db" ;;
      postgres)
        if ! psql "$postgres_admin" -qc "drop database if exists bluehelm_bench" \
          -c "create database bluehelm_bench" >/dev/null 2>&1; then
          echo "| PostgreSQL | $people | | skipped: $postgres_admin not reachable | | | | | | |"
          continue
        fi
        url="${postgres_admin%/*}/bluehelm_bench" ;;
    esac
    "$bin" --database-url "$url" demo --password "$password" --people "$people" >/dev/null
    token="$("$bin" --database-url "$url" user token --username coordinator --name bench)"
    ministry_token="$("$bin" --database-url "$url" user token --username officer.bqp --name bench)"
    person=$(( (people + 1) / 2 ))
    for cores in ${cores_list:-""}; do
      start_server "$url" "$cores"
      cookie="bh_session=$(web_session coordinator)"
      ministry_cookie="bh_session=$(web_session officer.bqp)"
      static_rps=""
      while IFS='|' read -r name kind path; do
        [[ "$kind" == static || -z "$only" || "$name" == *$only* ]] || continue
        case "$kind" in
          static) header="X-Bench: 1" ;;
          api) header="Authorization: Bearer $token" ;;
          web) header="Cookie: $cookie" ;;
          ministry-api) header="Authorization: Bearer $ministry_token" ;;
          ministry-web) header="Cookie: $ministry_cookie" ;;
        esac
        read -r rps p50 p95 p99 failed socket < <(measure "$path" "$header" "$cores")
        [[ -n "$static_rps" ]] || static_rps="$rps"
        ratio="$(awk -v a="$rps" -v b="$static_rps" 'BEGIN {printf "%.1f%%", 100 * a / b}')"
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$engine" "$people" \
          "${cores:-all}" "$name" "$rps" "$p50" "$p95" "$p99" "$ratio" "$((failed + socket))"
      done < <(targets "$person")
      kill "$server"; wait "$server" 2>/dev/null || true
    done
  done
done

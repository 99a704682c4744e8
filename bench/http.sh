#!/usr/bin/env bash
# Throughput and latency of an authenticated record read against a static response from
# the same server, 64 connections on loopback, on SQLite and on PostgreSQL; and the idle
# memory of the server with the demo data. Needs wrk (apt-get install wrk).
#
#   bash bench/http.sh            # both engines
#   BENCH_SECONDS=20 bash bench/http.sh
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${BENCH_SECONDS:-10}"
postgres_admin="${BLUEHELM_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
cargo build --release --quiet
bin=target/release/bluehelm
work="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

# wrk prints latency percentiles with --latency; pick requests/s and the 99% line.
measure() {
  local url="$1" header="$2"
  local out
  out="$(wrk -t2 -c64 -d"${seconds}s" --latency -H "$header" "$url")"
  local rps p99
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  echo "$rps $p99"
}

run_engine() {
  local name="$1" url="$2"
  "$bin" --database-url "$url" demo --password bench-password-1 >/dev/null
  local token
  token="$("$bin" --database-url "$url" user token --username admin --name bench)"
  local port=18080
  "$bin" --database-url "$url" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  sleep 1
  local idle_kib
  idle_kib="$(awk '/VmRSS/ {print $2}' "/proc/$server/status")"
  read -r static_rps static_p99 < <(measure "http://127.0.0.1:$port/static/app.css" "X-Bench: 1")
  read -r record_rps record_p99 < <(measure "http://127.0.0.1:$port/api/v1/agencies/2" "Authorization: Bearer $token")
  kill "$server"; wait "$server" 2>/dev/null || true
  local ratio
  ratio="$(awk -v a="$record_rps" -v b="$static_rps" 'BEGIN {printf "%.0f%%", 100 * a / b}')"
  printf '%-11s static %10s req/s p99 %8s | record %10s req/s p99 %8s | ratio %5s | idle RSS %6.1f MiB\n' \
    "$name" "$static_rps" "$static_p99" "$record_rps" "$record_p99" "$ratio" "$(awk -v k="$idle_kib" 'BEGIN {print k / 1024}')"
}

run_engine SQLite "sqlite:$work/bench.db"
if psql "$postgres_admin" -qc "drop database if exists bluehelm_bench" -c "create database bluehelm_bench" >/dev/null 2>&1; then
  run_engine PostgreSQL "${postgres_admin%/*}/bluehelm_bench"
else
  echo "PostgreSQL         skipped: $postgres_admin not reachable"
fi

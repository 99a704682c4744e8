#!/usr/bin/env bash
# Does a heavy request stall the others? The p99 of `GET /healthz` alone, then while
# planning requests with side constraints (women quota, agency caps) run back to back,
# one per core. SQLite, the demo data with a larger pool. Needs wrk and curl.
#
#   bash bench/healthz_under_planning.sh [path/to/bluehelm ...]   # default: a release build
#   BENCH_SECONDS=20 BENCH_PEOPLE=20000 bash bench/healthz_under_planning.sh
#
# Several binaries are measured one after the other in the same run, for comparisons.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${BENCH_SECONDS:-10}"
people="${BENCH_PEOPLE:-6000}"
planners="${BENCH_PLANNERS:-$(nproc)}"
if [ "$#" -eq 0 ]; then
  cargo build --release --quiet
  set -- target/release/bluehelm
fi
work="$(mktemp -d)"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT

p99() { wrk -t1 -c8 -d"${seconds}s" --latency "$1" | awk '$1 == "99%" {print $2}'; }

for bin in "$@"; do
  db="sqlite:$work/$(basename "$bin")-$RANDOM.db"
  "$bin" --database-url "$db" demo --password bench-password-1 --people "$people" >/dev/null
  token="$("$bin" --database-url "$db" user token --username coordinator --name bench)"
  port=18090
  "$bin" --database-url "$db" serve --listen "127.0.0.1:$port" >/dev/null 2>&1 &
  pids=($!)
  base="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
  request="$(curl -sf -H "Authorization: Bearer $token" "$base/api/v1/requests" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["id"] if isinstance(r,list) else r["items"][0]["id"])')"
  body='{"min_women": 3, "max_per_agency": 2}'
  one_plan() { curl -s -o /dev/null -w '%{time_total}\n' -X POST -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "$body" "$base/api/v1/requests/$request/plan"; }
  plan_seconds="$(one_plan)"
  alone="$(p99 "$base/healthz")"
  for _ in $(seq 1 "$planners"); do
    (while true; do one_plan >/dev/null; done) &
    pids+=($!)
  done
  sleep 1
  loaded="$(p99 "$base/healthz")"
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  echo "$bin: one plan ${plan_seconds}s; /healthz p99 alone ${alone}, beside ${planners} planners ${loaded}"
done

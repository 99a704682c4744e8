#!/usr/bin/env bash
# Kill -9 soak: the server is killed in the middle of writes, again and again, and every
# write it acknowledged must be there afterwards, with the audit chain intact. Four
# writers create agencies through the API; each cycle starts the server, lets them write
# for a moment, kills the server with SIGKILL and starts it again. At the end every
# acknowledged agency is looked up and `audit verify` runs. Prints cycles, writes
# acknowledged and writes lost, per engine.
#
#   bash bench/kill_soak.sh                      # 100 cycles on SQLite and PostgreSQL
#   CYCLES=10 BIN=target/debug/bluehelm bash bench/kill_soak.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cycles="${CYCLES:-100}"
postgres_admin="${BLUEHELM_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
bin="${BIN:-target/release/bluehelm}"
[ -x "$bin" ] || cargo build --release --quiet
work="$(mktemp -d)"
trap 'kill -9 "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
port=18090
base="http://127.0.0.1:$port"

start_server() {
  "$bin" --data-dir "$work/data" --database-url "$1" serve --listen "127.0.0.1:$port" \
    >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 200); do curl -sf "$base/healthz" >/dev/null && return; sleep 0.05; done
  echo "the server did not start" >&2
  exit 1
}

# One writer: creates agencies until the server is gone, noting each one acknowledged.
writer() {
  local token="$1" parent="$2" name="$3" n=0
  while :; do
    local code="SOAK-$name-$n"
    local status
    status="$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/v1/agencies" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d "{\"code\":\"$code\",\"kind\":\"unit\",\"name_vi\":\"$code\",\"name_en\":\"$code\",\"parent_id\":$parent}")" || break
    case "$status" in
      201) echo "$code" >>"$work/acknowledged" ;;
      000) break ;;
      *) echo "unexpected status $status for $code" >&2; exit 1 ;;
    esac
    n=$((n + 1))
  done
}

run_engine() {
  local name="$1" url="$2"
  rm -rf "$work/data" "$work/acknowledged"
  touch "$work/acknowledged"
  "$bin" --data-dir "$work/data" --database-url "$url" migrate >/dev/null
  "$bin" --data-dir "$work/data" --database-url "$url" user create --username soak \
    --display-name Soak --agency BQP-CGGHB --role admin --password soak-password-1 >/dev/null
  local token parent
  token="$("$bin" --data-dir "$work/data" --database-url "$url" user token --username soak --name soak)"
  start_server "$url"
  parent="$(curl -sf "$base/api/v1/agencies?per_page=500" -H "Authorization: Bearer $token" |
    python3 -c 'import json,sys; print(next(a["id"] for a in json.load(sys.stdin)["items"] if a["code"] == "BCA"))')"
  for cycle in $(seq 1 "$cycles"); do
    [ "$cycle" -gt 1 ] && start_server "$url"
    local pids=()
    for w in 1 2 3 4; do
      writer "$token" "$parent" "$cycle-$w" &
      pids+=("$!")
    done
    sleep "0.$((RANDOM % 9 + 1))"
    kill -9 "$server"
    wait "$server" 2>/dev/null || true
    for pid in "${pids[@]}"; do wait "$pid"; done
  done
  start_server "$url"
  local present lost acknowledged
  present="$(python3 - "$base" "$token" <<'EOF'
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
codes, page = set(), 1
while True:
    request = urllib.request.Request(f"{base}/api/v1/agencies?per_page=500&page={page}",
                                     headers={"Authorization": f"Bearer {token}"})
    items = json.load(urllib.request.urlopen(request))["items"]
    codes.update(item["code"] for item in items)
    if len(items) < 500:
        break
    page += 1
print("\n".join(sorted(codes)))
EOF
)"
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  acknowledged="$(sort -u "$work/acknowledged" | wc -l)"
  lost="$(comm -23 <(sort -u "$work/acknowledged") <(sort <<<"$present") | wc -l)"
  local chain
  chain="$("$bin" --data-dir "$work/data" --database-url "$url" audit verify 2>&1 | tail -1)"
  printf '%-10s cycles %4d  acknowledged %6d  lost %d  audit: %s\n' \
    "$name" "$cycles" "$acknowledged" "$lost" "$chain"
}

run_engine sqlite "sqlite:$work/soak.db"
database="bluehelm_soak_$$"
psql "$postgres_admin" -qc "create database $database" >/dev/null
run_engine postgres "${postgres_admin%/*}/$database"
psql "$postgres_admin" -qc "drop database $database with (force)" >/dev/null

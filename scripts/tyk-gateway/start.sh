#!/usr/bin/env bash
# Starts redis + the real Tyk Gateway (built by build.sh) + a tiny upstream, for manual probes with curl.
# Tests use test/tyk-real/real-gateway.ts instead; both read the same files in test/tyk-real/fixtures/.
# Usage: scripts/tyk-gateway/start.sh [--hash-keys true|false] [--hash-key-function ''|murmur64|sha256]
# Runs in the foreground; Ctrl-C (or SIGTERM) stops all three and removes the temp dir.
set -euo pipefail

hash_keys=false
hash_key_function=''
while (($#)); do
  case "$1" in
    --hash-keys) hash_keys="$2"; shift 2 ;;
    --hash-key-function) hash_key_function="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[[ "$hash_keys" == true || "$hash_keys" == false ]] || { echo "--hash-keys takes true or false" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.cache/tyk-gateway"
fixtures="$root/test/tyk-real/fixtures"
[[ -x "$cache/bin/tyk" ]] || { echo "no gateway binary: run scripts/tyk-gateway/build.sh first" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server missing: apt-get install -y redis-server" >&2; exit 1; }

work="$(mktemp -d /tmp/tyk-gateway.XXXXXX)"
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
wait_until() { # description, deadline seconds, command...
  local what="$1" deadline=$((SECONDS + $2)); shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || { echo "timed out waiting for $what; logs in $work" >&2; tail -n 20 "$work"/*.log >&2; exit 1; }
    sleep 0.2
  done
}

redis_port="$(free_port)"
upstream_port="$(free_port)"
gateway_port="$(free_port)"

# --save '' and --appendonly no: nothing is written to disk, every start is empty.
redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --dir "$work" \
  >"$work/redis.log" 2>&1 &
pids+=($!)
wait_until redis 10 redis-cli -p "$redis_port" ping

mkdir -p "$work/upstream"
echo ok >"$work/upstream/index.html"
python3 -m http.server "$upstream_port" --bind 127.0.0.1 --directory "$work/upstream" >"$work/upstream.log" 2>&1 &
pids+=($!)

# Placeholders are quoted tokens "@NAME@" replaced by a JSON literal (see test/tyk-real/gateway-files.ts).
mkdir -p "$work/apps" "$work/middleware"
for app in "$fixtures"/apps/*.json; do
  sed "s|\"@UPSTREAM_URL@\"|\"http://127.0.0.1:$upstream_port\"|" "$app" >"$work/apps/$(basename "$app")"
done
cp "$fixtures/policies.json" "$work/policies.json"
sed -e "s|\"@LISTEN_PORT@\"|$gateway_port|" \
  -e "s|\"@REDIS_PORT@\"|$redis_port|" \
  -e "s|\"@TEMPLATE_PATH@\"|\"$cache/templates\"|" \
  -e "s|\"@APP_PATH@\"|\"$work/apps\"|" \
  -e "s|\"@MIDDLEWARE_PATH@\"|\"$work/middleware\"|" \
  -e "s|\"@PID_FILE@\"|\"$work/tyk-gateway.pid\"|" \
  -e "s|\"@POLICY_FILE@\"|\"$work/policies.json\"|" \
  -e "s|\"@HASH_KEYS@\"|$hash_keys|" \
  -e "s|\"@HASH_KEY_FUNCTION@\"|\"$hash_key_function\"|" \
  "$fixtures/tyk.conf.json" >"$work/tyk.conf"

# TYK_GW_* variables override tyk.conf, so none of the caller's may leak into the gateway.
# The gateway reads ./tyk.conf before it looks at --conf and writes a default one there when it is
# missing, so it runs inside the work dir, where ./tyk.conf is ours.
(cd "$work" && exec env $(env | sed -n 's/^\(TYK_GW_[^=]*\)=.*/-u \1/p') \
  "$cache/bin/tyk" start --conf "$work/tyk.conf") >"$work/gateway.log" 2>&1 &
pids+=($!)
url="http://127.0.0.1:$gateway_port"
wait_until "gateway /hello" 30 curl -fsS "$url/hello"
wait_until "API orders-api loaded" 30 curl -fsS -H 'X-Tyk-Authorization: test-gateway-secret' "$url/tyk/apis/orders-api"

cat <<EOF
Tyk Gateway $(cut -d' ' -f1 "$cache/VERSION") is up (hash_keys=$hash_keys, hash_key_function='$hash_key_function')
  gateway:  $url   (X-Tyk-Authorization: test-gateway-secret)
  redis:    127.0.0.1:$redis_port
  upstream: http://127.0.0.1:$upstream_port
  files:    $work (tyk.conf, apps/, policies.json, *.log)
Ctrl-C to stop.
EOF
wait "${pids[2]}"

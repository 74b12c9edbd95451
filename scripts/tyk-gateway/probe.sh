#!/usr/bin/env bash
# Live probes of README items against a gateway started by start.sh; prints each request and reply as
# Markdown (the source of the transcripts in docs/tyk-real-gateway.md). All key values are test-only.
# Usage: scripts/tyk-gateway/probe.sh http://127.0.0.1:PORT [label]
# Creates keys and OAuth clients with a random suffix, so it can run more than once on one gateway.
set -euo pipefail

gw="${1:?gateway URL}"
label="${2:-}"
org=5e9d9544a1dcd60001d0ed20
secret='X-Tyk-Authorization: test-gateway-secret'
run="$(date +%s | tail -c 5)"
body_file="$(mktemp)"
trap 'rm -f "$body_file"' EXIT

# probe TITLE CURL-ARGS... : prints the command, the status line and the body (marking a final newline).
probe() {
  local title="$1"; shift
  printf '\n#### %s\n```\n$ curl' "$title"
  printf " %q" "$@" | sed "s|$gw|\$GW|g"
  local meta
  : >"$body_file"
  meta="$(curl -s -o "$body_file" -w '%{http_code} %{content_type}' "$@")" || meta="no reply (curl exit $?)"
  printf '\n%s\n' "$meta"
  cat "$body_file"
  if [[ -s "$body_file" && "$(tail -c 1 "$body_file" | od -An -c | tr -d ' ')" == '\n' ]]; then
    printf '(body ends with a newline)\n'
  else
    printf '\n(no final newline)\n'
  fi
  printf '```\n'
}
field() { python3 -c "import json,sys;print(json.load(open('$body_file')).get('$1',''))"; }
orders_acl='"access_rights":{"orders-api":{"api_id":"orders-api","api_name":"Orders API","versions":["Default"]}}'
key_body() { printf '{"org_id":"%s",%s,"rate":100,"per":60,"quota_max":-1%s}' "$org" "$orders_acl" "${1:-}"; }

echo "### Probes $label ($(curl -s "$gw/hello"))"

probe 'control API without the secret' "$gw/tyk/keys"
probe 'wrong method on a known route' -X PATCH -H "$secret" "$gw/tyk/keys/whatever"
probe 'unknown path under /tyk/' -H "$secret" "$gw/tyk/no-such-route"

raw="probe-import-$run"
probe 'import a custom key' -X POST -H "$secret" "$gw/tyk/keys/$raw" -d "$(key_body)"
token="$(field key)"; hash="$(field key_hash)"
probe 'read it by the returned token (all fields shown?)' -H "$secret" "$gw/tyk/keys/$token"
probe 'read it by bare raw value' -H "$secret" "$gw/tyk/keys/$raw"
probe 'read it by raw value with api_id' -H "$secret" "$gw/tyk/keys/$raw?api_id=orders-api"
probe 'read it by raw value with org_id' -H "$secret" "$gw/tyk/keys/$raw?org_id=$org"
probe 'read it by key_hash with hashed=1' -H "$secret" "$gw/tyk/keys/${hash:-$token}?hashed=1"
probe 'read it by key_hash with hashed=false' -H "$secret" "$gw/tyk/keys/${hash:-$token}?hashed=false"
probe 'consumer with the raw value' -H "Authorization: $raw" "$gw/orders/"
probe 'consumer with Bearer and the raw value' -H "Authorization: bearer $raw" "$gw/orders/"
probe 'consumer with the token' -H "Authorization: $token" "$gw/orders/"
probe 'consumer on an API the key lacks' -H "Authorization: $raw" "$gw/invoices/"
probe 'consumer without Authorization' "$gw/orders/"
probe 'consumer with an unknown key' -H 'Authorization: no-such-key-0000' "$gw/orders/"

probe 'listing' -H "$secret" "$gw/tyk/keys/"
probe 'listing with filter=org' -H "$secret" "$gw/tyk/keys?filter=$org"
probe 'listing with api_id and no filter' -H "$secret" "$gw/tyk/keys?api_id=orders-api"

# min_token_length: these short ids are the same on every run, so a rerun overwrites them.
for short in ab abc abcd; do
  probe "import a ${#short}-character key" -X POST -H "$secret" "$gw/tyk/keys/$short" -d "$(key_body)"
  probe "consumer with the ${#short}-character key" -H "Authorization: $short" "$gw/orders/"
done

probe 'import without access rights (allow_master_keys false)' -X POST -H "$secret" "$gw/tyk/keys/probe-noacl-$run" -d "{\"org_id\":\"$org\"}"
probe 'create (generated) without access rights' -X POST -H "$secret" "$gw/tyk/keys/create" -d "{\"org_id\":\"$org\"}"
probe 'create (generated) with bad JSON' -X POST -H "$secret" "$gw/tyk/keys/create" -d '{'
probe 'import with bad JSON' -X POST -H "$secret" "$gw/tyk/keys/probe-bad-$run" -d '{'
probe 'update a key that does not exist' -X PUT -H "$secret" "$gw/tyk/keys/${org}no-such-key-$run" -d "$(key_body)"
probe 'delete a key that does not exist' -X DELETE -H "$secret" "$gw/tyk/keys/${org}no-such-key-$run"
probe 'import with ?hashed=1' -X POST -H "$secret" "$gw/tyk/keys/probe-hashedpost-$run?hashed=1" -d "$(key_body)"
probe 'consumer with that key' -H "Authorization: probe-hashedpost-$run" "$gw/orders/"

probe 'import with expires in the past' -X POST -H "$secret" "$gw/tyk/keys/probe-past-$run" -d "$(key_body ',"expires":1000000000')"
probe 'import inactive key (no policies)' -X POST -H "$secret" "$gw/tyk/keys/probe-inactive-$run" -d "$(key_body ',"is_inactive":true')"
probe 'consumer with the inactive key' -H "Authorization: probe-inactive-$run" "$gw/orders/"
probe 'import key with the inactive policy' -X POST -H "$secret" "$gw/tyk/keys/probe-inpol-$run" -d "{\"org_id\":\"$org\",\"apply_policies\":[\"inactive-policy\"]}"
probe 'consumer with that key' -H "Authorization: probe-inpol-$run" "$gw/orders/"
probe 'import key with quota_max 1' -X POST -H "$secret" "$gw/tyk/keys/probe-quota-$run" -d "$(key_body ',"quota_max":1,"quota_renewal_rate":3600' | sed 's/"quota_max":-1,//')"
curl -s -o /dev/null -H "Authorization: probe-quota-$run" "$gw/orders/"
probe 'second consumer call with quota_max 1' -H "Authorization: probe-quota-$run" "$gw/orders/"
probe 'import key with rate 1 per 60' -X POST -H "$secret" "$gw/tyk/keys/probe-rate-$run" -d "$(key_body | sed 's/"rate":100/"rate":1/')"
curl -s -o /dev/null -H "Authorization: probe-rate-$run" "$gw/orders/"
probe 'second consumer call with rate 1 per 60' -H "Authorization: probe-rate-$run" "$gw/orders/"
probe 'import key that expires in 2 s' -X POST -H "$secret" "$gw/tyk/keys/probe-expiring-$run" -d "$(key_body ",\"expires\":$(($(date +%s) + 2))")"
sleep 3 # the expiry is wall-clock time on the gateway; nothing to poll
probe 'consumer 3 s later' -H "Authorization: probe-expiring-$run" "$gw/orders/"
probe 'import key with empty org_id' -X POST -H "$secret" "$gw/tyk/keys/probe-noorg-$run" -d "$(key_body | sed "s/\"org_id\":\"$org\"/\"org_id\":\"\"/")"
probe 'consumer with the raw value of the empty-org key' -H "Authorization: probe-noorg-$run" "$gw/orders/"
probe 'delete everywhere (api_id=-1)' -X DELETE -H "$secret" "$gw/tyk/keys/$token?api_id=-1"

client="probe-client-$run"
probe 'OAuth client create' -X POST -H "$secret" "$gw/tyk/oauth/clients/create" -d "{\"client_id\":\"$client\",\"api_id\":\"oauth-api\",\"redirect_uri\":\"http://127.0.0.1/cb\",\"policy_id\":\"oauth-policy\"}"
old_secret="$(field secret)"
probe 'OAuth client read' -H "$secret" "$gw/tyk/oauth/clients/oauth-api/$client"
probe 'client_credentials token with the secret' -X POST -u "$client:$old_secret" "$gw/oauth/oauth/token/" -d grant_type=client_credentials
access="$(field access_token)"
probe 'consumer with the access token' -H "Authorization: Bearer $access" "$gw/oauth/"
probe 'OAuth rotate' -X PUT -H "$secret" "$gw/tyk/oauth/clients/oauth-api/$client/rotate"
new_secret="$(field secret)"
probe 'client_credentials token with the old secret' -X POST -u "$client:$old_secret" "$gw/oauth/oauth/token/" -d grant_type=client_credentials
probe 'consumer with the access token issued before rotate' -H "Authorization: Bearer $access" "$gw/oauth/"
probe 'tokens of the client after rotate' -H "$secret" "$gw/tyk/oauth/clients/oauth-api/$client/tokens"
probe 'revoke_all with the old secret' -X POST -H "$secret" "$gw/tyk/oauth/revoke_all" -d "client_id=$client&client_secret=$old_secret&org_id=$org"
probe 'consumer with the access token after that' -H "Authorization: Bearer $access" "$gw/oauth/"
probe 'revoke_all with the new secret' -X POST -H "$secret" "$gw/tyk/oauth/revoke_all" -d "client_id=$client&client_secret=$new_secret&org_id=$org"
probe 'consumer with the access token after that' -H "Authorization: Bearer $access" "$gw/oauth/"
probe 'tokens of the client after that' -H "$secret" "$gw/tyk/oauth/clients/oauth-api/$client/tokens"
probe 'OAuth rotate on an API without OAuth' -X PUT -H "$secret" "$gw/tyk/oauth/clients/orders-api/$client/rotate"
probe 'the gateway still answers after that' "$gw/hello"

# Local session cache: DELETE and PUT while the raw value is in use (about 25 s of spaced traffic).
traffic() { # prints the status of 6 consumer calls 2 s apart; the spacing is the traffic itself
  local out=''
  for _ in 1 2 3 4 5 6; do out+="$(curl -s -o /dev/null -w '%{http_code} ' -H "Authorization: $1" "$gw/orders/")"; sleep 2; done
  printf '\n#### consumer calls every 2 s for 12 s after that\n```\n%s\n```\n' "$out"
}
raw="probe-cache-del-$run"
probe 'import a gold-policy key (quota 10000/h)' -X POST -H "$secret" "$gw/tyk/keys/$raw" -d "{\"org_id\":\"$org\",\"apply_policies\":[\"gold-policy\"]}"
token="$(field key)"
probe 'consumer with the raw value' -H "Authorization: $raw" "$gw/orders/"
probe 'delete it by token' -X DELETE -H "$secret" "$gw/tyk/keys/$token"
probe 'read it back at once' -H "$secret" "$gw/tyk/keys/$token"
traffic "$raw"
probe 'read it back after the traffic' -H "$secret" "$gw/tyk/keys/$token?api_id=orders-api"
raw="probe-cache-put-$run"
probe 'import another gold-policy key' -X POST -H "$secret" "$gw/tyk/keys/$raw" -d "{\"org_id\":\"$org\",\"apply_policies\":[\"gold-policy\"],\"alias\":\"live\"}"
token="$(field key)"
probe 'consumer with the raw value' -H "Authorization: $raw" "$gw/orders/"
curl -s -H "$secret" "$gw/tyk/keys/$token" | python3 -c 'import json,sys;s=json.load(sys.stdin);s.update(is_inactive=True,alias="retired");print(json.dumps(s))' >"$body_file.put"
probe 'PUT the session read back, with is_inactive true and alias "retired"' -X PUT -H "$secret" "$gw/tyk/keys/$token" -d "@$body_file.put"
rm -f "$body_file.put"
traffic "$raw"
probe 'read it back after the traffic' -H "$secret" "$gw/tyk/keys/$token"

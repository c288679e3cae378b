#!/usr/bin/env bash
# Packs the library and installs the tarball into a scratch ESM project and a scratch CommonJS project,
# then runs the README's tour in both, as a user would, and checks it prints what the README says.
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
    node "$root/scripts/readme-example.mjs" esm >"$dir/main.mjs"
    entry=main.mjs
  else
    printf '{ "name": "scratch-cjs", "private": true }\n' >"$dir/package.json"
    node "$root/scripts/readme-example.mjs" cjs >"$dir/main.cjs"
    entry=main.cjs
  fi
  (cd "$dir" && npm install --silent --no-audit --no-fund "$work/$tarball" >/dev/null)
  echo "== $kind"
  out=$(cd "$dir" && node "$entry")
  echo "$out"
  [ "$out" = "$(node "$root/scripts/readme-example.mjs" expected)" ] || { echo "the $kind project did not print what the README says"; exit 1; }
done

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
  # the installed command runs from the package's own modules
  version=$(cd "$dir" && ./node_modules/.bin/gift-economy --version)
  echo "$version"
  [ "$version" = "gift-economy $(node -p "require('$root/package.json').version")" ] || { echo "the installed gift-economy command failed"; exit 1; }
done
# TypeScript with the old "node" (node10) resolution: subpaths resolve through typesVersions
for resolution in node node16 bundler; do
  dir="$work/ts-$resolution"
  mkdir -p "$dir"
  module=commonjs
  [ "$resolution" = node16 ] && module=node16
  [ "$resolution" = bundler ] && module=esnext
  printf '{ "name": "scratch-ts", "private": true }\n' >"$dir/package.json"
  printf '{ "compilerOptions": { "strict": true, "noEmit": true, "module": "%s", "moduleResolution": "%s", "skipLibCheck": false, "esModuleInterop": true, "target": "es2022", "types": [] }, "files": ["main.ts"] }\n' "$module" "$resolution" >"$dir/tsconfig.json"
  printf "import { quoteCoins } from 'gift-economy';\nimport { tiktok } from 'gift-economy/presets/tiktok';\nimport { money } from 'gift-economy/money';\nconst quote = quoteCoins(tiktok, { coins: 100, channel: 'web', region: 'US' });\nexport const price: string = quote.ok ? quote.price.toString() : money('0', 'USD').toString();\n" >"$dir/main.ts"
  (cd "$dir" && npm install --silent --no-audit --no-fund "$work/$tarball" >/dev/null)
  echo "== TypeScript, moduleResolution $resolution"
  (cd "$dir" && node "$root/node_modules/typescript/bin/tsc" -p .)
done

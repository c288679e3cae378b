// Fails when an export of the public surface has no @example in its TSDoc (reads typedoc's JSON output,
// written by `npm run docs`). The examples themselves run in test/examples.test.ts.
import { readFileSync } from 'node:fs';

const project = JSON.parse(readFileSync(new URL('../docs/api/api.json', import.meta.url), 'utf8'));
const REFERENCE = 4194304;
const MODULE = 2;
const missing = [];
let checked = 0;
const hasExample = (reflection) =>
  [
    ...(reflection.comment?.blockTags ?? []),
    ...(reflection.signatures ?? []).flatMap((signature) => signature.comment?.blockTags ?? []),
  ].some((tag) => tag.tag === '@example');
(function walk(node) {
  for (const child of node.children ?? []) {
    if (child.kind === MODULE) walk(child);
    else if (child.kind !== REFERENCE) {
      checked++;
      if (!hasExample(child)) missing.push(`${node.name}: ${child.name}`);
    }
  }
})(project);
if (missing.length > 0) {
  console.error(`exports without an @example:\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`all ${checked} exports have an @example`);

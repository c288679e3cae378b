// Writes docs/schema/rate-table.schema.json from the zod schema (via the built package), or with --check
// fails when the committed file is not current.
import { readFileSync, writeFileSync } from 'node:fs';
import { rateTableJsonSchema } from '../dist/esm/index.js';

const file = new URL('../docs/schema/rate-table.schema.json', import.meta.url);
const text = `${JSON.stringify(rateTableJsonSchema(), null, 2)}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {}
  if (committed !== text) {
    console.error('docs/schema/rate-table.schema.json is not current: run `npm run build && npm run schema` and commit it');
    process.exit(1);
  }
  console.log('docs/schema/rate-table.schema.json is current');
} else {
  writeFileSync(file, text);
  console.log('wrote docs/schema/rate-table.schema.json');
}

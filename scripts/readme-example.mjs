// Prints the README's tour (its first ```ts block) as an ES module, as CommonJS (`cjs`), or the output its
// comments promise (`expected`), so the package smoke test runs exactly what the README shows.
import { readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const code = /```ts\n([\s\S]*?)\n```/.exec(readme)?.[1];
if (!code) throw new Error('README.md has no ```ts block');
const mode = process.argv[2] ?? 'esm';
if (mode === 'expected') {
  for (const match of code.matchAll(/console\.log\(.*\)[;,)]*\s*\/\/ (.*)$/gm)) console.log(match[1]);
} else if (mode === 'cjs') {
  console.log(code.replace(/^import \{ (.*) \} from '(gift-economy[^']*)';$/gm, "const { $1 } = require('$2');"));
} else {
  console.log(code);
}

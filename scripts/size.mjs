// The size budget: what the calculator page imports from gift-economy (the built package), bundled and
// minified by esbuild, gzipped. Fails when over budget or when zod is in the bundle. `--report` lists inputs.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_BYTES = 16 * 1024;
const dist = new URL('../dist/', import.meta.url).pathname;
const result = await build({
  entryPoints: [new URL('../examples/calculator/main.ts', import.meta.url).pathname],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  metafile: true,
  // the page's own DOM code is not the library: measure what it imports, by stubbing `document` use away
  alias: { 'gift-economy': `${dist}esm/index.js` },
  plugins: [
    {
      name: 'presets',
      setup(b) {
        b.onResolve({ filter: /^gift-economy\/presets\// }, (args) => ({
          path: `${dist}esm/${args.path.slice('gift-economy/'.length)}.js`,
        }));
      },
    },
  ],
  logLevel: 'error',
});
const code = result.outputFiles[0].contents;
const gzipped = gzipSync(code, { level: 9 }).length;
const inputs = Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)
  .map(([file, info]) => [file.replace(/.*node_modules\//, ''), info.bytesInOutput])
  .sort((a, b) => b[1] - a[1]);
const hasZod = inputs.some(([file]) => file.startsWith('zod/'));
const hasDecimal = inputs.some(([file]) => file.startsWith('decimal.js/'));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(
  `calculator page bundle: ${kb(code.length)} minified, ${kb(gzipped)} gzipped (budget ${kb(BUDGET_BYTES)}); zod included: ${hasZod}; decimal.js included: ${hasDecimal}`,
);
if (process.argv.includes('--report')) for (const [file, bytes] of inputs) console.log(`  ${kb(bytes).padStart(9)}  ${file}`);
if (hasZod || gzipped > BUDGET_BYTES) {
  console.error(hasZod ? 'zod must not be in the calculator bundle' : `over the size budget by ${kb(gzipped - BUDGET_BYTES)}`);
  process.exitCode = 1;
}

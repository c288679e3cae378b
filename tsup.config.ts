import { defineConfig } from 'tsup';

const entries = {
  index: 'src/index.ts',
  money: 'src/money/index.ts',
  'presets/tiktok': 'src/presets/tiktok.ts',
  'presets/twitch-bits': 'src/presets/twitch-bits.ts',
  'presets/facebook-stars': 'src/presets/facebook-stars.ts',
  'stores/sqlite': 'src/stores/sqlite.ts',
  'stores/postgres': 'src/stores/postgres.ts',
};

export default defineConfig([
  {
    // ESM, one file per source module: bundlers keep exactly the modules a page uses (decimal.js and zod
    // stay out unless something needs them). Declarations come from tsc (tsconfig.build.json).
    entry: ['src/**/*.ts', '!src/cli/**'],
    outDir: 'dist/esm',
    format: ['esm'],
    bundle: false,
    sourcemap: true,
    target: 'es2022',
  },
  {
    // CommonJS, bundled per entry with shared chunks (so `instanceof` holds across entries), with .d.cts
    entry: entries,
    format: ['cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    splitting: true,
  },
  {
    // the command-line tool: Node only, one file
    // the worker that settles one byte range of a file sits beside it, where settle-file.ts looks for it
    entry: { cli: 'src/cli/main.ts', 'settle-worker': 'src/node/settle-worker.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
  },
]);

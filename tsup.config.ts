import { defineConfig } from 'tsup';

const entries = {
  index: 'src/index.ts',
  money: 'src/money/index.ts',
  'presets/tiktok': 'src/presets/tiktok.ts',
  'presets/twitch-bits': 'src/presets/twitch-bits.ts',
  'presets/facebook-stars': 'src/presets/facebook-stars.ts',
  widget: 'src/widget/gift-calculator.ts',
  'stores/sqlite': 'src/stores/sqlite.ts',
  'stores/postgres': 'src/stores/postgres.ts',
};

export default defineConfig([
  {
    // ESM, one file per source module: bundlers keep exactly the modules a page uses (zod
    // stays out unless something parses a table). Declarations come from tsc (tsconfig.build.json).
    // The CLI is built here too (dist/esm/cli/main.js), importing the library's own modules, not a second copy.
    entry: ['src/**/*.ts'],
    outDir: 'dist/esm',
    format: ['esm'],
    bundle: false,
    target: 'es2022',
  },
  {
    // CommonJS, bundled per entry with shared chunks (so `instanceof` holds across entries), with .d.cts
    entry: entries,
    format: ['cjs'],
    dts: true,
    target: 'es2022',
    splitting: true,
  },
]);

import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      'presets/tiktok': 'src/presets/tiktok.ts',
      'presets/twitch-bits': 'src/presets/twitch-bits.ts',
      'presets/facebook-stars': 'src/presets/facebook-stars.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    // one copy of shared modules for every entry, in CommonJS too, so `instanceof` holds across entries
    splitting: true,
    treeshake: true,
  },
  {
    // the command-line tool: Node only, one file
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    treeshake: true,
  },
]);

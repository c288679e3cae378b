import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // examples and tests import the package by its public name; resolve it to the sources
    alias: [
      { find: /^gift-economy\/presets\/(.*)$/, replacement: fileURLToPath(new URL('./src/presets/$1.ts', import.meta.url)) },
      { find: /^gift-economy\/stores\/(.*)$/, replacement: fileURLToPath(new URL('./src/stores/$1.ts', import.meta.url)) },
      { find: /^gift-economy$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 60_000,
  },
});

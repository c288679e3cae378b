import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The page imports the built package (../../dist), exactly what `npm install gift-economy` would give it.
const dist = (file: string) => fileURLToPath(new URL(`../../dist/esm/${file}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    alias: [
      { find: /^gift-economy\/presets\/(.*)$/, replacement: dist('presets/$1.js') },
      { find: /^gift-economy\/widget$/, replacement: dist('widget/gift-calculator.js') },
      { find: /^gift-economy$/, replacement: dist('index.js') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // the English page, and the same widget in German words
    rollupOptions: {
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)), de: fileURLToPath(new URL('de.html', import.meta.url)) },
    },
  },
});

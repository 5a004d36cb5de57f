import { defineConfig } from 'vite';

// The app is served by `pineal serve` under a strict CSP (no inline script or
// style), so everything must end up in separate .js and .css files.
export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2020',
  },
  server: {
    proxy: { '/api': process.env.PINEAL_API ?? 'http://127.0.0.1:8080' },
  },
});

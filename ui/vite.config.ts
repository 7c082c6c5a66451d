import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The UI is loaded by Tauri from ui/dist (custom protocol, no web server), and in
// development from the fixed port that tauri.conf.json's devUrl points at.
export default defineConfig({
  plugins: [svelte()],
  // Relative asset URLs: the bundle must work from whatever path the webview serves it.
  base: './',
  // Keep the Rust build output visible when `tauri dev` runs both side by side.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Linux runs the app in WebKitGTK, whose JavaScript engine matches Safari 15.
    target: ['es2021', 'safari15'],
  },
});

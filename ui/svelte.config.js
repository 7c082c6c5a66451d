import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  // Every component uses runes; fail loudly if legacy reactivity slips in.
  compilerOptions: { runes: true },
};

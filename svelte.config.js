import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  // Svelte 5 compiles TypeScript in <script lang="ts"> itself; Vite's pipeline handles <style>.
  preprocess: vitePreprocess(),
};

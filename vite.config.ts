/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// BASE_PATH lets the same build be served from a sub-path, e.g. BASE_PATH=/mesos-lab/ on GitHub Pages.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  plugins: [svelte()],
  worker: {
    // Module workers, so each actor's worker can import the cluster model like the page does.
    format: 'es',
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // Deliberately false: a run that finds no tests is a mistake, not a pass.
    passWithNoTests: false,
  },
});

/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// BASE_PATH lets the same build be served from a sub-path, e.g. BASE_PATH=/mesos-lab/ on GitHub Pages.
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  base,
  plugins: [svelte()],
  build: {
    rollupOptions: {
      // harness.html drives the worker host for end-to-end tests and browser benchmarks; it is tiny and
      // loads nothing unless a test calls it.
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        harness: resolve(import.meta.dirname, 'harness.html'),
      },
    },
  },
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

/// <reference types="vitest/config" />
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { filesOnlyFor, readManifest } from './scripts/viteManifest.mjs';
import { policyMeta } from './src/ship/contentSecurityPolicy';
import { cspHash, SANDBOX_FRAME_SCRIPT } from './src/workers/sandbox/frame';

// BASE_PATH lets the same build be served from a sub-path, e.g. BASE_PATH=/mesos-lab/ on GitHub Pages.
const base = process.env.BASE_PATH ?? '/';

const MiB = 1024 * 1024;

/** The build's output folder, as resolved (it differs for the sub-path e2e build). */
let outDir = resolve(import.meta.dirname, 'dist');
const rememberOutDir: Plugin = {
  name: 'mesos-lab:out-dir',
  configResolved(config) {
    outDir = resolve(config.root, config.build.outDir);
  },
};

/**
 * Every built page carries the site's Content-Security-Policy (src/ship/contentSecurityPolicy.ts). Only
 * the build: Vite's dev server injects inline scripts of its own.
 */
const contentSecurityPolicy: Plugin = {
  name: 'mesos-lab:content-security-policy',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: async (html) =>
      html.replace(/<head>/i, `<head>\n    ${policyMeta(await cspHash(SANDBOX_FRAME_SCRIPT))}`),
  },
};

export default defineConfig({
  base,
  plugins: [
    svelte(),
    rememberOutDir,
    contentSecurityPolicy,
    // The offline app (docs/deploy.md): a Workbox service worker generated at build time precaches the
    // whole build, worker chunks and the lazily loaded Monaco and TypeScript chunks included, so that after
    // one visit every lesson works without a network. src/ship/registerServiceWorker.ts registers it from
    // the page; nothing is injected into the HTML, so harness.html never registers it.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'Mesos Lab',
        short_name: 'Mesos Lab',
        description:
          'A whole Apache Mesos cluster in your browser: offer-based scheduling and Dominant Resource Fairness, live.',
        theme_color: '#1f3a5f',
        background_color: '#ffffff',
        display: 'standalone',
        // The favicon is a vector drawing: one icon for every size.
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      includeManifestIcons: false, // the precache globs already take the icon
      workbox: {
        // Everything the app can load (Monaco's icon font is a .ttf). The plugin adds the web manifest.
        globPatterns: ['**/*.{js,css,html,svg,png,ico,ttf,woff,woff2,wasm,json}'],
        // The test harness is not the app, and Vite's manifest is build metadata.
        globIgnores: ['harness.html', 'editor.html', '.vite/**', '*.json'],
        // Nor are the chunks only the harness loads (its own copy of the TypeScript compiler, 3.5 MB).
        manifestTransforms: [
          (entries) => {
            const harnessOnly = filesOnlyFor(readManifest(outDir), ['harness.html', 'editor.html']);
            return { manifest: entries.filter((e) => !harnessOnly.has(e.url)), warnings: [] };
          },
        ],
        // The TypeScript compiler and Monaco's language worker are several MiB each; precache them anyway.
        maximumFileSizeToCacheInBytes: 32 * MiB,
        // Set explicitly because injectRegister is false: a new build takes over open pages at once.
        skipWaiting: true,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/harness\.html$/, /editor\.html$/],
      },
    }),
  ],
  build: {
    // .vite/manifest.json: the entry's static imports, read by `npm run size` (scripts/first-load.mjs).
    manifest: true,
    rollupOptions: {
      // harness.html drives the worker host for end-to-end tests and browser benchmarks; it is tiny and
      // loads nothing unless a test calls it.
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        harness: resolve(import.meta.dirname, 'harness.html'),
        // The editor pane alone, for its end-to-end tests.
        editor: resolve(import.meta.dirname, 'editor.html'),
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
    // A bound on hangs, not a measure of speed: property tests and sandbox processes on a loaded 2-core
    // machine take their time (speed is `npm run bench`'s business).
    testTimeout: 60_000,
    // Deliberately false: a run that finds no tests is a mistake, not a pass.
    passWithNoTests: false,
  },
});

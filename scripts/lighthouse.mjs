#!/usr/bin/env node
/**
 * `npm run lighthouse`: Lighthouse's performance and accessibility scores for the built site, mobile
 * profile (Lighthouse's default: a mid-range phone, simulated slow 4G and a 4× slower CPU), in Debian's
 * Chromium. A measurement, not a test: it is not part of `npm test`. Goal: both ≥ 95.
 *
 * It serves the last build in dist/ with `vite preview` (build first: `npm run build`), runs Lighthouse
 * (12.x, the last line that runs on Node 20) through chrome-launcher, prints the scores, the metrics, the
 * top opportunities and the failed audits, and writes a JSON summary.
 *
 *   node scripts/lighthouse.mjs [--dist dist] [--runs 1] [--json dist/lighthouse.json]
 *                               [--html dist/lighthouse.html] [--min 95]
 *
 * With several runs the run with the median performance score is reported. With --min it exits 1 when a
 * score is below the minimum; otherwise 0, and 2 when Lighthouse could not run.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { generateReport } from 'lighthouse';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { preview } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const CHROMIUM = CHROMIUM_PATH;
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_ARGS];
const CATEGORIES = ['performance', 'accessibility'];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'interactive',
];

const score = (category) => Math.round((category?.score ?? 0) * 100);

/** One Lighthouse run in a fresh Chromium, so that every run is a first visit. */
async function run(url) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    if (!result) throw new Error('Lighthouse returned no result');
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    await chrome.kill();
  }
}

/** The audits of a category that lost points, worst first, with what they would save where known. */
function failedAudits(lhr, categoryId) {
  return (lhr.categories[categoryId]?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 || categoryId === 'performance')
    .map((ref) => lhr.audits[ref.id])
    .filter(
      (audit) =>
        audit &&
        audit.score !== null &&
        audit.score < 0.9 &&
        !['notApplicable', 'informative', 'manual'].includes(audit.scoreDisplayMode),
    )
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score,
      displayValue: audit.displayValue ?? '',
      savingsMs: Math.round(audit.details?.overallSavingsMs ?? audit.metricSavings?.LCP ?? 0),
      savingsBytes: Math.round(audit.details?.overallSavingsBytes ?? 0),
      items: (audit.details?.items ?? [])
        .slice(0, 5)
        .map((item) => item.url ?? item.node?.snippet ?? item.node?.selector ?? item.label ?? '')
        .filter(Boolean),
    }))
    .sort((a, b) => b.savingsMs - a.savingsMs || a.score - b.score);
}

/** Performance opportunities that would save time, largest first. */
function opportunities(lhr) {
  return Object.values(lhr.audits)
    .filter(
      (audit) => (audit.details?.overallSavingsMs ?? 0) > 0 || (audit.details?.overallSavingsBytes ?? 0) > 0,
    )
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      displayValue: audit.displayValue ?? '',
      savingsMs: Math.round(audit.details.overallSavingsMs ?? 0),
      savingsBytes: Math.round(audit.details.overallSavingsBytes ?? 0),
    }))
    .sort((a, b) => b.savingsMs - a.savingsMs || b.savingsBytes - a.savingsBytes);
}

async function main() {
  const { values } = parseArgs({
    options: {
      dist: { type: 'string', default: 'dist' },
      runs: { type: 'string', default: '1' },
      json: { type: 'string' },
      html: { type: 'string' },
      min: { type: 'string' },
      port: { type: 'string', default: '4175' },
    },
  });
  const runs = Math.max(1, Number(values.runs) || 1);
  const jsonPath = values.json ?? join(values.dist, 'lighthouse.json');

  const server = await preview({
    logLevel: 'warn',
    build: { outDir: values.dist },
    preview: { port: Number(values.port), strictPort: true, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a local address');

  /** @type {any[]} */
  const results = [];
  try {
    for (let i = 1; i <= runs; i++) {
      console.log(`Lighthouse ${i}/${runs}: ${url} (mobile, ${CHROMIUM})`);
      results.push(await run(url));
    }
  } finally {
    await server.close();
  }
  results.sort((a, b) => score(a.categories.performance) - score(b.categories.performance));
  const lhr = results[Math.floor((results.length - 1) / 2)];

  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, score(lhr.categories[c])]));
  const metrics = Object.fromEntries(
    METRICS.map((id) => [id, { value: lhr.audits[id]?.numericValue, display: lhr.audits[id]?.displayValue }]),
  );
  const summary = {
    url,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    formFactor: lhr.configSettings.formFactor,
    throttlingMethod: lhr.configSettings.throttlingMethod,
    runs,
    allPerformanceScores: results.map((r) => score(r.categories.performance)),
    scores,
    metrics,
    opportunities: opportunities(lhr),
    failed: Object.fromEntries(CATEGORIES.map((c) => [c, failedAudits(lhr, c)])),
  };

  console.log('');
  for (const c of CATEGORIES) console.log(`  ${c.padEnd(14)} ${String(scores[c]).padStart(3)}`);
  if (runs > 1) console.log(`  (performance over ${runs} runs: ${summary.allPerformanceScores.join(', ')})`);
  console.log('\nMetrics');
  for (const [id, m] of Object.entries(metrics)) console.log(`  ${id.padEnd(26)} ${m.display ?? '-'}`);
  console.log('\nTop opportunities');
  if (summary.opportunities.length === 0) console.log('  none');
  for (const o of summary.opportunities.slice(0, 5))
    console.log(`  ${o.title}: ${o.displayValue || `${o.savingsMs} ms`}`);
  for (const c of CATEGORIES) {
    console.log(`\nFailed ${c} audits`);
    if (summary.failed[c].length === 0) console.log('  none');
    for (const a of summary.failed[c].slice(0, 8)) {
      console.log(`  ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
      for (const item of a.items.slice(0, 3)) console.log(`      ${String(item).slice(0, 120)}`);
    }
  }

  writeFileSync(jsonPath, JSON.stringify(summary, null, 2) + '\n');
  console.log(`\nSummary written to ${jsonPath}`);
  if (values.html) {
    writeFileSync(values.html, generateReport(lhr, 'html'));
    console.log(`Report written to ${values.html}`);
  }

  if (values.min !== undefined) {
    const min = Number(values.min);
    const low = CATEGORIES.filter((c) => scores[c] < min);
    if (low.length > 0) {
      console.error(`error: below ${min}: ${low.map((c) => `${c} ${scores[c]}`).join(', ')}`);
      return 1;
    }
  }
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`lighthouse: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}

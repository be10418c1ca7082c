import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
// usage: node .shot.mjs out.png WxH [dark] [zh] [steps...]  steps: click:Name | wait:ms | key:K | storage:json
const [out, size, ...rest] = process.argv.slice(2);
const [w, h] = size.split('x').map(Number);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: rest.includes('dark') ? 'dark' : 'light', reducedMotion: 'reduce' });
const page = await context.newPage();
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('CONSOLE', m.text()); });
await page.goto('http://localhost:4383/');
if (rest.includes('zh')) { await page.evaluate(() => localStorage.setItem('mesos-lab.language', 'zh')); await page.reload(); }
await page.waitForTimeout(1200);
for (const a of rest) {
  if (a.startsWith('click:')) { await page.getByRole('button', { name: a.slice(6) }).first().click(); await page.waitForTimeout(1200); }
  else if (a.startsWith('wait:')) await page.waitForTimeout(+a.slice(5));
  else if (a.startsWith('key:')) { await page.keyboard.press(a.slice(4)); await page.waitForTimeout(300); }
  else if (a.startsWith('eval:')) { await page.evaluate(a.slice(5)); await page.waitForTimeout(300); }
}
const scroll = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth, document.documentElement.scrollHeight, document.documentElement.clientHeight]);
console.log('scroll', scroll);
await page.screenshot({ path: out });
await browser.close();

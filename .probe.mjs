import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ colorScheme: 'dark' });
await page.goto('http://localhost:4383/');
await page.waitForTimeout(1500);
console.log(await page.evaluate(process.argv[2]));
await browser.close();

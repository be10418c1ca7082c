import { expect, test } from '@playwright/test';

test('the app shell loads without console errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));

  // A relative path, so the spec also works when the site is served under BASE_PATH.
  await page.goto('./');

  await expect(page.getByRole('heading', { level: 1, name: 'Mesos Lab' })).toBeVisible();
  expect(errors).toEqual([]);
});

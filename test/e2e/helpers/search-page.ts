import type { Page } from 'playwright-core';

/** Waits until the search page's live region reports something other than "searching"; returns what it says. */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(
    () => {
      const t = document.querySelector('[data-status]')?.textContent ?? '';
      return t !== '' && !t.startsWith('正在');
    },
    null,
    { timeout: 20_000 },
  );
  return (await page.textContent('[data-status]')) ?? '';
}

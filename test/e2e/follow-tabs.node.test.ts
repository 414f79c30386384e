import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerEnded, askAcme, expectAcmeTermsOnce, lastAnswer } from './support/ask-acme.js';
import { openPage } from './support/open-page.js';
import { useChatProxy } from './support/use-chat-proxy.js';
import { useTestGateway } from './support/use-test-gateway.js';

/**
 * Two tabs of one ERP page on one stored conversation (`persist="local"`), in front of an
 * OpenAI-compatible gateway (vLLM, SGLang): it does not resume answers, so a tab beside the one
 * streaming cannot take the answer up. It still follows it: before, it kept its older transcript
 * with Send offered until the answer ended, and a send there was refused with nothing shown. Real
 * gateway, real HTTP, real Chromium, the script tag under the strict CSP.
 */
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two tabs</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/v1/chat/completions" protocol="openai" persist="local"></parley-chat></body></html>`;

/** A slow model (40 ms a token, about 7 s an answer), so a tab can stop it or go mid-answer. */
const gateway = useTestGateway({ delayMs: 40 });
const { site, chatRequests } = useChatProxy({ pages: { '/': page }, target: () => gateway.url, path: '/v1/chat/completions' });

/** Two tabs of one browser profile (one `localStorage`), both open before the question. */
async function twoTabs(): Promise<{ first: Page; tab: Page; problems: () => string[] }> {
  chatRequests.length = 0;
  const opened = await openPage(site.browser, `${site.origin}/`);
  const tab = await opened.page.context().newPage();
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${site.origin}/`);
  await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
  await tab.locator('parley-chat [part~="send"]').waitFor();
  // Uncaught errors in either tab, console errors and CSP violations in the first.
  return { first: opened.page, tab, problems: () => [...opened.errors, ...errors, ...opened.violations] };
}

/** The text of the answer `chat` shows last. */
const answerText = async (chat: ReturnType<Page['locator']>) => (await lastAnswer(chat).locator('parley-markdown').textContent()) ?? '';

/** The second tab follows the first tab's answer: the question, the answer growing, Stop offered and Send not. */
async function expectFollowing(tab: Page): Promise<void> {
  const beside = tab.locator('parley-chat');
  await beside.locator('[part~="message"][part~="user"]').getByText('What are the payment terms with ACME?').waitFor();
  await lastAnswer(beside).getByText('According to', { exact: false }).waitFor();
  const atFirst = (await answerText(beside)).length;
  await expect.poll(async () => (await answerText(beside)).length).toBeGreaterThan(atFirst);
  await beside.locator('[part~="stop"]').waitFor();
  // A question typed there is not sent: Send is disabled, Enter does nothing, the text stays.
  const input = beside.locator('[part~="input"]');
  await input.fill('And with Globex?');
  expect(await beside.locator('[part~="send"]').getAttribute('aria-disabled')).toBe('true');
  await input.press('Enter');
  expect(await input.inputValue()).toBe('And with Globex?');
  await input.fill('');
  expect(await lastAnswer(beside).textContent()).not.toMatch(/interrupted/i);
  expect(chatRequests[0]!.ended, 'it grew while the first tab still streamed').toBe(false);
}

/** A question asked in `tab` goes out and is answered there: Send works again. */
async function expectSends(tab: Page): Promise<void> {
  const chat = tab.locator('parley-chat');
  const before = chatRequests.length;
  await askAcme(tab);
  await expect.poll(() => chatRequests.length).toBe(before + 1);
  await expect.poll(() => chat.locator('[part~="message"][part~="user"]').count()).toBe(2);
}

describe('a tab beside one streaming an answer the gateway cannot resume', { timeout: 90_000 }, () => {
  it('follows it as it streams (no Send), then shows the whole answer and sends again', async () => {
    const { first, tab, problems } = await twoTabs();
    const { answer } = await askAcme(first);
    await expectFollowing(tab);
    await answerEnded(answer);
    const beside = tab.locator('parley-chat');
    await answerEnded(lastAnswer(beside));
    await beside.locator('[part~="send"]').waitFor();
    await expect.poll(async () => new Set([await answerText(beside), await answerText(first.locator('parley-chat'))]).size).toBe(1);
    await expectAcmeTermsOnce(lastAnswer(beside));
    expect(await lastAnswer(beside).textContent()).not.toMatch(/interrupted|stopped/i);
    expect(chatRequests).toHaveLength(1);
    await expectSends(tab);
    expect(problems()).toEqual([]);
    await first.context().close();
  });

  it('Stop pressed there stops the answer in the tab streaming it: both show it stopped', async () => {
    const { first, tab, problems } = await twoTabs();
    const { answer } = await askAcme(first);
    await expectFollowing(tab);
    const beside = tab.locator('parley-chat');
    await beside.locator('[part~="stop"]').click();
    await answer.getByText('Stopped', { exact: true }).waitFor();
    await first.locator('parley-chat [part~="send"]').waitFor();
    await expect.poll(() => chatRequests[0]!.closedAt).toBeDefined();
    expect(chatRequests[0]!.ended).toBe(false);
    await lastAnswer(beside).getByText('Stopped', { exact: true }).waitFor();
    // The same stopped answer, as far as it came in the first tab (each may still be rendering it).
    await expect.poll(async () => new Set([await answerText(beside), await answerText(first.locator('parley-chat'))]).size).toBe(1);
    await beside.locator('[part~="send"]').waitFor();
    expect(chatRequests).toHaveLength(1);
    expect(problems()).toEqual([]);
    await first.context().close();
  });

  it('the tab streaming it is closed mid-answer: the answer stays as far as it came, marked interrupted, and the tab beside sends again', async () => {
    const { first, tab, problems } = await twoTabs();
    await askAcme(first);
    await expectFollowing(tab);
    const beside = tab.locator('parley-chat');
    await first.close();
    await lastAnswer(beside).getByText('This answer was interrupted.', { exact: false }).waitFor();
    await beside.locator('[part~="send"]').waitFor();
    expect(await answerText(beside)).toContain('According to');
    expect(await answerText(beside)).not.toContain('no language model wrote this answer');
    expect(chatRequests).toHaveLength(1);
    await expectSends(tab);
    expect(problems()).toEqual([]);
    await tab.context().close();
  });
});

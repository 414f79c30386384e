import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerEnded, askAcme, expectAcmeTermsOnce, lastAnswer } from './support/ask-acme.js';
import { openPage } from './support/open-page.js';
import { useChatProxy } from './support/use-chat-proxy.js';
import { useTestGateway } from './support/use-test-gateway.js';

/**
 * Two tabs of one ERP page keep the conversation in `localStorage` (`persist="local"`), so both
 * show it. While one streams an answer, the other must not take that answer up beside it (two
 * streams of one answer, and a Stop in the first would not stop the model); when the first goes
 * mid-answer, closed or crashed, the other takes it up and finishes it, once. Real gateway, real
 * HTTP, real Chromium, the script tag under the strict CSP.
 */
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two tabs</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley" persist="local"></parley-chat></body></html>`;

/** A slow model (40 ms a token, about 7 s an answer), so a tab can open or go mid-answer. */
const gateway = useTestGateway({ delayMs: 40 });
/** Each POST to the chat endpoint: the `Last-Event-ID` it carried, whether its answer ran to the end, and when it came and went. */
const { site, chatRequests } = useChatProxy({ pages: { '/': page }, target: () => gateway.url });

/** Each `parley-response` the host hears in the tab goes to `window.responses`: whether its answer came to its end. */
const hearResponses = (tab: Page) =>
  tab.addInitScript(() => {
    const heard: boolean[] = ((window as unknown as { responses: boolean[] }).responses = []);
    document.addEventListener('parley-response', (event) => heard.push(JSON.stringify((event as CustomEvent).detail.message).includes('no language model wrote this answer')), true);
  });
const openFirstTab = () => openPage(site.browser, `${site.origin}/`, {}, hearResponses);

/** A second tab on the same browser profile (same `localStorage`), the page loaded in it. */
async function secondTab(first: Page): Promise<{ tab: Page; errors: string[] }> {
  const tab = await first.context().newPage();
  await hearResponses(tab);
  const errors: string[] = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(`${site.origin}/`);
  await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
  return { tab, errors };
}

/** The first tab asks; returns once its answer is well under way (its own text has the first term). */
async function askInFirstTab() {
  chatRequests.length = 0;
  const first = await openFirstTab();
  const { answer } = await askAcme(first.page);
  await answer.locator('parley-markdown').getByText('Payment is due Net 45', { exact: false }).waitFor();
  return { first, answer };
}

/** What the person reads in `tab` once its answer ended: the whole answer, once, not interrupted. */
async function expectWholeAnswer(tab: Page): Promise<void> {
  const chat = tab.locator('parley-chat');
  const answer = lastAnswer(chat);
  await answerEnded(answer);
  await chat.locator('[part~="send"]').waitFor();
  expect((await expectAcmeTermsOnce(answer)).startsWith('According to')).toBe(true);
  expect(await answer.textContent()).not.toMatch(/interrupted|stopped/i);
  expect(await chat.locator('[part~="message"][part~="user"]').count()).toBe(1);
  expect(await chat.locator('[role="alert"]').count()).toBe(0);
  // Finished once, whole: the host heard one response, the finished answer (not the half it first
  // showed). The live region says the same answer then, but only for a moment: not read here.
  await expect.poll(() => tab.evaluate(() => (window as unknown as { responses: boolean[] }).responses)).toEqual([true]);
}

const resumes = () => chatRequests.filter((request) => request.lastEventId !== undefined);

describe('two tabs on one stored conversation while an answer streams', { timeout: 60_000 }, () => {
  it('a tab opened mid-answer shows it and waits: the first tab finishes it, both read it whole, the model streams it once', async () => {
    const { first, answer } = await askInFirstTab();
    const { tab, errors } = await secondTab(first.page);
    // The second tab shows the answer so far (from storage) without asking for it itself, and
    // follows it as the first tab stores more.
    const shownThere = lastAnswer(tab.locator('parley-chat')).locator('parley-markdown');
    await shownThere.getByText('According to', { exact: false }).waitFor();
    const atOpen = ((await shownThere.textContent()) ?? '').length;
    await expect.poll(async () => ((await shownThere.textContent()) ?? '').length).toBeGreaterThan(atOpen);
    expect(chatRequests[0]!.ended, 'it grew while the first tab still streamed').toBe(false);
    await answerEnded(answer);
    await expectWholeAnswer(first.page);
    await expectWholeAnswer(tab);
    // The model was asked once, and nothing streamed that answer beside the first tab: the second
    // tab may ask for the rest once the first let go (a write and a lock travel apart between
    // tabs), never while it streamed.
    expect(chatRequests.filter((request) => request.lastEventId === undefined)).toHaveLength(1);
    expect(chatRequests[0]!.ended).toBe(true);
    for (const resume of resumes()) expect(resume.at).toBeGreaterThan(chatRequests[0]!.closedAt!);
    expect([...first.errors, ...errors, ...first.violations]).toEqual([]);
    await first.page.context().close();
  });

  it('a tab open and idle before the question follows the answer as the other tab streams it: Stop there, no Send, then both read it whole, the model asked once', async () => {
    chatRequests.length = 0;
    const first = await openFirstTab();
    // Open before the question: it learns of the answer from storage events only.
    const { tab, errors } = await secondTab(first.page);
    const beside = tab.locator('parley-chat');
    const sendThere = beside.locator('[part~="send"]');
    await sendThere.waitFor();
    const { answer } = await askAcme(first.page);
    // It shows the answer so far while the first tab streams it, and it grows there ...
    const shownThere = lastAnswer(beside).locator('parley-markdown');
    await shownThere.getByText('According to', { exact: false }).waitFor();
    const atFirst = ((await shownThere.textContent()) ?? '').length;
    await expect.poll(async () => ((await shownThere.textContent()) ?? '').length).toBeGreaterThan(atFirst);
    // ... with Stop offered, and no Send: a send there would write its older copy over the answer.
    // A question typed there is not sent (Enter does nothing; the text stays in the composer).
    await beside.locator('[part~="stop"]').waitFor();
    const inputThere = beside.locator('[part~="input"]');
    await inputThere.fill('And with Globex?');
    expect(await sendThere.getAttribute('aria-disabled')).toBe('true');
    await inputThere.press('Enter');
    expect(chatRequests[0]!.ended, 'it grew while the first tab still streamed').toBe(false);
    await answerEnded(answer);
    await expectWholeAnswer(first.page);
    await expectWholeAnswer(tab);
    const transcript = (chat: Page) => chat.locator('parley-chat [part~="message"]').allTextContents();
    expect(await transcript(tab)).toEqual(await transcript(first.page));
    expect(await inputThere.inputValue()).toBe('And with Globex?');
    // The model was asked once; the tab beside may ask for the rest once the first let go (a write
    // and a lock travel apart between tabs), never while it streamed.
    expect(chatRequests.filter((request) => request.lastEventId === undefined)).toHaveLength(1);
    expect(chatRequests[0]!.ended).toBe(true);
    for (const resume of resumes()) expect(resume.at).toBeGreaterThan(chatRequests[0]!.closedAt!);
    expect([...first.errors, ...errors, ...first.violations]).toEqual([]);
    await first.page.context().close();
  });

  it('Stop pressed in the tab that waits stops the answer in the tab streaming it: both show it stopped, nothing is taken up', async () => {
    const { first, answer } = await askInFirstTab();
    const { tab, errors } = await secondTab(first.page);
    const waiting = tab.locator('parley-chat');
    await lastAnswer(waiting).getByText('According to', { exact: false }).waitFor();
    await waiting.locator('[part~="stop"]').click();
    // The first tab's answer stops where it was (the gateway's stream is closed before its end) ...
    await answer.getByText('Stopped', { exact: true }).waitFor();
    await first.page.locator('parley-chat [part~="send"]').waitFor();
    expect(await answer.textContent()).not.toContain('no language model wrote this answer');
    expect(chatRequests).toMatchObject([{ lastEventId: undefined, ended: false }]);
    expect(chatRequests).toHaveLength(1);
    // ... and the tab where Stop was pressed shows that stopped answer, as far as it came there.
    const shown = async () => [await answer.locator('parley-markdown').textContent(), await lastAnswer(waiting).locator('parley-markdown').textContent()];
    await expect.poll(async () => new Set(await shown()).size).toBe(1);
    await lastAnswer(waiting).getByText('Stopped', { exact: true }).waitFor();
    await waiting.locator('[part~="send"]').waitFor();
    expect(resumes()).toEqual([]);
    expect([...first.errors, ...errors, ...first.violations]).toEqual([]);
    await first.page.context().close();
  });

  it('the element in the tab that waits is removed (an SPA route change, not a Stop): the tab streaming the answer finishes it', async () => {
    const { first, answer } = await askInFirstTab();
    const { tab, errors } = await secondTab(first.page);
    await lastAnswer(tab.locator('parley-chat')).getByText('According to', { exact: false }).waitFor();
    await tab.evaluate(() => document.querySelector('parley-chat')!.remove());
    await answerEnded(answer);
    await expectWholeAnswer(first.page);
    expect(chatRequests).toHaveLength(1);
    expect(chatRequests[0]!.ended).toBe(true);
    expect([...first.errors, ...errors, ...first.violations]).toEqual([]);
    await first.page.context().close();
  });

  it('the tab streaming it is closed mid-answer: the tab beside it takes the answer up and finishes it, once', async () => {
    const { first } = await askInFirstTab();
    const { tab, errors } = await secondTab(first.page);
    await lastAnswer(tab.locator('parley-chat')).getByText('According to', { exact: false }).waitFor();
    expect(resumes()).toEqual([]);
    await first.page.close();
    await expectWholeAnswer(tab);
    // Asked once; taken up once, by the tab left open, after an event the first tab had; it ran to the end.
    expect(chatRequests.filter((request) => request.lastEventId === undefined)).toHaveLength(1);
    expect(resumes()).toHaveLength(1);
    expect(resumes()[0]).toMatchObject({ lastEventId: expect.stringMatching(/^[0-9a-f-]{36}:\d+$/), ended: true });
    expect(errors).toEqual([]);
    await tab.context().close();
  });

  it('the tab streaming it crashes mid-answer (no pagehide, storage left busy): the tab open beside it takes the answer up', async () => {
    chatRequests.length = 0;
    const first = await openFirstTab();
    // Open before the question: it learns of the answer from storage events only (and follows it
    // from the first one that says where the answer got to).
    const { tab, errors } = await secondTab(first.page);
    const { answer } = await askAcme(first.page);
    await answer.locator('parley-markdown').getByText('Payment is due Net 45', { exact: false }).waitFor();
    // Page.crash answers only once the tab is gone: the crash event says it is.
    const crashed = first.page.waitForEvent('crash');
    void (await first.page.context().newCDPSession(first.page)).send('Page.crash').catch(() => {});
    await crashed;
    await expectWholeAnswer(tab);
    expect(chatRequests.filter((request) => request.lastEventId === undefined)).toHaveLength(1);
    expect(resumes()).toHaveLength(1);
    expect(resumes()[0]!.ended).toBe(true);
    expect(errors).toEqual([]);
    await tab.context().close();
  });
});

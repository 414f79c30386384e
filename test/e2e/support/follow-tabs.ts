import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { answerEnded, askAcme, expectAcmeTermsOnce, lastAnswer } from './ask-acme.js';
import { openPage } from './open-page.js';
import type { usePageServer } from './chromium.js';
import type { ProxiedChatRequest } from './use-chat-proxy.js';

/** The text of the answer `chat` shows last. */
export const answerText = async (chat: Locator): Promise<string> => (await lastAnswer(chat).locator('parley-markdown').textContent()) ?? '';

/**
 * Two tabs of one ERP page on one stored conversation (`persist="local"`), as the tab tests open
 * them on `site` (its page at `/`), and what they expect of a tab beside the one streaming.
 * `chatRequests`: the chat POSTs the site's proxy saw (`useChatProxy`).
 */
export function followTabs(site: ReturnType<typeof usePageServer>, chatRequests: ProxiedChatRequest[]) {
  /**
   * Two tabs of one browser profile (one `localStorage`), both open before the question; the
   * second on the site's page at `besidePath`.
   */
  async function twoTabs(besidePath = '/'): Promise<{ first: Page; tab: Page; problems: () => string[] }> {
    chatRequests.length = 0;
    const opened = await openPage(site.browser, `${site.origin}/`);
    const tab = await opened.page.context().newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${site.origin}${besidePath}`);
    await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    await tab.locator('parley-chat [part~="send"]').waitFor();
    // Uncaught errors in either tab, console errors and CSP violations in the first.
    return { first: opened.page, tab, problems: () => [...opened.errors, ...errors, ...opened.violations] };
  }

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

  /**
   * The answer `tab` followed (`answer`, streaming in `first`) ended there: `tab` shows the same
   * whole answer, finished (not interrupted or stopped), asked of the gateway once, and offers Send.
   */
  async function expectFollowedToTheEnd(first: Page, tab: Page, answer: Locator): Promise<void> {
    await answerEnded(answer);
    const beside = tab.locator('parley-chat');
    await answerEnded(lastAnswer(beside));
    await beside.locator('[part~="send"]').waitFor();
    await expect.poll(async () => new Set([await answerText(beside), await answerText(first.locator('parley-chat'))]).size).toBe(1);
    await expectAcmeTermsOnce(lastAnswer(beside));
    expect(await lastAnswer(beside).textContent()).not.toMatch(/interrupted|stopped/i);
    expect(chatRequests).toHaveLength(1);
  }

  /** A question asked in `tab` goes out and is answered there: Send works again. */
  async function expectSends(tab: Page): Promise<void> {
    const chat = tab.locator('parley-chat');
    const before = chatRequests.length;
    await askAcme(tab);
    await expect.poll(() => chatRequests.length).toBe(before + 1);
    await expect.poll(() => chat.locator('[part~="message"][part~="user"]').count()).toBe(2);
  }

  /**
   * The tab streaming the answer `tab` followed went mid-answer (closed, or crashed): `tab` shows
   * the answer as far as it came, marked interrupted and not asked again, and sends again.
   */
  async function expectTakenAsLeft(tab: Page, within?: number): Promise<void> {
    await expectInterrupted(tab, within);
    await expectSends(tab);
  }

  /** `expectTakenAsLeft` but the send: the answer as far as it came, interrupted, not asked again; Send offered. */
  async function expectInterrupted(tab: Page, within?: number): Promise<void> {
    const beside = tab.locator('parley-chat');
    await lastAnswer(beside).getByText('This answer was interrupted.', { exact: false }).waitFor({ timeout: within });
    await beside.locator('[part~="send"]').waitFor();
    expect(await answerText(beside)).toContain('According to');
    expect(await answerText(beside)).not.toContain('no language model wrote this answer');
    expect(chatRequests).toHaveLength(1);
  }

  return { twoTabs, expectFollowing, expectFollowedToTheEnd, expectSends, expectTakenAsLeft, expectInterrupted };
}

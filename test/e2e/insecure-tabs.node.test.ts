import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { answerEnded, askAcme, lastAnswer } from './support/ask-acme.js';
import { answerText, followTabs } from './support/follow-tabs.js';
import { useChatProxy } from './support/use-chat-proxy.js';
import { useTestGateway } from './support/use-test-gateway.js';

/**
 * Two tabs of an ERP page on a plain-HTTP intranet host (`http://parley.test`, which this Chromium
 * resolves to 127.0.0.1: loopback names are secure contexts, this one is not), on one stored
 * conversation (`persist="local"`). There is no `navigator.locks` there: before, every tab acted
 * alone, so a tab beside the one streaming kept offering Send and its send wrote over the other's
 * turn, and a tab closed or crashed mid-answer left a `busy` the other never took. Now they take
 * turns over `localStorage` (`storage-locks.ts`) as they do with Web Locks
 * (`follow-tabs.node.test.ts`). An OpenAI-compatible gateway, which does not resume answers: an
 * answer whose tab went is taken as that tab left it. Real gateway, real HTTP, real Chromium, the
 * script tag under the strict CSP.
 */
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two tabs</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/v1/chat/completions" protocol="openai" persist="local"></parley-chat></body></html>`;

/** A slow model (40 ms a token, about 7 s an answer), so a tab can go mid-answer. */
const gateway = useTestGateway({ delayMs: 40 });
/** A slower one (about 25 s an answer), still streaming when a tab held up for seconds is back. */
const slowGateway = useTestGateway({ delayMs: 150 });
let slow = false;
const { site, chatRequests } = useChatProxy({ pages: { '/': page }, target: () => (slow ? slowGateway : gateway).url, path: '/v1/chat/completions', host: 'parley.test' });
const { twoTabs, expectFollowing, expectFollowedToTheEnd, expectSends, expectTakenAsLeft } = followTabs(site, chatRequests);
/** The same page on the same server opened at 127.0.0.1: a secure context, with Web Locks. */
const secure = followTabs(
  {
    get browser() {
      return site.browser;
    },
    get origin() {
      return site.origin.replace('parley.test', '127.0.0.1');
    },
  },
  chatRequests,
);

/** Both tabs are on an origin that is not a secure context, where the browser has no Web Locks. */
async function expectNoWebLocks(...tabs: Page[]): Promise<void> {
  for (const tab of tabs) {
    expect(new URL(tab.url()).hostname).toBe('parley.test');
    expect(await tab.evaluate(() => ({ secure: window.isSecureContext, locks: typeof (navigator as { locks?: unknown }).locks }))).toEqual({ secure: false, locks: 'undefined' });
  }
}

/** The paths of the script tag's chunks the tabs of `first`'s browser profile fetch from now on. */
function chunksFetched(first: Page): string[] {
  const paths: string[] = [];
  first.context().on('request', (request) => void paths.push(new URL(request.url()).pathname));
  return paths;
}

const isStorageLocks = (path: string) => /^\/chunks\/storage-locks-[\w-]+\.js$/.test(path);

/** The transcript a tab shows: each message's text, in order. */
const transcript = (tab: Page) => tab.locator('parley-chat [part~="message"]').allTextContents();

describe('two tabs of a page that is not a secure context (no Web Locks)', { timeout: 90_000 }, () => {
  it('take turns: the tab beside follows the answer with no Send, its send waits for the end, and then neither writes over the other’s turn', async () => {
    const { first, tab, problems } = await twoTabs();
    await expectNoWebLocks(first, tab);
    const fetched = chunksFetched(first);
    const { answer } = await askAcme(first);
    await expectFollowing(tab);
    await expectFollowedToTheEnd(first, tab, answer);
    const beside = tab.locator('parley-chat');
    // The turn asked beside it now goes out, after the first tab's whole answer; the first tab
    // follows it in turn, and both keep both turns.
    await expectSends(tab);
    await answerEnded(lastAnswer(beside));
    await expect.poll(() => first.locator('parley-chat [part~="message"][part~="user"]').count()).toBe(2);
    await answerEnded(lastAnswer(first.locator('parley-chat')));
    await expect.poll(async () => JSON.stringify(await transcript(first))).toBe(JSON.stringify(await transcript(tab)));
    const turns = await transcript(tab);
    expect(turns).toHaveLength(4);
    for (const text of [turns[1]!, turns[3]!]) expect(text).toContain('no language model wrote this answer');
    expect(chatRequests).toHaveLength(2);
    // The lock code for pages without Web Locks was fetched, as a chunk of its own.
    expect(fetched.some(isStorageLocks)).toBe(true);
    expect(problems()).toEqual([]);
    await first.context().close();
  });

  it('the same page in a secure context takes turns by Web Locks and never fetches the lock code for pages without them', async () => {
    const { first, tab, problems } = await secure.twoTabs();
    expect(await first.evaluate(() => window.isSecureContext && typeof navigator.locks)).toBe('object');
    const fetched = chunksFetched(first);
    const { answer } = await askAcme(first);
    await secure.expectFollowing(tab);
    await answerEnded(answer);
    await answerEnded(lastAnswer(tab.locator('parley-chat')));
    expect(fetched.some((path) => path.startsWith('/chunks/'))).toBe(true);
    expect(fetched.filter(isStorageLocks)).toEqual([]);
    expect(problems()).toEqual([]);
    await first.context().close();
  });

  it('the tab streaming it is closed mid-answer: the tab beside takes the answer as it was left, interrupted, and sends again', async () => {
    const { first, tab, problems } = await twoTabs();
    await expectNoWebLocks(first, tab);
    await askAcme(first);
    await expectFollowing(tab);
    await first.close();
    await expectTakenAsLeft(tab);
    expect(problems()).toEqual([]);
    await tab.context().close();
  });

  it('the tab streaming it crashes mid-answer (no pagehide, storage and the lock left busy): the tab beside finds it gone, takes the answer as it was left, and sends again', async () => {
    const { first, tab, problems } = await twoTabs();
    await expectNoWebLocks(first, tab);
    await askAcme(first);
    await expectFollowing(tab);
    // Page.crash answers only once the tab is gone: the crash event says it is.
    const crashed = first.waitForEvent('crash');
    void (await first.context().newCDPSession(first)).send('Page.crash').catch(() => {});
    await crashed;
    await expectTakenAsLeft(tab, 10_000);
    // Errors in the first tab are not asked for: it crashed.
    expect(problems().filter((problem) => !/crash/i.test(problem))).toEqual([]);
    await tab.context().close();
  });

  it('the tab streaming it is held up (a long task, or frozen) until taken for gone: the tab beside takes the answer as it was left; back, the tab held up stops it there (its request let go of), writes nothing more, and offers Send', async () => {
    slow = true;
    onTestFinished(() => void (slow = false));
    const { first, tab, problems } = await twoTabs();
    await expectNoWebLocks(first, tab);
    await askAcme(first);
    await expectFollowing(tab);
    // Held in the debugger: its page runs nothing (no timer, no message answered) until resumed,
    // as in a long task or a freeze.
    const cdp = await first.context().newCDPSession(first);
    await cdp.send('Debugger.enable');
    const paused = new Promise((resolve) => cdp.once('Debugger.paused', resolve));
    await cdp.send('Debugger.pause');
    await paused;
    const beside = tab.locator('parley-chat');
    await lastAnswer(beside).getByText('This answer was interrupted.', { exact: false }).waitFor({ timeout: 15_000 });
    await cdp.send('Debugger.resume');
    const chat = first.locator('parley-chat');
    // Back, it has lost its turn: its request is let go of there, long before the answer ends (about
    // 25 s), so nothing more comes to it to write, and it offers Send again.
    await expect.poll(() => chatRequests[0]!.closedAt, { timeout: 15_000 }).toBeDefined();
    expect(chatRequests[0]!.ended).toBe(false);
    await chat.locator('[part~="send"]').waitFor();
    const stored = () => first.evaluate(() => Object.entries(localStorage).find(([key]) => key.startsWith('parley:conversation:'))![1]);
    const kept = await stored();
    for (const shown of [chat, beside]) expect(await lastAnswer(shown).textContent()).not.toContain('no language model wrote this answer');
    // Neither tab writes over the other any more: what storage holds stays.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(await stored()).toBe(kept);
    expect(await answerText(beside)).toContain('According to');
    expect(chatRequests).toHaveLength(1);
    expect(problems()).toEqual([]);
    await first.context().close();
  });
});

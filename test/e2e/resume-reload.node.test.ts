import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { answerEnded, askAcme, expectAcmeTermsOnce, lastAnswer } from './support/ask-acme.js';
import { openPage } from './support/open-page.js';
import { useChatProxy } from './support/use-chat-proxy.js';
import { useTestGateway } from './support/use-test-gateway.js';

/**
 * An ERP page is left (a reload, a click to another screen with the same widget) while an answer
 * streams. The page that comes next takes the answer up where the last one stopped reading it:
 * the rest streams, once, and nothing is asked twice of the model. Real gateway, real HTTP, real
 * Chromium, the script tag under the strict CSP, the widget's default storage (this tab).
 */
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Resume after reload</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley"></parley-chat></body></html>`;
/** The same, but the host gives the element its gateway a moment later, from a module script. */
const latePage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Resume, gateway set later</title><script src="/parley-chat.js"></script>
<script type="module" src="/configure.js"></script></head><body><parley-chat></parley-chat></body></html>`;
const configure = `setTimeout(() => Object.assign(document.querySelector('parley-chat'), { protocol: 'parley', endpoint: '/api/chat' }), 150);`;

/** A slow model (40 ms a token, about 7 s an answer), so the page can go away mid-answer. */
const keeping = useTestGateway({ delayMs: 40 });
/** The same, but a gateway that stops an answer as soon as nobody reads it (`resumeGraceMs: 0`). */
const forgetting = useTestGateway({ delayMs: 40, resumeGraceMs: 0 });
let gateway = keeping;
/** Each POST to the chat endpoint: the `Last-Event-ID` it carried, and whether its answer ran to the end. */
const { site, chatRequests } = useChatProxy({ pages: { '/': page, '/late': latePage }, scripts: { '/configure.js': configure }, target: () => gateway.url });

/** Waits until the answer is well under way: its own text (the source card quotes it from the start) has the first term. */
const midAnswer = (answer: Locator): Promise<void> => answer.locator('parley-markdown').getByText('Payment is due Net 45', { exact: false }).waitFor();

async function askThenReload(path = '/') {
  chatRequests.length = 0;
  const opened = await openPage(site.browser, `${site.origin}${path}`);
  // A person asks once the page is ready (on /late, once the host gave the element its gateway).
  await opened.page.waitForFunction(() => (document.querySelector('parley-chat') as { endpoint?: string } | null)?.endpoint);
  const { chat, answer } = await askAcme(opened.page);
  await midAnswer(answer);
  expect(await answer.textContent()).not.toContain('no language model wrote this answer');
  await opened.page.reload();
  return { ...opened, chat, answer: lastAnswer(chat) };
}

describe('a page left while an answer streams, from the reference gateway', { timeout: 60_000 }, () => {
  for (const [path, how] of [
    ['/', 'the element has its gateway from the start'],
    ['/late', 'the host sets the gateway a moment after the page loads'],
  ] as const) {
    it(`the next page takes the answer up and it goes on to its end, once, with no notice (${how})`, async () => {
      gateway = keeping;
      const { page: tab, chat, answer, errors, violations } = await askThenReload(path);
      await answerEnded(answer);
      await chat.locator('[part~="send"]').waitFor();
      const text = await expectAcmeTermsOnce(answer);
      expect(text.startsWith('According to')).toBe(true);
      expect(await answer.textContent()).not.toMatch(/interrupted/i);
      expect(await chat.locator('[role="alert"]').count()).toBe(0);
      expect(await chat.locator('[part~="message"][part~="user"]').count()).toBe(1);
      // The model was asked once, and the new page took that answer up once, after an event the old
      // page had, to the end. The old page let go of it as it went (`pagehide`): no resume of its own.
      expect(chatRequests.map((request) => request.lastEventId === undefined)).toEqual([true, false]);
      expect(chatRequests[1]).toMatchObject({ lastEventId: expect.stringMatching(/^[0-9a-f-]{36}:\d+$/), ended: true });
      expect([...errors, ...violations]).toEqual([]);
      await tab.context().close();
    });
  }

  it('the element given new actions mid-answer builds its conversation anew, which takes the answer up', async () => {
    gateway = keeping;
    chatRequests.length = 0;
    const { page: tab, errors, violations } = await openPage(site.browser, `${site.origin}/`);
    const { answer } = await askAcme(tab);
    await midAnswer(answer);
    // (New headers, a refreshed token, build nothing anew: they are read for every request.)
    await tab.evaluate(() => Object.assign(document.querySelector('parley-chat')!, { actions: { lookUpSupplier: { description: 'Look up a supplier', run: () => 'ACME' } } }));
    await answerEnded(answer);
    await expectAcmeTermsOnce(answer);
    expect(await answer.textContent()).not.toMatch(/interrupted|stopped/i);
    expect(chatRequests.map((request) => request.lastEventId === undefined)).toEqual([true, false]);
    expect([...errors, ...violations]).toEqual([]);
    await tab.context().close();
  });

  it('a gateway that no longer has the answer: it shows as far as it came, interrupted, with Retry, and no error', async () => {
    gateway = forgetting;
    const { page: tab, chat, answer, violations } = await askThenReload();
    await answer.getByText(/interrupted/i).waitFor();
    expect(await answer.locator('parley-markdown').textContent()).toContain('Payment is due Net 45');
    expect(await chat.locator('[role="alert"]').count()).toBe(0);
    // Asked once; the new page tried to take it up, and nothing was asked again.
    expect(chatRequests.filter((request) => request.lastEventId === undefined)).toHaveLength(1);
    expect(chatRequests.at(-1)!.lastEventId).toMatch(/^[0-9a-f-]{36}:\d+$/);
    await chat.locator('[part~="send"]').waitFor();
    // Retry asks again (a question of its own, no Last-Event-ID) and that answer comes whole.
    await answer.locator('button.regenerate').click();
    const again = lastAnswer(chat);
    await answerEnded(again);
    expect(chatRequests.filter((request) => request.lastEventId === undefined)).toHaveLength(2);
    expect(await again.textContent()).not.toMatch(/interrupted/i);
    expect(violations).toEqual([]);
    await tab.context().close();
  });
});

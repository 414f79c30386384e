import { beforeAll, describe, expect, it } from 'vitest';
import { acmeQuestion as question, answerEnded, askAcme, expectAcmeTermsOnce } from './support/ask-acme.js';
import { openPage } from './support/open-page.js';
import { useChatProxy } from './support/use-chat-proxy.js';
import { useTestGateway } from './support/use-test-gateway.js';

/**
 * SECURITY-NOTES test 17, the resuming half: a proxy between the page and the reference gateway
 * breaks the connection in the middle of an answer's text (its idle timeout, a VPN that dropped).
 * The person sees the answer go on to its end, once, with no error and nothing asked twice of the
 * model. Real gateway, real HTTP through a real proxy, real Chromium.
 */
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Resume</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley"></parley-chat></body></html>`;

const gateway = useTestGateway({ delayMs: 3 });
/** Where the first answer's body is cut (bytes, inside its text), and how. */
let cutAfter = 0;
let how: 'destroy' | 'end' = 'destroy';

beforeAll(async () => {
  const raw = await (await fetch(`${gateway.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: question }] }) })).text();
  cutAfter = Buffer.byteLength(raw.slice(0, raw.indexOf('text-delta'))) + 600;
}, 60_000);

// The proxy: the first answer is cut, the rest pass untouched.
const { site, chatRequests } = useChatProxy({ pages: { '/': page }, target: () => gateway.url, cut: (requests) => (requests.length === 1 ? { after: cutAfter, how } : undefined) });

describe('a connection that breaks mid-answer in front of the reference gateway', { timeout: 60_000 }, () => {
  it.each(['destroy', 'end'] as const)('(%s): the answer goes on to its end, once, with no error', async (cutHow) => {
    how = cutHow;
    chatRequests.length = 0;
    const { page: tab, errors, violations } = await openPage(site.browser, `${site.origin}/`);
    const { chat, answer } = await askAcme(tab);
    // The answer's last words, which came only after the break.
    await answerEnded(answer);
    await chat.locator('[part~="send"]').waitFor();
    await expectAcmeTermsOnce(answer);
    expect(await answer.textContent()).not.toMatch(/interrupted/i);
    expect(await chat.locator('[role="alert"]').count()).toBe(0);
    expect(chatRequests).toHaveLength(2);
    expect(chatRequests[0]!.lastEventId).toBeUndefined();
    expect(chatRequests[1]!.lastEventId).toMatch(/^[0-9a-f-]{36}:\d+$/);
    expect([...errors, ...violations]).toEqual([]);
    await tab.context().close();
  });
});

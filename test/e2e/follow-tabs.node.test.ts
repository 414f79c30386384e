import { describe, expect, it } from 'vitest';
import { askAcme, lastAnswer } from './support/ask-acme.js';
import { answerText, followTabs } from './support/follow-tabs.js';
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
/** The same page before its script has given the element its gateway: a stand-in client answers meanwhile. */
const noGatewayYet = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two tabs</title><script src="/parley-chat.js"></script></head>
<body><parley-chat protocol="openai" persist="local"></parley-chat></body></html>`;

/** A slow model (40 ms a token, about 7 s an answer), so a tab can stop it or go mid-answer. */
const gateway = useTestGateway({ delayMs: 40 });
const { site, chatRequests } = useChatProxy({ pages: { '/': page, '/no-gateway-yet': noGatewayYet }, target: () => gateway.url, path: '/v1/chat/completions' });

const { twoTabs, expectFollowing, expectFollowedToTheEnd, expectSends, expectTakenAsLeft, expectInterrupted } = followTabs(site, chatRequests);

describe('a tab beside one streaming an answer the gateway cannot resume', { timeout: 90_000 }, () => {
  it('follows it as it streams (no Send), then shows the whole answer and sends again', async () => {
    const { first, tab, problems } = await twoTabs();
    const { answer } = await askAcme(first);
    await expectFollowing(tab);
    await expectFollowedToTheEnd(first, tab, answer);
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
    await first.close();
    await expectTakenAsLeft(tab);
    expect(problems()).toEqual([]);
    await tab.context().close();
  });

  it('a tab whose element has no gateway yet follows it too (not shown interrupted), then shows the whole answer', async () => {
    const { first, tab, problems } = await twoTabs('/no-gateway-yet');
    const { answer } = await askAcme(first);
    await expectFollowing(tab);
    await expectFollowedToTheEnd(first, tab, answer);
    expect(problems()).toEqual([]);
    await first.context().close();
  });

  it('a tab whose element has no gateway yet, following it, shows it interrupted as far as it came once the tab streaming it is closed', async () => {
    const { first, tab, problems } = await twoTabs('/no-gateway-yet');
    await askAcme(first);
    await expectFollowing(tab);
    await first.close();
    await expectInterrupted(tab);
    expect(problems()).toEqual([]);
    await tab.context().close();
  });
});

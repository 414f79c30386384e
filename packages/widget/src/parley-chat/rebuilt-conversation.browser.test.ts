import { expect, it, vi } from 'vitest';
import type { ParleyChat } from './parley-chat.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

/**
 * An element whose conversation is built anew (another model, actions, moved in the page) keeps
 * its own transcript; `headers` build nothing anew, and a value that cannot be sent is said.
 */
const gateway = useMockGateway();
const answer = (text: string) => sse([{ type: 'text-delta', delta: text }, { type: 'finish', reason: 'stop' }]);
const questions = (el: ParleyChat) => shadowParts(el, '[part~="message"][part~="user"]').map((message) => message.querySelector('.bubble')!.textContent!.trim());
const settled = (el: ParleyChat) => vi.waitFor(() => expect(el.conversation.getSnapshot().status).not.toBe('streaming'));

for (const persist of ['none', 'session'] as const) {
  it(`two elements without a conversation-id (persist="${persist}"): the second, built anew once the first is gone, keeps its own transcript`, async () => {
    for (const key of Object.keys(sessionStorage)) if (key.includes(':default')) sessionStorage.removeItem(key);
    gateway.serve(gatewayUrl, (request) => answer(`Re: ${String(request.body.messages.at(-1)!.content)}`));
    const first = await mountChat({ persist });
    const second = await mountChat({ persist });
    expect([first.conversation.id, second.conversation.id]).toEqual(['default', 'default-2']);
    await first.send('First element question');
    await second.send('Second element question');
    // The host closes the first (a route change), then gives the second another model.
    first.remove();
    second.setAttribute('model', 'qwen2.5-72b');
    await second.updateComplete;
    await vi.waitFor(() => expect(questions(second)).toEqual(['Second element question']));
    expect(second.conversation.id).toBe('default-2');
    await vi.waitFor(() => expect(lastAnswerText(second)).toBe('Re: Second element question'));
    second.remove();
    for (const key of Object.keys(sessionStorage)) if (key.includes(':default')) sessionStorage.removeItem(key);
  });
}

it('a 401 with headers given as an object: asked once, then "signed out" (the same headers would be refused again)', async () => {
  gateway.serve(gatewayUrl, () => new Response('{"error":{"message":"bad token"}}', { status: 401, headers: { 'content-type': 'application/json' } }));
  const el = await mountChat();
  el.headers = { authorization: 'Bearer expired' };
  await el.send('hi');
  await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')?.textContent).toContain('signed out'));
  expect(gateway.requests).toHaveLength(1);
});

it('headers with a token not fetched yet ({ authorization: undefined }): nothing is sent, and the notice names the header', async () => {
  gateway.serve(gatewayUrl, () => answer('ok'));
  const el = await mountChat();
  let token: string | undefined;
  el.headers = { authorization: token } as unknown as Record<string, string>;
  await el.send('hi');
  await settled(el);
  expect(gateway.requests).toHaveLength(0);
  await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')?.textContent).toContain('"authorization" is undefined'));
  expect(questions(el)).toEqual(['hi']);
});

it('headers given as a Headers object go with the request', async () => {
  gateway.serve(gatewayUrl, () => answer('ok'));
  const el = await mountChat();
  el.headers = new Headers({ authorization: 'Bearer abc' }) as unknown as Record<string, string>;
  await el.send('hi');
  await settled(el);
  expect(gateway.requests.map((request) => request.headers.get('authorization'))).toEqual(['Bearer abc']);
});

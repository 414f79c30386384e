import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createClient } from '@parley/client';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor } from 'storybook/test';
import { gateways } from './mocks/gateway-handlers.js';
import { englishAnswers } from './mocks/sample-answers.js';
import { streamEvents, textDeltas } from './mocks/stream-events.js';
import { answers, answerTimeout, chatIn, finishedAnswer, screenOf, visibleText } from './support/chat-queries.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * When the gateway fails, the person reads why in their language, keeps what arrived, and gets
 * the way out (Retry). The notice is a `role="alert"`, so screen readers hear it once.
 */
const meta = {
  title: 'parley-chat/Failures',
  component: 'parley-chat',
  argTypes: chatArgTypes(),
  render: (args) => renderChat(args),
  args: { protocol: 'parley', persist: 'none', lang: 'en', prompt: 'Where is PO-2025-0117?', frameWidth: '560px' },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

async function alertText(canvasElement: HTMLElement): Promise<string> {
  const alert = await screenOf(chatIn(canvasElement)).findByRole('alert', {}, answerTimeout);
  return visibleText(alert);
}

/** 429 with `Retry-After: 90`: longer than the client waits by itself, so the person is told the wait. */
export const RateLimited: Story = {
  args: { endpoint: gateways.rateLimited },
  play: async ({ canvasElement }) => {
    const text = await alertText(canvasElement);
    await expect(text).toContain('Too many requests at the moment.');
    await expect(text).toContain('You can retry in 90 s.');
  },
};

/**
 * 429 with `Retry-After: 3`: short enough for the client to wait it out by itself. While it waits,
 * the answer says so (a `role="status"` line, not an empty bubble); then the answer comes.
 */
export const RateLimitedWaitedOut: Story = {
  name: 'Rate limited, waited out',
  beforeEach: ({ msw }) => {
    let calls = 0;
    msw.use(
      http.post('/gateway/busy-once', () =>
        ++calls === 1
          ? HttpResponse.json({ error: { code: 'rate_limit_exceeded', message: 'Too many requests for this department.' } }, { status: 429, headers: { 'retry-after': '3' } })
          : streamEvents([...textDeltas(englishAnswers.plain), { type: 'finish', reason: 'stop' }]),
      ),
    );
  },
  args: { endpoint: '/gateway/busy-once' },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    const waiting = await screen.findByRole('status', {}, answerTimeout);
    await expect(visibleText(waiting)).toBe('The gateway is busy; trying again shortly…');
    await finishedAnswer(chat, 'shipped yesterday');
    await expect(screen.queryByText('The gateway is busy; trying again shortly…')).toBeNull();
    await expect(screen.queryByRole('alert')).toBeNull();
  },
};

/** 503 on every try: the client retries with backoff first, then gives up. */
export const GatewayDown: Story = {
  args: { endpoint: gateways.down },
  play: async ({ canvasElement }) => {
    await expect(await alertText(canvasElement)).toContain('The assistant cannot be reached right now.');
    await expect(await screenOf(chatIn(canvasElement)).findByRole('button', { name: 'Retry' }, answerTimeout)).toBeVisible();
  },
};

/** The request never reaches a server (offline, DNS, a proxy that resets the connection). */
export const NetworkError: Story = {
  args: { endpoint: gateways.offline },
  play: async ({ canvasElement }) => {
    await expect(await alertText(canvasElement)).toContain('Check your connection, then retry.');
  },
};

export const SignedOut: Story = {
  args: { endpoint: gateways.signedOut },
  play: async ({ canvasElement }) => {
    await expect(await alertText(canvasElement)).toContain('You are signed out.');
  },
};

/**
 * The answer starts, then the upstream goes silent. The client's idle timeout (1.5 s here,
 * `createClient({ idleTimeoutMs })`; a minute by default) ends it; what arrived stays.
 *
 * The question goes once the client's protocol adapter and request code are in
 * (`client.preload()`): the watchdog also runs while they load, and on a cold page (a first story,
 * a loaded 2-core machine) that load alone took long enough to end the answer before its first
 * words, so the story showed a different failure than the one it is about.
 */
export const StalledThenTimedOut: Story = {
  name: 'Stalled, then timed out',
  render: ({ prompt, ...args }) =>
    renderChat(args, (chat) => {
      const client = createClient({ url: gateways.stalled, protocol: 'parley', idleTimeoutMs: 1500 });
      chat.client = client;
      if (prompt) void Promise.all([client.preload?.(), chat.updateComplete]).then(() => chat.send(prompt));
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    // The first words arrive, then the silence, then the notice; the words stay.
    await waitFor(() => expect(visibleText(answers(chat)[0])).toContain('Collecting the inventory report'), answerTimeout);
    await expect(await alertText(canvasElement)).toContain('The answer stopped arriving.');
    await expect(visibleText(answers(chat)[0])).toContain('warehouse system');
  },
};

/** The gateway fails once, then recovers: Retry asks again and the answer arrives. */
export const RetryAfterFailure: Story = {
  name: 'Retry after a failure',
  beforeEach: ({ msw }) => {
    let calls = 0;
    msw.use(
      http.post('/gateway/flaky', () =>
        ++calls === 1
          ? HttpResponse.json({ error: { code: 'service_unavailable', message: 'Restarting.' } }, { status: 503 })
          : streamEvents([...textDeltas(englishAnswers.plain), { type: 'finish', reason: 'stop' }]),
      ),
    );
  },
  render: (args) => renderChat(args, (chat) => (chat.client = createClient({ url: '/gateway/flaky', protocol: 'parley', retry: false }))),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const screen = screenOf(chat);
    await alertText(canvasElement);
    // Retry is offered once the failed send is over, which can be a frame after the alert shows.
    await userEvent.click(await screen.findByRole('button', { name: 'Retry' }, answerTimeout));
    await finishedAnswer(chat, 'shipped yesterday');
    await expect(screen.queryByRole('alert')).toBeNull();
  },
};

/**
 * An integrator's typo: a static server answers the endpoint with its 404 page. The notice says
 * which path was not found (never its query string) and offers no Retry: it would fail the same way.
 */
export const WrongEndpoint: Story = {
  name: 'Wrong endpoint (404)',
  beforeEach: ({ msw }) => {
    msw.use(
      http.post('/gateway/chta', () => new HttpResponse('<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>', { status: 404, headers: { 'content-type': 'text/html' } })),
    );
  },
  args: { endpoint: '/gateway/chta' },
  play: async ({ canvasElement }) => {
    await expect(await alertText(canvasElement)).toContain('The endpoint /gateway/chta was not found (HTTP 404): check the endpoint URL.');
    await expect(screenOf(chatIn(canvasElement)).queryByRole('button', { name: 'Retry' })).toBeNull();
  },
};

/** The page names `openai`, the gateway speaks Parley's protocol: the notice names the one it speaks. */
export const WrongProtocol: Story = {
  name: 'Wrong protocol named',
  render: (args) => renderChat(args, (chat) => (chat.client = createClient({ url: gateways.plain, protocol: 'openai', retry: false }))),
  play: async ({ canvasElement }) => {
    await expect(await alertText(canvasElement)).toContain('Set protocol to "parley"');
  },
};

/** The same failure in Chinese: the message and the wait follow `lang`. */
export const RateLimitedChinese: Story = {
  name: 'Rate limited (zh-CN)',
  args: { endpoint: gateways.rateLimited, lang: 'zh-CN', prompt: 'PO-2025-0117 到哪了？' },
  play: async ({ canvasElement }) => {
    const text = await alertText(canvasElement);
    await expect(text).toContain('当前请求过多。');
    await expect(text).toContain('90 秒后可重试。');
    await expect(await screenOf(chatIn(canvasElement)).findByRole('button', { name: '重试' }, answerTimeout)).toBeVisible();
  },
};

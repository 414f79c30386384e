import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { ChatEvent } from './chat-event.js';
import type { ConversationClient, createConversation as CreateConversation } from './create-conversation.js';

/** A model the test drives, as a gateway that does not resume answers (no event ids). */
function drivenClient() {
  const calls: Array<{ aborted: boolean; say(text: string): void }> = [];
  const client: ConversationClient = {
    stream() {
      const queue: ChatEvent[] = [];
      let wake: (() => void) | undefined;
      const push = (event: ChatEvent) => (queue.push(event), wake?.());
      const call = { aborted: false, say: (text: string) => push({ type: 'text-delta', delta: text }) };
      calls.push(call);
      return {
        lastEventId: undefined,
        abort: () => ((call.aborted = true), push({ type: 'finish', reason: 'abort' })),
        async *[Symbol.asyncIterator]() {
          for (;;) {
            while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
            const event = queue.shift()!;
            yield event;
            if (event.type === 'finish') return;
          }
        },
      };
    },
  };
  return { client, calls };
}

/**
 * A plain-HTTP page (no `navigator.locks`): the real storage-locks over a `localStorage`, and a
 * window whose `pagehide` runs its listeners as a browser does, in the order they were added, with
 * a microtask checkpoint after each (HTML "clean up after running script").
 */
const entries = new Map<string, string>();
const listeners: Array<[string, (event: Event) => void]> = [];
let createConversation: typeof CreateConversation;
beforeEach(async () => {
  entries.clear();
  listeners.length = 0;
  vi.stubGlobal('navigator', {});
  vi.stubGlobal('localStorage', { getItem: (key: string) => entries.get(key) ?? null, setItem: (key: string, value: string) => void entries.set(key, value), removeItem: (key: string) => void entries.delete(key) });
  vi.stubGlobal('addEventListener', (type: string, listener: (event: Event) => void) => void listeners.push([type, listener]));
  vi.resetModules();
  ({ createConversation } = await import('./create-conversation.js'));
});
afterEach(() => void vi.unstubAllGlobals());

async function pagehide(persisted: boolean) {
  for (const [type, listener] of [...listeners]) {
    if (type !== 'pagehide') continue;
    listener(Object.assign(new Event('pagehide'), { persisted }));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

for (const persisted of [false, true]) {
  it(`pagehide (persisted: ${persisted}) on a page without Web Locks still saves what came since the last throttled save, when the page's flush listener was added after the lock code loaded`, async () => {
    const storage = { get: (key: string) => entries.get(key) ?? null, set: (key: string, value: string) => void entries.set(key, value), remove: (key: string) => void entries.delete(key) };
    const model = drivenClient();
    const conversation = createConversation({ id: 'r2', client: model.client, storage });
    void conversation.send('Payment terms with ACME?');
    await vi.waitFor(() => expect(model.calls).toHaveLength(1));
    model.calls[0]!.say('Net');
    await vi.waitFor(() => expect(entries.get('parley-lock:parley:conversation:r2')).toBeDefined());
    await vi.waitFor(() => expect(entries.get('parley:conversation:r2')).toContain('Net'));
    // The page's own pagehide listener (the README: "Call it on pagehide"; or <parley-chat> put back in the page), added now.
    addEventListener('pagehide', () => conversation.flush());
    model.calls[0]!.say(' 30 days');
    await vi.waitFor(() => expect(JSON.stringify(conversation.getSnapshot().messages.at(-1)?.parts)).toContain('Net 30 days'));
    await pagehide(persisted);
    // What the person saw is stored: the page that takes the answer (a tab beside, or this one reloaded) shows it.
    expect(JSON.parse(entries.get('parley:conversation:r2')!).messages.at(-1).parts).toEqual([{ type: 'text', text: 'Net 30 days' }]);
  });
}

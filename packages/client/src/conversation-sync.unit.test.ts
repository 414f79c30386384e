import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from './chat-event.js';
import type { ConversationMessage } from './conversation-message.js';
import { createConversation, type ConversationClient } from './create-conversation.js';
import { memoryStorage } from './storage.js';

/**
 * Two tabs on one stored conversation (`persist="local"`): two conversation objects sharing one
 * storage. Each tab's answers come from a client the test releases, so a turn can be held open.
 */
function heldClient() {
  let release: ((events: ChatEvent[]) => void) | undefined;
  const client: ConversationClient = {
    stream: () => ({
      abort: () => void 0,
      async *[Symbol.asyncIterator]() {
        yield* await new Promise<ChatEvent[]>((resolve) => (release = resolve));
      },
    }),
  };
  return {
    client,
    answer(text: string) {
      release!([{ type: 'text-delta', delta: text }, { type: 'finish', reason: 'stop' }]);
    },
    propose(id: string, name: string, args: Record<string, unknown>, ...more: Array<[string, string, Record<string, unknown>]>) {
      const calls = [[id, name, args] as const, ...more].map(([id, name, args]): ChatEvent => ({ type: 'tool-call', toolCall: { id, name, args } }));
      release!([...calls, { type: 'finish', reason: 'tool-calls' }]);
    },
  };
}

const texts = (messages: readonly ConversationMessage[]) => messages.map((message) => message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(''));
const drain = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function twoTabs() {
  const storage = memoryStorage();
  const gateway = { a: heldClient(), b: heldClient() };
  const a = createConversation({ client: gateway.a.client, storage, id: 'po' });
  const b = createConversation({ client: gateway.b.client, storage, id: 'po' });
  const reopened = () => createConversation({ client: heldClient().client, storage, id: 'po' }).getSnapshot().messages;
  return { gateway, a, b, reopened };
}

async function ask(tab: ReturnType<typeof createConversation>, client: ReturnType<typeof heldClient>, question: string, answer: string) {
  const sent = tab.send(question);
  await drain();
  client.answer(answer);
  await sent;
}

describe('Conversation.sync(): a tab opened earlier takes the turns another tab added', () => {
  it('a turn asked in the other tab survives a turn asked here', async () => {
    const { gateway, a, b, reopened } = twoTabs();
    await ask(a, gateway.a, 'Terms with ACME?', 'Net 30.');

    expect(await b.sync()).toBe(true);
    expect(texts(b.getSnapshot().messages)).toEqual(['Terms with ACME?', 'Net 30.']);
    await ask(b, gateway.b, 'And with Globex?', 'Net 45.');
    // What a reload of either tab shows: both turns, in order.
    expect(texts(reopened())).toEqual(['Terms with ACME?', 'Net 30.', 'And with Globex?', 'Net 45.']);

    expect(await a.sync()).toBe(true);
    expect(texts(a.getSnapshot().messages)).toEqual(['Terms with ACME?', 'Net 30.', 'And with Globex?', 'Net 45.']);
    expect(await a.sync()).toBe(false);
  });

  it('waits while the other tab is still answering, instead of taking the half answer as interrupted', async () => {
    const { gateway, a, b } = twoTabs();
    const sent = a.send('Terms with ACME?');
    await drain();
    a.flush(); // what a save during streaming writes
    expect(await b.sync()).toBe(false);
    expect(b.getSnapshot().messages).toEqual([]);

    gateway.a.answer('Net 30.');
    await sent;
    expect(await b.sync()).toBe(true);
    const [, answer] = b.getSnapshot().messages;
    expect(answer).toMatchObject({ role: 'assistant', finishReason: 'stop' });
    expect(answer!.interrupted).toBeUndefined();
  });

  it('takes nothing while its own turn runs: the answer streaming here is not replaced', async () => {
    const { gateway, a, b } = twoTabs();
    const sent = b.send('And with Globex?');
    await drain();
    await ask(a, gateway.a, 'Terms with ACME?', 'Net 30.');
    expect(await b.sync()).toBe(false);
    gateway.b.answer('Net 45.');
    await sent;
    expect(texts(b.getSnapshot().messages)).toEqual(['And with Globex?', 'Net 45.']);
  });

  it('a conversation cleared in the other tab is cleared here, so it is not written back', async () => {
    const { gateway, a, b, reopened } = twoTabs();
    await ask(a, gateway.a, 'Terms with ACME?', 'Net 30.');
    await b.sync();
    a.clear();
    expect(await b.sync()).toBe(true);
    expect(b.getSnapshot().messages).toEqual([]);
    await ask(b, gateway.b, 'New question', 'New answer');
    expect(texts(reopened())).toEqual(['New question', 'New answer']);
  });
});

describe('Conversation.sync(): an action awaiting approval in two tabs', () => {
  it('runs once: approved in one tab, the other tab no longer approves it, and shows the outcome when the answer ends', async () => {
    const storage = memoryStorage();
    const runs: unknown[] = [];
    let finishRun: (result: unknown) => void = () => {};
    const actions = {
      create_po: {
        description: 'Create a purchase order',
        run: (args: unknown) => {
          runs.push(args);
          return new Promise((resolve) => (finishRun = resolve));
        },
      },
    };
    const gateway = { a: heldClient(), b: heldClient() };
    const a = createConversation({ client: gateway.a.client, storage, id: 'po', actions });
    const b = createConversation({ client: gateway.b.client, storage, id: 'po', actions });

    const sent = a.send('Order 12 chairs from ACME');
    await drain();
    gateway.a.propose('call_1', 'create_po', { supplier: 'ACME', qty: 12 });
    await drain();
    expect(a.getSnapshot().status).toBe('awaiting-action');
    expect(await b.sync()).toBe(true);
    expect(b.getSnapshot().status).toBe('awaiting-action');

    // Approved in the first tab; its action runs, and its save says so (busy).
    const approved = a.approve('call_1');
    await drain();
    a.flush();
    expect(runs).toHaveLength(1);

    // The second tab hears of it (a storage event) before its person clicks Approve too.
    expect(await b.sync()).toBe(false);
    expect(b.getSnapshot().status).toBe('idle');
    expect(await b.approve('call_1')).toBe(false);
    await drain();
    expect(runs).toHaveLength(1);

    finishRun({ po: 'PO-7' });
    await drain();
    gateway.a.answer('Created PO-7.');
    await approved;
    await sent;
    expect(await b.sync()).toBe(true);
    const answer = b.getSnapshot().messages[1]!;
    expect(answer.parts).toContainEqual(expect.objectContaining({ type: 'tool-call', state: 'done', result: { po: 'PO-7' } }));
    expect(texts(b.getSnapshot().messages)).toEqual(['Order 12 chairs from ACME', 'Created PO-7.']);
    expect(runs).toHaveLength(1);
  });

  it('one action running here beside another awaiting a decision: this tab is busy, and the other tab does not take the running one as interrupted', async () => {
    const storage = memoryStorage();
    const runs: string[] = [];
    const finish: Record<string, (result: unknown) => void> = {};
    const held = (name: string) => ({
      description: name,
      run: () => {
        runs.push(name);
        return new Promise((resolve) => (finish[name] = resolve));
      },
    });
    const actions = { create_po: held('create_po'), notify_supplier: held('notify_supplier') };
    const gateway = { a: heldClient(), b: heldClient() };
    const a = createConversation({ client: gateway.a.client, storage, id: 'po', actions });
    const b = createConversation({ client: gateway.b.client, storage, id: 'po', actions });

    const sent = a.send('Order 12 chairs from ACME and tell them');
    await drain();
    gateway.a.propose('call_1', 'create_po', { qty: 12 }, ['call_2', 'notify_supplier', { supplier: 'ACME' }]);
    await vi.waitFor(() => expect(a.getSnapshot().status).toBe('awaiting-action'));
    expect(await b.sync()).toBe(true);

    // The first is approved and runs here; the second still waits for a decision.
    const approved = a.approve('call_1');
    await drain();
    expect(a.getSnapshot().status).toBe('streaming');
    a.flush();
    expect(await b.sync()).toBe(false);
    const calls = (tab: typeof a) => tab.getSnapshot().messages[1]!.parts.filter((part) => part.type === 'tool-call').map((part) => part.state);
    expect(calls(b)).toEqual(['pending-approval', 'pending-approval']);

    finish.create_po!({ po: 'PO-7' });
    await drain();
    expect(a.getSnapshot().status).toBe('awaiting-action');
    expect(calls(a)).toEqual(['done', 'pending-approval']);
    a.flush();
    expect(await b.sync()).toBe(true);
    expect(calls(b)).toEqual(['done', 'pending-approval']);

    a.reject('call_2', 'Not now');
    await drain();
    gateway.a.answer('Created PO-7; ACME not told.');
    await approved;
    await sent;
    expect(runs).toEqual(['create_po']);
  });
});

describe('Conversation.sync() when storage cannot be read', () => {
  it('keeps the transcript it shows: a key storage failed to read is not a deleted one', async () => {
    const shared = memoryStorage();
    let broken = false;
    // An IndexedDB-like store whose read fails for a while (the database closed under it).
    const storage = {
      get: (key: string) => (broken ? Promise.reject(new Error('The database connection is closing.')) : Promise.resolve(shared.get(key))),
      set: (key: string, value: string) => shared.set(key, value),
      remove: (key: string) => shared.remove(key),
    };
    const gateway = { a: heldClient(), b: heldClient() };
    const a = createConversation({ client: gateway.a.client, storage, id: 'po' });
    const b = createConversation({ client: gateway.b.client, storage, id: 'po' });
    await Promise.all([a.ready, b.ready]);
    await ask(a, gateway.a, 'Terms with ACME?', 'Net 30.');
    expect(await b.sync()).toBe(true);
    await ask(a, gateway.a, 'And with Globex?', 'Net 45.');

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    broken = true;
    expect(await b.sync()).toBe(false);
    const warned = warn.mock.calls.map(([message]) => String(message));
    warn.mockRestore();
    // Said once, as the failed read it is: not also as a stored conversation ignored for not
    // being a string, which tells a developer to look for corrupt data that is not there.
    expect(warned).toEqual(['[parley] Could not read "parley:conversation:po" from storage:']);
    expect(texts(b.getSnapshot().messages)).toEqual(['Terms with ACME?', 'Net 30.']);
    // Read again once storage answers: the other tab's turn comes.
    broken = false;
    expect(await b.sync()).toBe(true);
    expect(texts(b.getSnapshot().messages)).toEqual(['Terms with ACME?', 'Net 30.', 'And with Globex?', 'Net 45.']);
  });

  it('restores nothing from a read that failed, and says only that it failed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const storage = { get: () => Promise.reject(new Error('The database connection is closing.')), set: () => {}, remove: () => {} };
    const tab = createConversation({ client: heldClient().client, storage, id: 'po' });
    await tab.ready;
    const warned = warn.mock.calls.map(([message]) => String(message));
    warn.mockRestore();
    expect(tab.getSnapshot().messages).toEqual([]);
    expect(warned).toEqual(['[parley] Could not read "parley:conversation:po" from storage:', '[parley] Could not read "parley:draft:po" from storage:']);
  });

  it('writes nothing over a history it could not read: a reload where storage answers shows it, not the turns asked meanwhile', async () => {
    const shared = memoryStorage();
    const gateway = heldClient();
    await ask(createConversation({ client: gateway.client, storage: shared, id: 'po' }), gateway, 'Terms with ACME?', 'Net 30.');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let broken = true;
    const storage = {
      get: (key: string) => (broken ? Promise.reject(new Error('The database connection is closing.')) : Promise.resolve(shared.get(key))),
      set: (key: string, value: string) => shared.set(key, value),
      remove: (key: string) => shared.remove(key),
    };
    const tab = createConversation({ client: gateway.client, storage, id: 'po' });
    await tab.ready;
    vi.restoreAllMocks();
    expect(tab.getSnapshot().messages).toEqual([]);
    // The page goes on, in memory: the person can still ask.
    await ask(tab, gateway, 'And with Globex?', 'Net 45.');
    tab.setDraft('Thanks');
    tab.flush();
    expect(texts(tab.getSnapshot().messages)).toEqual(['And with Globex?', 'Net 45.']);
    broken = false;
    const reloaded = createConversation({ client: heldClient().client, storage, id: 'po' });
    await reloaded.ready;
    expect(texts(reloaded.getSnapshot().messages)).toEqual(['Terms with ACME?', 'Net 30.']);
  });

  /** A tab (`tab`) whose restore read failed, beside a tab (`other`) that read the stored history; then storage answers again. */
  async function unreadBeside() {
    const shared = memoryStorage();
    const gateway = { other: heldClient(), tab: heldClient() };
    const other = createConversation({ client: gateway.other.client, storage: shared, id: 'po' });
    await ask(other, gateway.other, 'Terms with ACME?', 'Net 30.');
    let broken = true;
    const storage = {
      get: (key: string) => (broken ? Promise.reject(new Error('The database connection is closing.')) : Promise.resolve(shared.get(key))),
      set: (key: string, value: string) => shared.set(key, value),
      remove: (key: string) => shared.remove(key),
    };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const tab = createConversation({ client: gateway.tab.client, storage, id: 'po' });
    await tab.ready;
    vi.restoreAllMocks();
    expect(tab.getSnapshot().messages).toEqual([]);
    // A sync while storage still fails reads nothing either.
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await tab.sync()).toBe(false);
    vi.restoreAllMocks();
    broken = false;
    const reloaded = async () => {
      const page = createConversation({ client: heldClient().client, storage, id: 'po' });
      await page.ready;
      return texts(page.getSnapshot().messages);
    };
    return { gateway, other, tab, reloaded };
  }

  it('takes the history once storage answers and another tab writes (sync), then saves its turns again, which the other tab and a reload show', async () => {
    const { gateway, other, tab, reloaded } = await unreadBeside();
    await ask(other, gateway.other, 'And with Globex?', 'Net 45.');
    expect(await tab.sync()).toBe(true);
    expect(texts(tab.getSnapshot().messages)).toEqual(['Terms with ACME?', 'Net 30.', 'And with Globex?', 'Net 45.']);
    await ask(tab, gateway.tab, 'And with Initech?', 'Net 60.');
    const all = ['Terms with ACME?', 'Net 30.', 'And with Globex?', 'Net 45.', 'And with Initech?', 'Net 60.'];
    expect(await other.sync()).toBe(true);
    expect(texts(other.getSnapshot().messages)).toEqual(all);
    expect(await reloaded()).toEqual(all);
  });

  it('a turn asked there before storage answered is not saved over the history, nor taken over by it at a sync', async () => {
    const { gateway, tab, reloaded } = await unreadBeside();
    await ask(tab, gateway.tab, 'And with Globex?', 'Net 45.');
    expect(await tab.sync()).toBe(false);
    expect(texts(tab.getSnapshot().messages)).toEqual(['And with Globex?', 'Net 45.']);
    expect(await reloaded()).toEqual(['Terms with ACME?', 'Net 30.']);
  });

  it('clear() there removes the stored history too: a reload does not bring back what the person cleared', async () => {
    const { tab, reloaded } = await unreadBeside();
    tab.clear();
    expect(await reloaded()).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from './chat-event.js';
import type { ConversationClient, ConversationOptions, createConversation as CreateConversation } from './create-conversation.js';
import type { ConversationStorage } from './storage.js';

/**
 * Two tabs on one stored conversation (`localStorage`), as two conversations sharing one storage
 * and one Web Lock manager. Node 20 has no `navigator.locks`: this is a small one with the
 * browser's rules (a FIFO queue per name, exclusive and shared modes, `ifAvailable`, released
 * when the callback's promise settles). `test/e2e/resume-tabs.node.test.ts` runs the real one.
 * `lose(name)` does what the lock kept in storage does to a holder taken for gone while it did not
 * answer (`storage-locks.ts`): its request rejects with an `AbortError`, the next in line is granted.
 */
function fakeLockManager() {
  type Request = { name: string; mode: LockMode; callback: (lock: Lock | null) => unknown; resolve(value: unknown): void; reject(error: unknown): void };
  const held: Array<{ name: string; mode: LockMode; request: Request }> = [];
  const queue: Request[] = [];
  const grantable = (request: Request, ahead: readonly Request[]) => {
    const holders = held.filter((lock) => lock.name === request.name);
    const before = ahead.filter((other) => other.name === request.name);
    if (request.mode === 'exclusive') return holders.length === 0 && before.length === 0;
    return holders.every((lock) => lock.mode === 'shared') && before.every((other) => other.mode === 'shared');
  };
  const grant = (request: Request) => {
    const lock = { name: request.name, mode: request.mode, request };
    held.push(lock);
    const release = () => {
      if (!held.includes(lock)) return;
      held.splice(held.indexOf(lock), 1);
      for (let index = 0; index < queue.length; index++) {
        if (grantable(queue[index]!, queue.slice(0, index))) grant(queue.splice(index--, 1)[0]!);
      }
    };
    void Promise.resolve()
      .then(() => request.callback(lock as Lock))
      .then(
        (value) => (release(), request.resolve(value)),
        (error: unknown) => (release(), request.reject(error)),
      );
  };
  const locks = {
    held,
    lose(name: string) {
      const lock = held.find((lock) => lock.name === name && lock.mode === 'exclusive')!;
      lock.request.reject(new DOMException('Another page took this lock while this page did not answer.', 'AbortError'));
      held.splice(held.indexOf(lock), 1);
      for (let index = 0; index < queue.length; index++) {
        if (grantable(queue[index]!, queue.slice(0, index))) grant(queue.splice(index--, 1)[0]!);
      }
    },
    request(name: string, ...args: [LockGrantedCallback<unknown>] | [LockOptions, LockGrantedCallback<unknown>]): Promise<unknown> {
      const [options, callback] = args.length === 1 ? [{} as LockOptions, args[0]] : args;
      return new Promise((resolve, reject) => {
        const request: Request = { name, mode: options.mode ?? 'exclusive', callback, resolve, reject };
        if (grantable(request, queue)) return grant(request);
        if (options.ifAvailable) return void Promise.resolve().then(() => callback(null)).then(resolve, reject);
        queue.push(request);
      });
    },
  };
  return locks;
}

/** A storage every tab reads (not `perTab`), as `localStorageAdapter()` is. */
function sharedStorage(): ConversationStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, get: (key) => entries.get(key) ?? null, set: (key, value) => void entries.set(key, value), remove: (key) => void entries.delete(key) };
}

/**
 * A model the test drives: `say` streams a numbered event, `end` finishes; `aborted` once stopped.
 * `asked` runs as a request goes out. `resumes: false`: a gateway that does not resume answers (an
 * OpenAI-compatible one): its events have no id, so no answer can be taken up.
 */
function drivenClient(asked?: () => void, { resumes = true } = {}) {
  const calls: Array<{ resumeAfter: string | undefined; aborted: boolean; say(text: string): void; end(): void; emit(event: ChatEvent): void }> = [];
  const client: ConversationClient = {
    stream(request) {
      asked?.();
      const queue: ChatEvent[] = [];
      let wake: (() => void) | undefined;
      let number = 0;
      let lastEventId: string | undefined;
      const push = (...events: ChatEvent[]) => (queue.push(...events), wake?.());
      const call = {
        resumeAfter: request.resumeAfter,
        aborted: false,
        say: (text: string) => push({ type: 'text-delta', delta: text }),
        end: () => push({ type: 'finish', reason: 'stop' }),
        emit: (event: ChatEvent) => push(event),
      };
      calls.push(call);
      return {
        get lastEventId() {
          return lastEventId;
        },
        abort: () => ((call.aborted = true), push({ type: 'finish', reason: 'abort' })),
        async *[Symbol.asyncIterator]() {
          for (;;) {
            while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
            const event = queue.shift()!;
            if (resumes) lastEventId = `answer-1:${++number}`;
            yield event;
            if (event.type === 'finish') return;
          }
        },
      };
    },
  };
  return { client, calls };
}

const question = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Payment terms with ACME?' }], createdAt: 1 };
/** What a tab that streamed an answer and went left in storage: its half, `busy`, and where it got to. */
const leftStreaming = (id: string) =>
  JSON.stringify({ v: 1, id, busy: true, messages: [question, { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Net' }], createdAt: 2, stepStarts: [0], resumeAfter: 'answer-1:1' }] });

let locks: ReturnType<typeof fakeLockManager>;
let createConversation: typeof CreateConversation;

beforeEach(async () => {
  locks = fakeLockManager();
  vi.stubGlobal('navigator', { locks });
  // A module of its own per test: the answer code (and the lock code with it) not loaded yet.
  vi.resetModules();
  ({ createConversation } = await import('./create-conversation.js'));
});
afterEach(() => void vi.unstubAllGlobals());

const lastMessage = (conversation: ReturnType<typeof CreateConversation>) => conversation.getSnapshot().messages.at(-1);

/** A tab that asked and streams the answer: 'Net' so far, stored with where it got to, the lock held. */
async function tabStreaming(id: string) {
  const storage = sharedStorage();
  const streaming = drivenClient();
  const streamer = createConversation({ id, client: streaming.client, storage });
  void streamer.send('Payment terms with ACME?');
  await vi.waitFor(() => expect(streaming.calls).toHaveLength(1));
  streaming.calls[0]!.say('Net');
  await vi.waitFor(() => expect(locks.held).toHaveLength(1));
  await vi.waitFor(() => expect(lastMessage(streamer)?.resumeAfter).toBeDefined());
  streamer.flush();
  return { storage, streaming, streamer };
}

/**
 * A tab open and idle (`idle`), then a question in another (`streamer`): 'Net' so far, stored with
 * where it got to, or (`resumes: false`, a gateway that does not resume answers) as it stands.
 */
async function idleBesideStreaming(id: string, { resumes = true } = {}) {
  const storage = sharedStorage();
  const idleModel = drivenClient();
  const idle = createConversation({ id, client: idleModel.client, storage });
  const streaming = drivenClient(undefined, { resumes });
  const streamer = createConversation({ id, client: streaming.client, storage });
  void streamer.send('Payment terms with ACME?');
  await vi.waitFor(() => expect(streaming.calls).toHaveLength(1));
  streaming.calls[0]!.say('Net');
  await vi.waitFor(() => expect(lastMessage(streamer)?.parts).toEqual([{ type: 'text', text: 'Net' }]));
  if (resumes) await vi.waitFor(() => expect(lastMessage(streamer)?.resumeAfter).toBeDefined());
  if ((navigator as { locks?: unknown }).locks) await vi.waitFor(() => expect(locks.held).toHaveLength(1));
  streamer.flush();
  if (!resumes) expect(lastMessage(streamer)?.resumeAfter).toBeUndefined();
  return { storage, idle, idleModel, streaming, streamer };
}

/**
 * Two tabs with the same `actions`: `streamer` has asked `question` and its model call is open
 * (`streaming.calls[0]`), `idle` is open beside it with a model of its own (`idleModel`).
 */
async function tabsAskingWith(id: string, actions: ConversationOptions['actions'], question: string, { resumes = true } = {}) {
  const storage = sharedStorage();
  const streaming = drivenClient(undefined, { resumes });
  const streamer = createConversation({ id, client: streaming.client, storage, actions });
  const idleModel = drivenClient();
  const idle = createConversation({ id, client: idleModel.client, storage, actions });
  void streamer.send(question);
  await vi.waitFor(() => expect(streaming.calls).toHaveLength(1));
  return { storage, streaming, streamer, idle, idleModel };
}

/**
 * Stop in the tab that follows (`idle`): the answer is aborted in the tab streaming it, and both
 * keep that tab's stopped answer (`text` so far), in storage too; the follower asks nothing.
 */
async function stoppedFromFollower(tabs: Awaited<ReturnType<typeof idleBesideStreaming>>, id: string, text: string) {
  const { storage, idle, idleModel, streaming, streamer } = tabs;
  idle.stop();
  await vi.waitFor(() => expect(streaming.calls[0]!.aborted).toBe(true));
  await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
  expect(lastMessage(streamer)).toMatchObject({ parts: [{ type: 'text', text }], finishReason: 'abort' });
  await vi.waitFor(async () => expect(await idle.sync()).toBe(true));
  expect(idle.getSnapshot().messages).toEqual(streamer.getSnapshot().messages);
  expect(JSON.parse(storage.get(`parley:conversation:${id}`) as string).messages).toEqual(streamer.getSnapshot().messages);
  expect(idleModel.calls).toEqual([]);
}

/**
 * The answer the tab `streamer` streams ends ('… days.'): the tab following it (`follower`) takes
 * the end as that tab lets go, with no storage event needed, and asks its own model nothing.
 */
async function followedToTheEnd(streaming: ReturnType<typeof drivenClient>, streamer: ReturnType<typeof CreateConversation>, follower: ReturnType<typeof CreateConversation>, followerModel: ReturnType<typeof drivenClient>) {
  streaming.calls[0]!.say(' days.');
  streaming.calls[0]!.end();
  await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
  await vi.waitFor(() => expect(follower.getSnapshot().status).toBe('idle'));
  expect(follower.getSnapshot().messages).toEqual(streamer.getSnapshot().messages);
  expect(lastMessage(follower)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' });
  expect(followerModel.calls).toEqual([]);
}

describe('tabs sharing a stored conversation take turns through a Web Lock', () => {
  it('a conversation let go before its answer code came holds no lock: the one built next takes the answer up', async () => {
    const storage = sharedStorage();
    storage.set('parley:conversation:c1', leftStreaming('c1'));
    const standIn = drivenClient();
    // The widget's stand-in (no gateway yet), let go as the host sets `endpoint` a moment later.
    createConversation({ id: 'c1', client: standIn.client, storage }).leave();
    const real = drivenClient();
    const next = createConversation({ id: 'c1', client: real.client, storage });
    await vi.waitFor(() => expect(real.calls).toHaveLength(1));
    expect(real.calls[0]!.resumeAfter).toBe('answer-1:1');
    expect(standIn.calls).toEqual([]);
    real.calls[0]!.say(' 45.');
    real.calls[0]!.end();
    await vi.waitFor(() => expect(next.getSnapshot().status).toBe('idle'));
    expect(lastMessage(next)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' });
    expect(locks.held).toEqual([]);
  });

  it('a tab that has just sent holds the lock before its first token: the tab beside it follows its answer, not taking it for a dead page’s', async () => {
    const storage = sharedStorage();
    const besideModel = drivenClient();
    const beside = createConversation({ id: 'c2', client: besideModel.client, storage });
    // The storage event of the question going out, taken at once: storage says busy, the sending
    // tab's answer code is still on its way, and the model has not said a word.
    let synced: Promise<boolean> | undefined;
    const sending = drivenClient(() => {
      expect(JSON.parse(storage.get('parley:conversation:c2') as string).busy).toBe(true);
      synced = beside.sync();
    });
    const sender = createConversation({ id: 'c2', client: sending.client, storage });
    void sender.send('Payment terms with ACME?');
    await vi.waitFor(() => expect(sending.calls).toHaveLength(1));
    // Found held at the second look, a moment on: the question, and the answer to come, streaming.
    expect(await synced).toBe(true);
    expect(beside.getSnapshot().messages.map((message) => message.id)).toEqual(sender.getSnapshot().messages.map((message) => message.id));
    expect(lastMessage(beside)?.interrupted).toBeUndefined();
    expect(beside.getSnapshot().status).toBe('streaming');
    sending.calls[0]!.say('Net 45.');
    sending.calls[0]!.end();
    await vi.waitFor(() => expect(sender.getSnapshot().status).toBe('idle'));
    // The tab beside takes the answer once that tab let go (its last write came first).
    await vi.waitFor(() => expect(lastMessage(beside)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' }));
    expect(lastMessage(beside)!.interrupted).toBeUndefined();
    expect(besideModel.calls).toEqual([]);
  });

  it('a tab waiting for the answer another tab streams follows what that tab stores, then keeps its end, asking nothing', async () => {
    const { storage, streaming, streamer } = await tabStreaming('c5');
    const waitingModel = drivenClient();
    const waiting = createConversation({ id: 'c5', client: waitingModel.client, storage });
    expect(waiting.getSnapshot().status).toBe('streaming');

    streaming.calls[0]!.say(' 45');
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]));
    streamer.flush();
    // Its storage event: the answer so far, still streaming there, still awaited here.
    expect(await waiting.sync()).toBe(true);
    expect(lastMessage(waiting)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]);
    expect(waiting.getSnapshot().status).toBe('streaming');

    streaming.calls[0]!.say(' days.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    await vi.waitFor(() => expect(lastMessage(waiting)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' }));
    await vi.waitFor(() => expect(waiting.getSnapshot().status).toBe('idle'));
    expect(waitingModel.calls).toEqual([]);
    await vi.waitFor(() => expect(locks.held).toEqual([]));
  });

  /**
   * The storage event of the streaming tab's first save, taken by the idle tab: the question and
   * the answer so far ("Net"), followed as streaming, not interrupted, and no send meanwhile (its
   * older copy and a turn would be written over the other tab's; refused at once, not after a read
   * that finds it stale).
   */
  async function followsFirstWords(idle: ReturnType<typeof CreateConversation>, streamer: ReturnType<typeof CreateConversation>) {
    expect(await idle.sync()).toBe(true);
    expect(idle.getSnapshot().messages.map((message) => message.id)).toEqual(streamer.getSnapshot().messages.map((message) => message.id));
    expect(lastMessage(idle)?.parts).toEqual([{ type: 'text', text: 'Net' }]);
    expect(lastMessage(idle)?.interrupted).toBeUndefined();
    expect(idle.getSnapshot().status).toBe('streaming');
    expect(await idle.send('And Globex?')).toBe(false);
  }

  /** The streaming tab's next words, stored and taken by the tab that follows (its storage event). */
  async function grows(streamer: ReturnType<typeof CreateConversation>, call: { say(text: string): void }, follower: ReturnType<typeof CreateConversation>, text: string) {
    call.say(text);
    await vi.waitFor(() => expect(JSON.stringify(lastMessage(streamer)?.parts)).toContain(text));
    streamer.flush();
    expect(await follower.sync()).toBe(true);
  }

  it('a tab open and idle before another tab’s question follows its answer from the next sync, as a tab opened mid-answer does: it offers no send, then takes the end', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c9');
    await followsFirstWords(idle, streamer);
    await grows(streamer, streaming.calls[0]!, idle, ' 45');
    expect(lastMessage(idle)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]);
    expect(idle.getSnapshot().status).toBe('streaming');

    await followedToTheEnd(streaming, streamer, idle, idleModel);
    expect(JSON.parse(storage.get('parley:conversation:c9') as string).messages).toHaveLength(2);
    await vi.waitFor(() => expect(locks.held).toEqual([]));
  });

  it('Stop in a tab that was idle and now follows the answer stops it in the tab streaming it, and takes the stopped answer', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c10');
    expect(await idle.sync()).toBe(true);
    expect(idle.getSnapshot().status).toBe('streaming');
    await stoppedFromFollower({ storage, idle, idleModel, streaming, streamer }, 'c10', 'Net');
  });

  it('a tab open and idle beside another tab’s answer that cannot be taken up follows it too: the question and the answer as it grows, streaming, no send; then the end, and it sends again', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c40', { resumes: false });
    await followsFirstWords(idle, streamer);
    await grows(streamer, streaming.calls[0]!, idle, ' 45');
    expect(lastMessage(idle)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]);
    expect(idle.getSnapshot().status).toBe('streaming');

    await followedToTheEnd(streaming, streamer, idle, idleModel);
    expect(await answered(idle, idleModel, 'And Globex?')).toBe(true);
    expect(JSON.parse(storage.get('parley:conversation:c40') as string).messages).toHaveLength(4);
  });

  it('Stop in a tab following an answer that cannot be taken up stops it in the tab streaming it; both keep that stopped answer', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c41', { resumes: false });
    expect(await idle.sync()).toBe(true);
    await grows(streamer, streaming.calls[0]!, idle, ' 45');
    await stoppedFromFollower({ storage, idle, idleModel, streaming, streamer }, 'c41', 'Net 45');
  });

  it('a tab following an answer that cannot be taken up, whose tab goes mid-answer, shows it as that tab left it (interrupted, what came kept), asks nothing, and sends again', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c42', { resumes: false });
    expect(await idle.sync()).toBe(true);
    await grows(streamer, streaming.calls[0]!, idle, ' 45');
    // The streaming tab goes (as its lock is let go when a page closes), storage as it left it.
    streamer.leave();
    expect(JSON.parse(storage.get('parley:conversation:c42') as string).busy).toBe(true);
    await vi.waitFor(() => expect(idle.getSnapshot().status).toBe('idle'));
    expect(lastMessage(idle)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45' }], interrupted: true });
    expect(lastMessage(idle)?.finishReason).toBeUndefined();
    expect(idleModel.calls).toEqual([]);
    expect(await answered(idle, idleModel, 'And Globex?')).toBe(true);
    expect(JSON.parse(storage.get('parley:conversation:c42') as string).messages.map((message: { parts: Array<{ text: string }> }) => message.parts[0]?.text)).toEqual([
      'Payment terms with ACME?',
      'Net 45',
      'And Globex?',
      'About And Globex?.',
    ]);
  });

  it('a tab opened beside another tab’s answer that cannot be taken up follows it, as a tab open before it does: not interrupted, no send (no second request), then the end', async () => {
    const { storage, streaming, streamer } = await idleBesideStreaming('c44', { resumes: false });
    const openedModel = drivenClient();
    const opened = createConversation({ id: 'c44', client: openedModel.client, storage });
    await vi.waitFor(() => expect(opened.getSnapshot().status).toBe('streaming'));
    expect(lastMessage(opened)).toMatchObject({ parts: [{ type: 'text', text: 'Net' }] });
    expect(lastMessage(opened)?.interrupted).toBeUndefined();
    expect(await opened.send('And Globex?')).toBe(false);
    await grows(streamer, streaming.calls[0]!, opened, ' 45');
    streaming.calls[0]!.say(' days.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(opened.getSnapshot().status).toBe('idle'));
    expect(opened.getSnapshot().messages).toEqual(streamer.getSnapshot().messages);
    expect(openedModel.calls).toEqual([]);
  });

  it('a tab opened on an answer that cannot be taken up, left busy by a page that died, shows it interrupted (no wait for a lock nobody holds) and sends', async () => {
    const storage = sharedStorage();
    const left = JSON.parse(leftStreaming('c45'));
    delete left.messages[1].resumeAfter;
    storage.set('parley:conversation:c45', JSON.stringify(left));
    const model = drivenClient();
    const opened = createConversation({ id: 'c45', client: model.client, storage });
    expect(lastMessage(opened)).toMatchObject({ parts: [{ type: 'text', text: 'Net' }], interrupted: true });
    // Looked at twice a second apart (the page that just sent may not hold the lock yet): still free.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(opened.getSnapshot().status).toBe('idle');
    expect(lastMessage(opened)).toMatchObject({ parts: [{ type: 'text', text: 'Net' }], interrupted: true });
    expect(await answered(opened, model, 'And Globex?')).toBe(true);
    expect(model.calls).toHaveLength(1);
  });

  it('a tab following an agent turn another tab streams keeps following between its model calls (an action running there), not taking the answer as interrupted', async () => {
    let finishAction!: (value: unknown) => void;
    const lookup = { description: 'Look up', confirm: false, run: () => new Promise((resolve) => (finishAction = resolve)) };
    const { storage, streaming, streamer, idle, idleModel } = await tabsAskingWith('c43', { lookup }, 'Payment terms with ACME?', { resumes: false });
    streaming.calls[0]!.emit({ type: 'tool-call', toolCall: { id: 'call_1', name: 'lookup', args: {} } });
    streaming.calls[0]!.emit({ type: 'finish', reason: 'tool-calls' });
    await vi.waitFor(() => expect(lastMessage(streamer)?.finishReason).toBe('tool-calls'));
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    streamer.flush();
    expect(await idle.sync()).toBe(true);
    expect(idle.getSnapshot().status).toBe('streaming');
    expect(lastMessage(idle)?.interrupted).toBeUndefined();
    expect(lastMessage(idle)?.parts[0]).toMatchObject({ state: 'running' });
    finishAction('Net 45');
    await vi.waitFor(() => expect(streaming.calls).toHaveLength(2));
    streaming.calls[1]!.say('Net 45 days.');
    streaming.calls[1]!.end();
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    await vi.waitFor(() => expect(idle.getSnapshot().status).toBe('idle'));
    expect(idle.getSnapshot().messages).toEqual(streamer.getSnapshot().messages);
    expect(idleModel.calls).toEqual([]);
  });

  it('Stop in a tab following an answer, pressed as that answer ends there (the lock let go, its last write not taken yet), saves nothing over the whole answer; both keep it', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c13');
    expect(await idle.sync()).toBe(true);
    streaming.calls[0]!.say(' 45 days.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    // The tab that follows holds the lock now, and waits a moment for the last write (its storage
    // event still on its way): it still shows the answer streaming, with Stop.
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    expect(idle.getSnapshot().status).toBe('streaming');
    idle.stop();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(JSON.parse(storage.get('parley:conversation:c13') as string).messages.at(-1)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' });
    // The storage event of that last write comes: the whole answer is what this tab shows too.
    await vi.waitFor(async () => expect(await idle.sync()).toBe(true));
    expect(lastMessage(idle)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' });
    expect(lastMessage(streamer)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' });
    expect(idleModel.calls).toEqual([]);
  });

  it('a tab following an answer takes a busy write that reaches it after the lock, in its wait for the last write, as live: it takes nothing up (one request)', async () => {
    const { storage, idle, idleModel, streaming, streamer } = await idleBesideStreaming('c14');
    expect(await idle.sync()).toBe(true);
    streaming.calls[0]!.say(' 45');
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]));
    streamer.flush();
    const lateBusy = storage.get('parley:conversation:c14') as string;
    streaming.calls[0]!.say(' days.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    // The storage event of the busy write before the last one, read as it was (the last write not
    // in this tab yet), in the moment this tab waits for that last write.
    const last = storage.get('parley:conversation:c14') as string;
    storage.set('parley:conversation:c14', lateBusy);
    await idle.sync();
    storage.set('parley:conversation:c14', last);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(idleModel.calls).toEqual([]);
    await vi.waitFor(() => expect(idle.getSnapshot().status).toBe('idle'));
    expect(lastMessage(idle)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' });
  });

  it('a tab that was idle and whose sync finds the answer of a page that died (busy, no lock held) takes it up, once', async () => {
    const storage = sharedStorage();
    const idleModel = drivenClient();
    const idle = createConversation({ id: 'c12', client: idleModel.client, storage });
    storage.set('parley:conversation:c12', leftStreaming('c12'));
    expect(await idle.sync()).toBe(true);
    await vi.waitFor(() => expect(idleModel.calls).toHaveLength(1));
    expect(idleModel.calls[0]!.resumeAfter).toBe('answer-1:1');
    expect(idle.getSnapshot().status).toBe('streaming');
    idleModel.calls[0]!.say(' 45.');
    idleModel.calls[0]!.end();
    await vi.waitFor(() => expect(idle.getSnapshot().status).toBe('idle'));
    expect(lastMessage(idle)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' });
    expect(await idle.sync()).toBe(false);
    expect(idleModel.calls).toHaveLength(1);
    expect(locks.held).toEqual([]);
  });

  it('without Web Locks a tab that was idle takes another tab’s answer only once it ends, as before (every busy is live)', async () => {
    vi.stubGlobal('navigator', {});
    const { idle, idleModel, streaming, streamer } = await idleBesideStreaming('c11');
    expect(await idle.sync()).toBe(false);
    expect(idle.getSnapshot()).toMatchObject({ messages: [], status: 'idle' });
    streaming.calls[0]!.say(' 45.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    expect(await idle.sync()).toBe(true);
    expect(idle.getSnapshot().messages).toEqual(streamer.getSnapshot().messages);
    expect(idleModel.calls).toEqual([]);
  });

  it('Stop in a tab waiting for the answer another tab streams stops it there; that tab’s stopped answer is what both keep', async () => {
    const { storage, streaming, streamer } = await tabStreaming('c3');
    const waitingModel = drivenClient();
    const waiting = createConversation({ id: 'c3', client: waitingModel.client, storage });
    expect(waiting.getSnapshot().status).toBe('streaming');
    streaming.calls[0]!.say(' 45');
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]));
    waiting.stop();
    await vi.waitFor(() => expect(streaming.calls[0]!.aborted).toBe(true));
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    expect(lastMessage(streamer)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45' }], finishReason: 'abort' });
    // The waiting tab did not save its older copy over it: it takes the stopped one.
    await vi.waitFor(async () => expect(await waiting.sync()).toBe(true));
    expect(lastMessage(waiting)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45' }], finishReason: 'abort' });
    expect(waitingModel.calls).toEqual([]);
  });

  it('stopping a tab’s own answer, or clearing a tab that waits, stops nothing in the tab streaming beside it', async () => {
    const { storage, streaming, streamer } = await tabStreaming('c4');

    // A tab idle beside it sends a question of its own (queued behind the lock), then stops it.
    const ownModel = drivenClient();
    const own = createConversation({ id: 'c4', client: ownModel.client, storage: sharedStorage() });
    void own.send('And Globex?');
    await vi.waitFor(() => expect(ownModel.calls).toHaveLength(1));
    own.stop();
    // A tab that waits for the streaming one is cleared ("New conversation").
    const waiting = createConversation({ id: 'c4', client: drivenClient().client, storage });
    expect(waiting.getSnapshot().status).toBe('streaming');
    waiting.clear();

    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(streaming.calls[0]!.aborted).toBe(false);
    streaming.calls[0]!.say(' 45.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(lastMessage(streamer)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' }));
  });

  it('a tab that waits, let go for good (its UI removed, not a Stop), stops nothing in the tab streaming the answer and saves nothing over it', async () => {
    const { storage, streaming, streamer } = await tabStreaming('c6');
    const waitingModel = drivenClient();
    const waiting = createConversation({ id: 'c6', client: waitingModel.client, storage });
    expect(waiting.getSnapshot().status).toBe('streaming');
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    waiting.stop({ otherTabs: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(streaming.calls[0]!.aborted).toBe(false);
    expect(JSON.parse(storage.get('parley:conversation:c6') as string).messages.at(-1).finishReason).toBeUndefined();
    streaming.calls[0]!.say(' 45.');
    streaming.calls[0]!.end();
    await vi.waitFor(() => expect(lastMessage(streamer)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' }));
    expect(JSON.parse(storage.get('parley:conversation:c6') as string).messages.at(-1)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' });
    expect(waitingModel.calls).toEqual([]);
  });

  it('a stand-in client (no gateway yet) takes no turn: a tab beside it takes the answer a page left up, and the stand-in follows it', async () => {
    const storage = sharedStorage();
    storage.set('parley:conversation:c7', leftStreaming('c7'));
    const standInModel = drivenClient();
    const standIn = createConversation({ id: 'c7', client: { ...standInModel.client, standIn: true }, storage });
    // Its answer code in, and the turn it would have asked for the lock for.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const real = drivenClient();
    const beside = createConversation({ id: 'c7', client: real.client, storage });
    await vi.waitFor(() => expect(real.calls).toHaveLength(1));
    expect(real.calls[0]!.resumeAfter).toBe('answer-1:1');
    expect(standInModel.calls).toEqual([]);
    expect(standIn.getSnapshot().status).toBe('streaming');
    real.calls[0]!.say(' 45.');
    real.calls[0]!.end();
    await vi.waitFor(() => expect(beside.getSnapshot().status).toBe('idle'));
    expect(await standIn.sync()).toBe(true);
    expect(lastMessage(standIn)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45.' }], finishReason: 'stop' });
    expect(standIn.getSnapshot().status).toBe('idle');
    expect(locks.held).toEqual([]);
  });

  it('a stand-in alone stops the answer a reload left: the Stop is saved, and the conversation built with the gateway does not take it up', async () => {
    const storage = sharedStorage();
    storage.set('parley:conversation:c9', leftStreaming('c9'));
    const standIn = createConversation({ id: 'c9', client: { ...drivenClient().client, standIn: true }, storage });
    // Its answer code in (the Stop goes through the lock code).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(standIn.getSnapshot().status).toBe('streaming');
    standIn.stop();
    standIn.leave();
    expect(JSON.parse(storage.get('parley:conversation:c9') as string)).toMatchObject({ messages: [{}, { parts: [{ type: 'text', text: 'Net' }], finishReason: 'abort' }] });
    const real = drivenClient();
    const next = createConversation({ id: 'c9', client: real.client, storage });
    await vi.waitFor(() => expect(lastMessage(next)?.finishReason).toBe('abort'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(real.calls).toEqual([]);
    expect(next.getSnapshot().status).toBe('idle');
  });

  it('a tab whose lock another tab took while it did not answer (frozen) stops its answer there and writes nothing more: it follows the tab that took the answer up, and both keep that tab’s', async () => {
    const { storage, streaming, streamer } = await tabStreaming('c60');
    const key = 'parley:conversation:c60';
    // A tab opened while the first is frozen: it waits for the lock, which the first is then taken
    // for gone and loses.
    const real = drivenClient();
    const beside = createConversation({ id: 'c60', client: real.client, storage });
    expect(beside.getSnapshot().status).toBe('streaming');
    locks.lose(key);
    await vi.waitFor(() => expect(real.calls).toHaveLength(1));
    expect(real.calls[0]!.resumeAfter).toBe('answer-1:1');
    // The frozen tab comes back: its answer there ends, and what came to it later is not written.
    await vi.waitFor(() => expect(streaming.calls[0]!.aborted).toBe(true));
    streaming.calls[0]!.say(' 30 days (from the frozen tab).');
    real.calls[0]!.say(' 45');
    await vi.waitFor(() => expect(lastMessage(beside)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]));
    beside.flush();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(JSON.parse(storage.get(key) as string).messages.at(-1).parts).toEqual([{ type: 'text', text: 'Net 45' }]);
    // It follows the answer taken up beside it: streaming there, no send.
    expect(await streamer.sync()).toBe(true);
    expect(lastMessage(streamer)?.parts).toEqual([{ type: 'text', text: 'Net 45' }]);
    expect(streamer.getSnapshot().status).toBe('streaming');
    expect(await streamer.send('And Globex?')).toBe(false);
    real.calls[0]!.say(' days.');
    real.calls[0]!.end();
    await vi.waitFor(() => expect(beside.getSnapshot().status).toBe('idle'));
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    expect(streamer.getSnapshot().messages).toEqual(beside.getSnapshot().messages);
    // It asked nothing again.
    expect(streaming.calls).toHaveLength(1);
    expect(JSON.parse(storage.get(key) as string).messages.at(-1)).toMatchObject({ parts: [{ type: 'text', text: 'Net 45 days.' }], finishReason: 'stop' });
    // Let go by the tab that followed too, which held it to take the end.
    await vi.waitFor(() => expect(locks.held).toEqual([]));
  });

  it('a follower granted the lock, then losing it before it holds (within lateWriteMs: its pagehide, or taken for gone), does not take the answer up beside the tab that holds it now', async () => {
    const { storage, idle, idleModel, streamer } = await idleBesideStreaming('r1');
    // Follows (lock.live): once granted, it holds 250 ms later (lateWriteMs).
    expect(await idle.sync()).toBe(true);
    expect(idle.getSnapshot().status).toBe('streaming');
    // A third tab opened mid-answer waits for the lock too, behind it.
    const thirdModel = drivenClient();
    const third = createConversation({ id: 'r1', client: thirdModel.client, storage });
    expect(third.getSnapshot().status).toBe('streaming');
    // The streaming tab goes (closed): the follower is granted the lock ...
    streamer.leave();
    await new Promise((resolve) => setTimeout(resolve, 20));
    // ... and loses it before it holds: the third tab is granted it and takes the answer up.
    locks.lose('parley:conversation:r1');
    await vi.waitFor(() => expect(thirdModel.calls).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 800));
    // The follower holds no lock: it must not take the answer up too (a second request, a second writer).
    expect(idleModel.calls).toEqual([]);
  });

  it('a tab following the answer another streams keeps the messages before it as they were (the same objects), and checks those that changed', async () => {
    const { storage, streaming, streamer } = await tabStreaming('c8');
    const waiting = createConversation({ id: 'c8', client: drivenClient().client, storage });
    const grow = async (text: string) => {
      streaming.calls[0]!.say(text);
      await vi.waitFor(() => expect(JSON.stringify(lastMessage(streamer)?.parts)).toContain(text));
      streamer.flush();
      expect(await waiting.sync()).toBe(true);
      return waiting.getSnapshot().messages;
    };
    const first = await grow(' 45');
    const next = await grow(' days');
    expect(next[0]).toBe(first[0]);
    expect(next[1]!.parts).toEqual([{ type: 'text', text: 'Net 45 days' }]);
    // An earlier message changed in storage is checked again: a rewritten question is taken, an
    // unreadable new message is left out.
    const stored = JSON.parse(storage.get('parley:conversation:c8') as string);
    stored.messages[0].parts[0].text = 'Payment terms with Globex?';
    stored.messages.splice(1, 0, { id: 'bad', role: 'robot' });
    storage.set('parley:conversation:c8', JSON.stringify(stored));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await waiting.sync()).toBe(true);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
    const changed = waiting.getSnapshot().messages;
    expect(changed.map((message) => message.id)).toEqual([first[0]!.id, first[1]!.id]);
    expect(changed[0]!.parts).toEqual([{ type: 'text', text: 'Payment terms with Globex?' }]);
    expect(waiting.getSnapshot().status).toBe('streaming');
  });
  it('a stale tab’s send, regenerate or edit is refused and takes the newer transcript another tab stored: no turn is written over', async () => {
    const storage = sharedStorage();
    const staleModel = drivenClient();
    const stale = createConversation({ id: 'c20', client: staleModel.client, storage });
    const otherModel = drivenClient();
    const other = createConversation({ id: 'c20', client: otherModel.client, storage });
    // A turn in the other tab, whose storage event the stale tab has not handled yet.
    const turn = async (text: string, answer: string) => {
      void other.send(text);
      await vi.waitFor(() => expect(otherModel.calls.at(-1)?.resumeAfter === undefined && other.getSnapshot().status).toBe('streaming'));
      otherModel.calls.at(-1)!.say(answer);
      otherModel.calls.at(-1)!.end();
      await vi.waitFor(() => expect(other.getSnapshot().status).toBe('idle'));
    };
    const stored = () => JSON.parse(storage.get('parley:conversation:c20') as string).messages;

    await turn('Payment terms with ACME?', 'Net 45.');
    expect(stale.getSnapshot().messages).toEqual([]);
    expect(await stale.send('And Globex?')).toBe(false);
    // Refused before it wrote anything; what storage holds is taken instead.
    expect(stored()).toEqual(other.getSnapshot().messages);
    await vi.waitFor(() => expect(stale.getSnapshot().messages).toEqual(other.getSnapshot().messages));
    expect(staleModel.calls).toEqual([]);
    // Now current: the send goes out, after the other tab's turn.
    const sent = stale.send('And Globex?');
    await vi.waitFor(() => expect(staleModel.calls).toHaveLength(1));
    staleModel.calls[0]!.say('Net 30.');
    staleModel.calls[0]!.end();
    expect(await sent).toBe(true);
    expect(stored().map((message: { parts: Array<{ text: string }> }) => message.parts[0]?.text)).toEqual(['Payment terms with ACME?', 'Net 45.', 'And Globex?', 'Net 30.']);

    expect(await other.sync()).toBe(true);
    await turn('And Initech?', 'Net 60.');
    expect(await stale.regenerate()).toBe(false);
    await vi.waitFor(() => expect(stale.getSnapshot().messages).toEqual(other.getSnapshot().messages));
    await turn('And Umbrella?', 'Net 90.');
    expect(await stale.edit(stale.getSnapshot().messages[0]!.id, 'Payment terms with Hooli?')).toBe(false);
    await vi.waitFor(() => expect(stale.getSnapshot().messages).toEqual(other.getSnapshot().messages));
    expect(stored()).toHaveLength(8);
    expect(staleModel.calls).toHaveLength(1);
  });

  it('on an asynchronous shared store too, a stale tab’s send is refused and the newer transcript taken', async () => {
    const shared = sharedStorage();
    const storage: ConversationStorage = { get: async (key) => shared.get(key), set: async (key, value) => shared.set(key, value), remove: async (key) => shared.remove(key) };
    const staleModel = drivenClient();
    const stale = createConversation({ id: 'c21', client: staleModel.client, storage });
    await stale.ready;
    const otherModel = drivenClient();
    const other = createConversation({ id: 'c21', client: otherModel.client, storage });
    await other.ready;
    void other.send('Payment terms with ACME?');
    await vi.waitFor(() => expect(otherModel.calls).toHaveLength(1));
    otherModel.calls[0]!.say('Net 45.');
    otherModel.calls[0]!.end();
    await vi.waitFor(() => expect(other.getSnapshot().status).toBe('idle'));
    await vi.waitFor(() => expect(JSON.parse(shared.get('parley:conversation:c21') as string).busy).toBeUndefined());
    expect(await stale.send('And Globex?')).toBe(false);
    await vi.waitFor(() => expect(stale.getSnapshot().messages).toEqual(other.getSnapshot().messages));
    expect(JSON.parse(shared.get('parley:conversation:c21') as string).messages).toHaveLength(2);
    expect(staleModel.calls).toEqual([]);
    // What this tab wrote itself is what it knows: its next send goes out.
    const sent = stale.send('And Globex?');
    await vi.waitFor(() => expect(staleModel.calls).toHaveLength(1));
    staleModel.calls[0]!.end();
    expect(await sent).toBe(true);
  });

  /** Asks `text` and lets the model answer it in full; what `send` resolved. */
  const answered = async (conversation: ReturnType<typeof CreateConversation>, model: ReturnType<typeof drivenClient>, text: string) => {
    const count = model.calls.length;
    const sent = conversation.send(text);
    await vi.waitFor(() => expect(model.calls).toHaveLength(count + 1));
    model.calls[count]!.say(`About ${text}.`);
    model.calls[count]!.end();
    return sent;
  };

  it('a tab alone on storage that keeps no write (blocked, or full past some size) sends every turn and keeps its transcript', async () => {
    const kept = sharedStorage();
    // Full: a write over 700 characters is dropped, as a quota does; the older one stays.
    const full: ConversationStorage = { get: kept.get, set: (key, value) => void (value.length < 700 && kept.set(key, value)), remove: kept.remove };
    const blocked: ConversationStorage = { get: () => null, set: () => undefined, remove: () => undefined };
    for (const [name, storage] of [['full', full], ['blocked', blocked]] as const) {
      const model = drivenClient();
      const conversation = createConversation({ id: `c30-${name}`, client: model.client, storage });
      for (const text of ['Payment terms with ACME?', 'x'.repeat(300), 'And Globex?']) expect(await answered(conversation, model, text), `${name}: ${text.slice(0, 10)}`).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(conversation.getSnapshot().messages, name).toHaveLength(6);
    }
  });

  it('a send after clear() goes out on an adapter that reads a missing key as undefined', async () => {
    const entries = new Map<string, string>();
    const storage: ConversationStorage = { get: (key) => entries.get(key), set: (key, value) => void entries.set(key, value), remove: (key) => void entries.delete(key) };
    const model = drivenClient();
    const conversation = createConversation({ id: 'c31', client: model.client, storage });
    expect(await answered(conversation, model, 'Payment terms with ACME?')).toBe(true);
    conversation.clear();
    expect(await answered(conversation, model, 'And Globex?')).toBe(true);
  });

  it('without Web Locks a tab beside one that went mid-answer still sends (its busy is never taken there)', async () => {
    vi.stubGlobal('navigator', {});
    const storage = sharedStorage();
    const besideModel = drivenClient();
    const beside = createConversation({ id: 'c32', client: besideModel.client, storage });
    const goneModel = drivenClient();
    const gone = createConversation({ id: 'c32', client: goneModel.client, storage });
    void gone.send('Payment terms with ACME?');
    await vi.waitFor(() => expect(goneModel.calls).toHaveLength(1));
    goneModel.calls[0]!.say('Net');
    await vi.waitFor(() => expect(lastMessage(gone)?.resumeAfter).toBeDefined());
    gone.leave();
    expect(JSON.parse(storage.get('parley:conversation:c32') as string).busy).toBe(true);
    expect(await answered(beside, besideModel, 'And Globex?')).toBe(true);
  });

  it('a stale tab whose last keystroke’s draft is still being written (an asynchronous store) is refused all the same', async () => {
    const shared = sharedStorage();
    const later = () => new Promise((resolve) => setTimeout(resolve, 5));
    const storage: ConversationStorage = {
      get: async (key) => (await later(), shared.get(key)),
      set: async (key, value) => void (await later(), shared.set(key, value)),
      remove: async (key) => void (await later(), shared.remove(key)),
    };
    const staleModel = drivenClient();
    const stale = createConversation({ id: 'c33', client: staleModel.client, storage });
    await stale.ready;
    const otherModel = drivenClient();
    const other = createConversation({ id: 'c33', client: otherModel.client, storage });
    await other.ready;
    await answered(other, otherModel, 'Payment terms with ACME?');
    await vi.waitFor(() => expect(JSON.parse(shared.get('parley:conversation:c33') as string).messages).toHaveLength(2));
    stale.setDraft('And Globex?');
    expect(await stale.send('And Globex?')).toBe(false);
    expect(staleModel.calls).toEqual([]);
    await vi.waitFor(() => expect(stale.getSnapshot().messages).toEqual(other.getSnapshot().messages));
  });

  it('a tab following another tab’s turn cannot approve or reject its action: the tab streaming it decides, and it runs once', async () => {
    let runs = 0;
    const order = { description: 'Order', confirm: true, run: () => ++runs };
    const { streaming, streamer, idle: follower, idleModel: followerModel } = await tabsAskingWith('c34', { order }, 'Order 10 laptops');
    streaming.calls[0]!.say('Ordering.');
    streaming.calls[0]!.emit({ type: 'tool-call', toolCall: { id: 'call_1', name: 'order', args: {} } });
    streaming.calls[0]!.say(' Anything else?');
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts.length).toBe(3));
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    streamer.flush();
    expect(await follower.sync()).toBe(true);
    expect(follower.getSnapshot().status).toBe('streaming');
    expect(lastMessage(follower)?.parts[1]).toMatchObject({ state: 'pending-approval' });
    expect(await follower.approve('call_1')).toBe(false);
    expect(await follower.reject('call_1')).toBe(false);
    expect(runs).toBe(0);
    expect(followerModel.calls).toEqual([]);
  });

  it('a tab following the answer another streams shows the action that tab runs as running, not as left by a closed page, and its result once stored', async () => {
    let finishAction!: (value: unknown) => void;
    const lookup = { description: 'Look up', confirm: false, run: () => new Promise((resolve) => (finishAction = resolve)) };
    const { storage, streaming, streamer, idle, idleModel } = await tabsAskingWith('c22', { lookup }, 'Payment terms with ACME?');
    streaming.calls[0]!.say('Looking it up.');
    streaming.calls[0]!.emit({ type: 'tool-call', toolCall: { id: 'call_1', name: 'lookup', args: {} } });
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts[1]).toMatchObject({ state: 'running' }));
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    streamer.flush();
    expect(await idle.sync()).toBe(true);
    expect(idle.getSnapshot().status).toBe('streaming');
    expect(lastMessage(idle)?.parts[1]).toEqual({ type: 'tool-call', toolCall: { id: 'call_1', name: 'lookup', args: {} }, state: 'running' });
    // Its next save, the action still running there.
    streaming.calls[0]!.say(' One moment.');
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts.length).toBe(3));
    streamer.flush();
    expect(await idle.sync()).toBe(true);
    expect(lastMessage(idle)?.parts[1]).toMatchObject({ state: 'running' });
    finishAction('Net 45');
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts[1]).toMatchObject({ state: 'done' }));
    streamer.flush();
    expect(await idle.sync()).toBe(true);
    expect(lastMessage(idle)?.parts[1]).toMatchObject({ state: 'done', result: 'Net 45' });
    streaming.calls[0]!.emit({ type: 'finish', reason: 'tool-calls' });
    await vi.waitFor(() => expect(streaming.calls).toHaveLength(2));
    streaming.calls[1]!.say('Net 45 days.');
    streaming.calls[1]!.end();
    await vi.waitFor(() => expect(streamer.getSnapshot().status).toBe('idle'));
    await vi.waitFor(() => expect(idle.getSnapshot().messages).toEqual(streamer.getSnapshot().messages));
    expect(idleModel.calls).toEqual([]);
  });

  it('a tab following an action another tab runs takes the answer up as left by a closed page once that tab dies: the action an error, the call taken up', async () => {
    const lookup = { description: 'Look up', confirm: false, run: () => new Promise(() => {}) };
    const { storage, streaming, streamer, idle, idleModel } = await tabsAskingWith('c23', { lookup }, 'Payment terms with ACME?');
    streaming.calls[0]!.emit({ type: 'tool-call', toolCall: { id: 'call_1', name: 'lookup', args: {} } });
    await vi.waitFor(() => expect(lastMessage(streamer)?.parts[0]).toMatchObject({ state: 'running' }));
    await vi.waitFor(() => expect(locks.held).toHaveLength(1));
    streamer.flush();
    expect(await idle.sync()).toBe(true);
    expect(lastMessage(idle)?.parts[0]).toMatchObject({ state: 'running' });
    // The streaming tab goes (as its lock is let go when a page closes), storage as it left it.
    streamer.leave();
    await vi.waitFor(() => expect(idleModel.calls).toHaveLength(1));
    expect(idleModel.calls[0]!.resumeAfter).toBe('answer-1:1');
    expect(lastMessage(idle)?.parts[0]).toMatchObject({ state: 'error', error: expect.stringContaining('Interrupted') });
    idleModel.calls[0]!.emit({ type: 'finish', reason: 'tool-calls' });
    // The action settled, the model is asked again: nothing waits for an action that runs nowhere.
    await vi.waitFor(() => expect(idleModel.calls).toHaveLength(2));
    idleModel.calls[1]!.say('It could not be looked up.');
    idleModel.calls[1]!.end();
    await vi.waitFor(() => expect(idle.getSnapshot().status).toBe('idle'));
  });

  it('a tab whose stored history could not be read keeps its turns in memory: its later sends are not refused for the history storage holds that it never showed', async () => {
    const storage = sharedStorage();
    const otherModel = drivenClient();
    const other = createConversation({ id: 'c24', client: otherModel.client, storage });
    void other.send('Payment terms with ACME?');
    await vi.waitFor(() => expect(otherModel.calls).toHaveLength(1));
    otherModel.calls[0]!.say('Net 30.');
    otherModel.calls[0]!.end();
    await vi.waitFor(() => expect(other.getSnapshot().status).toBe('idle'));
    let broken = true;
    const unreadable = { ...storage, get: (key: string) => (broken ? Promise.reject(new Error('The database connection is closing.')) : storage.get(key)) };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const model = drivenClient();
    const tab = createConversation({ id: 'c24', client: model.client, storage: unreadable });
    await tab.ready;
    warn.mockRestore();
    broken = false;
    const ask = async (text: string, answer: string) => {
      const asked = model.calls.length;
      const sent = tab.send(text);
      await vi.waitFor(() => expect(model.calls).toHaveLength(asked + 1));
      const call = model.calls[asked]!;
      call.say(answer);
      call.end();
      expect(await sent).toBe(true);
      await vi.waitFor(() => expect(tab.getSnapshot().status).toBe('idle'));
    };
    await ask('And with Globex?', 'Net 45.');
    // The answer code (which reads storage before a send) is in now.
    await ask('And with Initech?', 'Net 60.');
    expect(model.calls).toHaveLength(2);
    expect(tab.getSnapshot().messages.map((message) => message.parts)).toEqual(
      ['And with Globex?', 'Net 45.', 'And with Initech?', 'Net 60.'].map((text) => [{ type: 'text', text }]),
    );
    // Storage keeps the history it held: this tab's turns were not written over it.
    expect(JSON.parse(storage.entries.get('parley:conversation:c24')!).messages).toHaveLength(2);
  });
});

import { createActionRegistry, type ActionMap } from './action-registry.js';
import type { ActionEvent } from './action-event.js';
import type { AuditEvent } from './audit-event.js';
import type { ChatError, ChatEvent, FinishReason, ToolCall } from './chat-event.js';
import type { StreamOptions } from './create-client.js';
import type { Attachment, ConversationMessage, MessagePartOf } from './conversation-message.js';
import { checkStoredMessages, conversationKey, draftKey, forgetResume, readStoredConversation, serializeConversation, settleLeftAnswer, StorageWriter } from './conversation-persistence.js';
import { ConversationStore, type ConversationSnapshot, type MessageDraft } from './conversation-store.js';
import { createId } from './create-id.js';
import { runInSlices } from './run-in-slices.js';
import { errorMessage } from './error-message.js';
import { loadOnce } from './load-once.js';
import { toJsonObject, type JsonObject } from './json-value.js';
import type { PageLock } from './page-lock.js';
import type { ConversationStorage } from './storage.js';
import { messageText, toChatMessages } from './to-chat-messages.js';

/** What a conversation asks `client.stream()` for: the request `createClient`'s client takes. */
export type ConversationStreamRequest = StreamOptions;

/** A model call as the conversation follows it. `lastEventId`: see `ChatStream.lastEventId` (a gateway that resumes answers). */
export type ConversationStream = AsyncIterable<ChatEvent> & { abort(): void; readonly lastEventId?: string | undefined };

/**
 * The part of `createClient()`'s client a conversation needs. Any object with this `stream`
 * works (a test double, a client for another transport).
 */
export interface ConversationClient {
  stream(request: ConversationStreamRequest): ConversationStream;
  /** Loads ahead what the first request needs (`ChatClient.preload`); never rejects. */
  preload?(): Promise<void>;
  /**
   * `true` for a client that cannot answer yet (`<parley-chat>`'s while it has no gateway): an
   * answer a page left streaming waits as it was, taking no turn from the tabs that could take it
   * up, for the conversation built anew with a real client. An answer another tab streams is
   * followed all the same.
   */
  readonly standIn?: boolean;
}

/** A message to send: text and optional attachments (kept in the transcript; not sent to the model). */
export interface SendInput {
  content: string;
  attachments?: Attachment[];
}

/** What `beforeSend` returns: nothing (send as is), `{ content }` (send this instead), `{ block }` (refuse, showing the reason). */
export type BeforeSendResult = void | undefined | { content: string } | { block: string };

export interface BeforeSendContext {
  conversation: Conversation;
  /** The business context the request would carry. */
  context: JsonObject | undefined;
  /** A new message, or an earlier one the person edited. */
  kind: 'send' | 'edit';
}

export interface ConversationOptions {
  /** From `createClient()`. The conversation never sees its headers or tokens. */
  client: ConversationClient;
  /** Agent actions the model may call; see `ConversationAction`. */
  actions?: ActionMap;
  /** Where to keep the transcript and the draft (`localStorageAdapter()`, `sessionStorageAdapter()`, `memoryStorage()`). Default: nothing is kept. */
  storage?: ConversationStorage;
  /** Storage key of this conversation. Default: a random id (so nothing is restored). */
  id?: string;
  /** Model calls allowed per user turn (each action round-trip is one more). Default 5. */
  maxSteps?: number;
  /** A system prompt sent first in every request. */
  system?: string;
  /** Business context (JSON) sent with every request; see `setContext`. */
  context?: Record<string, unknown>;
  /** Model name for every request (overrides the client's). */
  model?: string;
  /** Who is using the conversation, as the host names them; copied into every audit event. */
  user?: string;
  /**
   * Compliance hook run before anything is sent (a new message or an edit): return `{ content }`
   * to redact, `{ block: reason }` to refuse (status `error`, code `blocked`, the draft kept), or
   * nothing to pass it on. May be async. If it throws, the message is blocked (fail closed).
   */
  beforeSend?: (message: SendInput, context: BeforeSendContext) => BeforeSendResult | Promise<BeforeSendResult>;
  /** Every action decision: requested, approved, rejected, ran, failed. */
  onAction?: (event: ActionEvent) => void;
  /** The audit trail (see `AuditEvent`): messages sent or blocked, action decisions, feedback. */
  onAudit?: (event: AuditEvent) => void;
  /** Clock for timestamps (tests). Default `Date.now`. */
  now?: () => number;
  /**
   * Restores a long stored history without one long task: its messages are checked a slice per
   * task, the snapshot says `restoring: true` until they are in, and `ready` resolves then (`send`
   * waits for it). A history of fewer than 100 messages still comes back at once. Default `false`:
   * with synchronous storage the whole history is in the first snapshot. `<parley-chat>` sets it.
   */
  restoreInSlices?: boolean;
}

/**
 * A chat with one gateway: the state machine behind `<parley-chat>`, usable from any framework
 * or from Node. Read it with `getSnapshot()` / `subscribe()`; drive it with the methods below.
 *
 * Methods that start a turn (`send`, `regenerate`, `edit`, `approve`, `reject`) return a promise
 * that resolves once the conversation stops streaming (idle, error or awaiting an action):
 * `true` when it did what was asked, `false` when it was refused because another turn is
 * running, there is nothing to act on, or `beforeSend` blocked it. They never reject for gateway
 * trouble (that shows as `status: 'error'`); invalid arguments throw synchronously.
 */
export interface Conversation {
  /** The conversation id (its storage key). */
  readonly id: string;
  /** Resolves when stored messages and draft have been restored (at once for synchronous storage). */
  readonly ready: Promise<void>;
  /** The current immutable snapshot; the same object until something changes. */
  getSnapshot(): ConversationSnapshot;
  /** Calls `listener` (at most once per batch of changes) after the snapshot changed. Returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /**
   * Sends a user message and streams the answer. Refused (`false`) while a turn is streaming or
   * awaiting an action, for empty text, when `beforeSend` blocks it, and, on storage tabs share
   * (with a lock: see `sync`), when storage holds a message this tab has not got: another tab's turn (that
   * transcript is taken instead, as `sync()` takes it; `regenerate` and `edit` too). Two calls in
   * the same tick send once. Waits for stored history to load first.
   */
  send(input: string | SendInput): Promise<boolean>;
  /**
   * Aborts the running request and actions at once. The partial answer stays, `finishReason:
   * 'abort'`. In a tab that waits for the answer another tab streams (see Persistence, "Tabs"), it
   * asks that tab to stop it, as a person's Stop; with `{ otherTabs: false }`, what a UI removed
   * for good calls, that tab goes on and this one lets go of it.
   */
  stop(options?: { otherTabs?: boolean }): void;
  /**
   * Lets go of the conversation as a page that goes away does, for a UI built anew on the same
   * storage (`<parley-chat>` given another gateway or headers, or a page going): saves what storage
   * does not have yet, aborts the request and actions, and writes nothing more. A conversation
   * created later on the same storage and id restores it as a reload would: an answer taken up
   * where it was, an action still awaiting approval. `stop()` instead ends the answer, as a
   * person's Stop; unlike it, nothing is reported (no action `failed`). A UI removed for good
   * should `stop({ otherTabs: false })`: let go mid-answer, storage stays `busy` (another tab takes
   * it up once this one's lock is gone, or, with no lock at all, waits for it). A history still being restored
   * is not taken up here. Use no method after it but `getSnapshot`.
   */
  leave(): void;
  /**
   * Answers the last user message again, replacing the last answer. Also the way to retry after an
   * error. It starts after storage tabs share has been read (see `send`), a microtask later at
   * least: a `stop()` in between refuses it.
   */
  regenerate(): Promise<boolean>;
  /** Rewrites an earlier user message, drops everything after it, and asks again. */
  edit(messageId: string, text: string): Promise<boolean>;
  /**
   * Approves an action call awaiting approval and runs it (refused, `false`, in a tab that follows
   * the turn another tab streams: that tab runs it). `editedArgs`: the arguments as a person
   * corrected them; validated against the action's schema (throws a `TypeError` listing the
   * problems if invalid, and nothing changes; rejects with it instead if called on a restored call
   * before the code that checks arguments, or the JSON Schema checker, has loaded, and rejects
   * with "could not be loaded, so nothing was run" if it cannot load), recorded in the transcript,
   * the audit trail and the tool result the model gets.
   */
  approve(toolCallId: string, editedArgs?: unknown): Promise<boolean>;
  /** Rejects an action call awaiting approval; the model is told `{ rejected: true, reason }`. */
  reject(toolCallId: string, reason?: string): Promise<boolean>;
  /** Stops anything running and deletes the transcript (in storage too). The draft stays. */
  clear(): void;
  /** Records a rating of an assistant message (persisted, audited). `false` if there is no such message. */
  feedback(messageId: string, rating: 'up' | 'down', comment?: string): boolean;
  /** Replaces the business context (a plain JSON object; `null` clears it). Throws a `TypeError` naming the bad path otherwise. Never stored. */
  setContext(context: Record<string, unknown> | null | undefined): void;
  /** Keeps the unsent composer text, in the snapshot and in storage. */
  setDraft(text: string): void;
  /**
   * Writes now what storage does not have yet (a streaming answer is saved at most every 500 ms).
   * Call it on `pagehide`: a reload mid-answer then restores the partial answer and, from a gateway
   * that resumes answers, takes it up after its last event; otherwise it is marked interrupted.
   */
  flush(): void;
  /** Model for the following requests (a model picker); `undefined` uses the client's. */
  setModel(model: string | undefined): void;
  /**
   * Reads storage again and takes the transcript another tab (or device) wrote there, so a tab
   * opened earlier does not overwrite newer turns with its older copy. Only when nothing runs here
   * and all of this tab's changes are saved. A transcript another tab is still answering into is
   * taken at once and followed as in a tab opened mid-answer: `streaming`, no send, Stop asks that
   * tab to stop, the end taken as that tab lets go (see the README's Persistence, "Tabs"): taken up
   * if that tab went and the answer can be (a gateway that resumes answers), else as that tab left
   * it (interrupted if it went mid-answer). Tabs take turns through a Web Lock, or, on a page that
   * is not a secure context (no Web Locks), a lock kept in `localStorage`; with neither (Node before
   * 24.5, storage blocked) it is taken once that answer ends (its last write). Resolves `true` if
   * the transcript changed.
   * `<parley-chat>` calls it on `storage` events and when its tab is shown again.
   */
  sync(): Promise<boolean>;
}

interface Turn {
  messageId: string;
  controller: AbortController;
  ended: boolean;
  /** The model call in flight. */
  call: ConversationStream | null;
  finish: FinishReason | null;
  error: ChatError | null;
  reasoningOpen: boolean;
  /** A restored answer waiting for the tab that streams it to let go (`page-lock.ts`): a Stop here stops it there. */
  waiting?: boolean;
}

type AuditInput = AuditEvent extends infer Event ? (Event extends AuditEvent ? Omit<Event, 'at' | 'conversationId' | 'user'> : never) : never;
type ToolCallPart = MessagePartOf<'tool-call'>;

const saveThrottleMs = 500;
/** With `restoreInSlices`: a history this long or longer is checked in later tasks, not at once. */
const restoredAtOnce = 100;

/**
 * How streamed text, reasoning, sources, steps, data, usage and proposed tool calls enter an
 * answer: loaded on first use, so a page that never sends does not download it (0.4 KB gzip of
 * the script tag's start).
 */
let answerCode: typeof import('./apply-answer-event.js') | undefined;
/** Fetches the answer code once; whoever asked first, `answerCode` is set when it is in. */
const loadAnswerCode = loadOnce(() => import('./apply-answer-event.js').then((code) => (answerCode = code)));


function checkOptions(options: ConversationOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('createConversation(options): options must be an object.');
  if (typeof options.client?.stream !== 'function') throw new TypeError('createConversation: client must be a client from createClient() (an object with stream()).');
  if (options.maxSteps !== undefined && !(Number.isInteger(options.maxSteps) && options.maxSteps >= 1)) throw new TypeError('createConversation: maxSteps must be an integer of at least 1.');
  if (options.id !== undefined && (typeof options.id !== 'string' || !options.id)) throw new TypeError('createConversation: id must be a non-empty string.');
  for (const name of ['system', 'model', 'user'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'string') throw new TypeError(`createConversation: ${name} must be a string.`);
  }
  if (options.restoreInSlices !== undefined && typeof options.restoreInSlices !== 'boolean') throw new TypeError('createConversation: restoreInSlices must be a boolean.');
  for (const name of ['beforeSend', 'onAction', 'onAudit', 'now'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new TypeError(`createConversation: ${name} must be a function.`);
  }
  const { storage } = options;
  if (storage !== undefined && !(storage && ['get', 'set', 'remove'].every((method) => typeof (storage as unknown as Record<string, unknown>)[method] === 'function'))) {
    throw new TypeError('createConversation: storage must have get, set and remove methods.');
  }
}

/**
 * Creates a conversation: messages, streaming, the agent-action loop and persistence, with no DOM
 * and no framework. See `Conversation` and the client README ("Conversation").
 */
export function createConversation(options: ConversationOptions): Conversation {
  checkOptions(options);
  const { client, storage, beforeSend, user, system } = options;
  /** Gone once the conversation is let go (`leave()`), as `writer`. */
  let { onAction, onAudit } = options;
  const id = options.id ?? createId('conv');
  const maxSteps = options.maxSteps ?? 5;
  const now = options.now ?? Date.now;
  const registry = createActionRegistry(options.actions);
  let context = options.context === undefined || options.context === null ? undefined : toJsonObject(options.context, 'context');
  let model = options.model;

  /** Gone once the conversation is let go (`leave()`): nothing more is written. */
  let writer = storage ? new StorageWriter(storage) : undefined;
  let loaded = !storage;
  let draftTouched = false;
  let clearedBeforeLoad = false;
  /** `store.messagesVersion` at the last save. */
  let savedVersion = 0;
  /**
   * What storage holds as far as this tab knows (read, written or taken): `sync` takes anything
   * else. `false` with nothing saved or taken yet (`savedVersion` 0): storage could not be read (at
   * restore, or a sync before this tab saved or took anything), so this tab does not know the
   * history it holds. Its turns stay in memory, not saved over that history (`saveNow`), nor its
   * sends refused for it (`fresh`), until a read is taken (`sync()`) or a `clear()`.
   */
  let known: unknown;
  /** The transcript restored says `busy`: another page may still be streaming its answer. */
  let restoredBusy: boolean | undefined;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let turn: Turn | null = null;
  /** Synchronous lock from the first line of `send`/`edit` until the turn starts or is refused. */
  let submitting: object | null = null;
  let settleWaiters: Array<() => void> = [];

  const store = new ConversationStore(id, onFlush);
  /** Held while this page streams, so pages sharing the storage know it is live (`page-lock.ts`). */
  const lock: PageLock = { name: storage && !storage.perTab ? conversationKey(id) : '', stop: () => conversation.stop(), sync: takeStored, standIn: client.standIn };

  // ---- notifications, audit -------------------------------------------------------------

  /** Changes storage does not have yet. A run's end always changes its message, so the save without `busy` follows. */
  function unsaved(): boolean {
    return loaded && store.messagesVersion !== savedVersion;
  }

  function onFlush(): void {
    if (writer && unsaved()) {
      if (store.status !== 'streaming') saveNow();
      else saveTimer ??= setTimeout(saveNow, saveThrottleMs);
    }
    // Let go after the last save, which the page waiting for it reads. The answer code is in from
    // the first request on; nothing streams before it (but a resume, `awaitPendingAction`).
    answerCode?.holdWhile(lock, store.status === 'streaming');
    if (store.status !== 'streaming' && settleWaiters.length) {
      const waiters = settleWaiters;
      settleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function saveNow(): void {
    if (saveTimer !== undefined) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (!writer || !unsaved() || (known === false && !savedVersion)) return;
    savedVersion = store.messagesVersion;
    let json: string;
    try {
      json = serializeConversation(id, store.messages, store.status === 'streaming' || undefined);
    } catch (error) {
      console.warn(`[parley] Could not save conversation "${id}":`, error);
      return;
    }
    writer.set(conversationKey(id), (known = json));
  }

  /** Resolves after the next flush at which nothing is streaming (and the save has happened). */
  function settled(): Promise<boolean> {
    return new Promise<void>((resolve) => {
      settleWaiters.push(resolve);
      store.requestFlush();
    }).then(() => true);
  }

  function audit(event: AuditInput): void {
    if (!onAudit) return;
    try {
      onAudit({ ...event, at: now(), conversationId: id, ...(user !== undefined && { user }) } as AuditEvent);
    } catch (error) {
      console.error('[parley] onAudit threw:', error);
    }
  }

  function recordAction(type: ActionEvent['type'], messageId: string, part: ToolCallPart, details: { result?: unknown; error?: string; reason?: string; needsApproval?: boolean } = {}): void {
    const { toolCall, editedArgs } = part;
    const at = now();
    if (onAction) {
      const event: ActionEvent = { type, toolCall, args: toolCall.args, at };
      if (editedArgs !== undefined) event.editedArgs = editedArgs;
      if ('result' in details) event.result = details.result;
      if (details.error !== undefined) event.error = details.error;
      if (details.reason !== undefined) event.reason = details.reason;
      try {
        onAction(event);
      } catch (error) {
        console.error('[parley] onAction threw:', error);
      }
    }
    const base = { messageId, toolCallId: toolCall.id, name: toolCall.name, args: toolCall.args };
    const edited = editedArgs !== undefined ? { editedArgs } : {};
    switch (type) {
      case 'requested':
        return audit({ type: 'action-proposed', actor: 'model', ...base, needsApproval: details.needsApproval ?? false });
      case 'approved':
        if (editedArgs !== undefined) audit({ type: 'action-edited', actor: 'user', ...base, editedArgs });
        return audit({ type: 'action-approved', actor: 'user', ...base, ...edited });
      case 'rejected':
        return audit({ type: 'action-rejected', actor: 'user', ...base, ...(details.reason !== undefined && { reason: details.reason }) });
      case 'ran':
        return audit({ type: 'action-result', actor: 'system', ...base, ...edited, result: details.result });
      case 'failed':
        return audit({ type: 'action-failed', actor: 'system', ...base, ...edited, error: details.error ?? 'failed' });
    }
  }

  // ---- reading the transcript --------------------------------------------------------------

  function findMessage(messageId: string): ConversationMessage | undefined {
    for (let index = store.messages.length - 1; index >= 0; index--) if (store.messages[index]!.id === messageId) return store.messages[index];
    return undefined;
  }

  function stepStart(message: ConversationMessage): number {
    // Not `.at(-1)`: the script-tag build runs on Chromium 80, which lacks Array.prototype.at.
    const starts = message.stepStarts;
    return starts?.length ? starts[starts.length - 1]! : 0;
  }

  /** Tool-call parts of the current model call, with their index in `parts`. */
  function currentCalls(message: ConversationMessage): Array<{ part: ToolCallPart; index: number }> {
    const calls: Array<{ part: ToolCallPart; index: number }> = [];
    for (let index = stepStart(message); index < message.parts.length; index++) {
      const part = message.parts[index]!;
      if (part.type === 'tool-call') calls.push({ part, index });
    }
    return calls;
  }

  function findCall(messageId: string, toolCallId: string, state: ToolCallPart['state']): { part: ToolCallPart; index: number } | undefined {
    const message = findMessage(messageId);
    if (!message) return undefined;
    for (let index = message.parts.length - 1; index >= 0; index--) {
      const part = message.parts[index]!;
      if (part.type === 'tool-call' && part.toolCall.id === toolCallId && part.state === state) return { part, index };
    }
    return undefined;
  }

  function busy(): boolean {
    return submitting !== null || (turn !== null && !turn.ended);
  }

  function refreshStatus(): void {
    if (!turn || turn.ended) return;
    const message = findMessage(turn.messageId);
    const states = message ? currentCalls(message).map(({ part }) => part.state) : [];
    // An action running here is `streaming` even beside one awaiting a decision: saved as busy,
    // another tab neither takes it as interrupted nor ends this turn (`sync`).
    const waiting = !turn.call && states.includes('pending-approval') && !states.includes('running');
    store.setState({ status: waiting ? 'awaiting-action' : 'streaming' });
  }

  // ---- one turn: model calls and actions ----------------------------------------------------

  function closeReasoning(current: Turn, draft: MessageDraft): void {
    // Only the answer code opens reasoning (a call taken up knows of it once the code is in).
    if (current.reasoningOpen) answerCode?.closeReasoning(draft, current, stepStart(draft.message), now());
  }

  /** A turn answering into `message` (new, or restored). */
  function newTurn(message: ConversationMessage, finish: FinishReason | null = null): Turn {
    return { messageId: message.id, controller: new AbortController(), ended: false, call: null, finish, error: null, reasoningOpen: false };
  }

  function startTurn(): Promise<boolean> {
    const message: ConversationMessage = { id: createId('msg'), role: 'assistant', parts: [], createdAt: now() };
    if (model !== undefined) message.model = model;
    store.pushMessage(message);
    turn = newTurn(message);
    store.setState({ status: 'streaming', error: null });
    // Stored as busy now, in the task that took the question out of the draft, not on the
    // throttled save 500 ms on: a tab that crashes meanwhile keeps it (interrupted, Retry).
    saveNow();
    void callModel(turn);
    return settled();
  }

  /** Asks the model (again, after actions), or with `resumeAfter` takes up the call a page left streaming. */
  async function callModel(current: Turn, resumeAfter?: string): Promise<void> {
    const message = findMessage(current.messageId);
    if (!message) return;
    const steps = message.stepStarts?.length ?? 0;
    if (!resumeAfter && steps >= maxSteps) {
      return failTurn(current, { code: 'max_steps', message: `Stopped after ${maxSteps} model calls in one turn (maxSteps). Ask again to continue.` });
    }
    const index = store.messages.indexOf(message);
    // A call taken up is asked for as it was started: the answer as it stood before that call.
    const asked = resumeAfter ? { ...message, parts: message.parts.slice(0, stepStart(message)) } : message;
    const request: ConversationStreamRequest = { messages: toChatMessages([...store.messages.slice(0, index), asked], system), signal: current.controller.signal };
    if (registry.tools) request.tools = registry.tools;
    if (model !== undefined) request.model = model;
    if (context !== undefined) request.context = context;
    if (resumeAfter) {
      request.resumeAfter = resumeAfter;
      // Thinking the page left open goes on in its part. Known open only now, with the answer code
      // in to close it: a Stop before that (a restored answer, the code still loading) leaves it
      // as it was, shown without a duration, which a page closed meanwhile has none of anyway.
      const lastPart = message.parts[message.parts.length - 1];
      current.reasoningOpen = lastPart?.type === 'reasoning' && lastPart.endedAt === undefined && message.parts.length > stepStart(message);
    } else {
      store.updateMessage(current.messageId, (draft) => {
        draft.message.stepStarts = [...(draft.message.stepStarts ?? []), draft.parts.length];
        delete draft.message.finishReason;
        // Where the last call got to is no place to take this one up from.
        forgetResume(draft.message);
      });
    }
    current.finish = null;
    current.error = null;

    let stream: ConversationStream;
    try {
      stream = client.stream(request);
    } catch (error) {
      return failTurn(current, { code: 'client_error', message: errorMessage(error) });
    }
    current.call = stream;
    refreshStatus();
    // Fetched beside the request, awaited by the first event that writes into the answer.
    const applying = loadAnswerCode();
    // Held from here, not from the first event's flush: storage says `busy` since the question went
    // out, and a tab beside this one must not take a slow first token for a page gone.
    applying.then((code) => code.holdWhile(lock, store.status === 'streaming'), () => {});
    try {
      for await (const event of stream) {
        if (current.ended) break;
        const validators = event.type === 'tool-call' ? registry.loading() : undefined;
        if (validators) {
          await validators;
          if (current.ended) break;
        }
        if (!answerCode && event.type !== 'finish' && event.type !== 'error') {
          try {
            await applying;
          } catch (error) {
            current.error = { code: 'network', message: `The code that writes answers could not be loaded: ${errorMessage(error)}`, retryable: true };
            break;
          }
          if (current.ended) break;
        }
        apply(current, event);
      }
    } catch (error) {
      if (!current.ended) current.error ??= { code: 'client_error', message: errorMessage(error) };
    }
    if (current.ended) return;
    current.call = null;
    // Nothing came of taking it up (the gateway no longer has the answer): it stays as the page left it.
    if (resumeAfter && !stream.lastEventId && (current.error || current.finish === null || current.finish === 'error')) return leaveAnswer(current);
    afterModelCall(current);
  }

  /** The answer `current` took up, or followed, stays as the page writing it left it (`settleLeftAnswer`). */
  function leaveAnswer(current: Turn): void {
    store.setMessages(store.messages.map((left) => (left.id === current.messageId ? settleLeftAnswer(left) : left)));
    toIdle(current);
  }

  /** Notes in the answer the event it has come to (see `resumeAfter`), beside what that event wrote. */
  function reached(current: Turn, draft: MessageDraft): void {
    const at = current.call?.lastEventId;
    if (at) draft.message.resumeAfter = at;
  }

  function apply(current: Turn, event: ChatEvent): void {
    switch (event.type) {
      case 'finish':
        current.finish = event.reason;
        return;
      case 'error':
        current.error = event.error;
        return;
      case 'tool-call':
        return handleToolCall(current, event.toolCall);
    }
    // callModel awaited the answer code before handing over the first event.
    store.updateMessage(current.messageId, (draft) => {
      answerCode!.applyAnswerEvent(draft, event, current, stepStart(draft.message), now);
      reached(current, draft);
    });
  }

  function handleToolCall(current: Turn, toolCall: ToolCall): void {
    // The turn's message is there while it answers (a clear or a take from storage ends the turn).
    const proposed = answerCode!.proposedCall(toolCall, registry, currentCalls(findMessage(current.messageId)!));
    if (!proposed) return;
    const { part, args } = proposed;
    store.updateMessage(current.messageId, (draft) => {
      closeReasoning(current, draft);
      draft.push(part);
      reached(current, draft);
    });
    recordAction('requested', current.messageId, part, { needsApproval: part.state === 'pending-approval' });
    if (part.state === 'error') recordAction('failed', current.messageId, part, { error: part.error! });
    if (part.state === 'running') runAction(current, part, args);
    refreshStatus();
  }

  function updateCall(messageId: string, toolCallId: string, from: ToolCallPart['state'], change: Partial<ToolCallPart>): ToolCallPart | undefined {
    const found = findCall(messageId, toolCallId, from);
    if (!found) return undefined;
    let updated: ToolCallPart | undefined;
    store.updateMessage(messageId, (draft) => {
      updated = Object.assign(draft.part<ToolCallPart>(found.index), change);
    });
    return updated;
  }

  function runAction(current: Turn, part: ToolCallPart, args: unknown): void {
    const registered = registry.get(part.toolCall.name)!;
    const { messageId } = current;
    const toolCallId = part.toolCall.id;
    void Promise.resolve()
      .then(() => registered.action.run(args, { signal: current.controller.signal, conversation, toolCall: part.toolCall }))
      .then(
        (value) => {
          // Only a call the answer code proposed, or one approved once it was in, runs.
          const result = answerCode!.actionResult(value);
          // Still `running`: a stop in the meantime already settled it as interrupted.
          const done = updateCall(messageId, toolCallId, 'running', { state: 'done', result });
          if (done) recordAction('ran', messageId, done, { result });
        },
      )
      .catch((error: unknown) => {
        const failed = updateCall(messageId, toolCallId, 'running', { state: 'error', error: errorMessage(error) || 'The action failed.' });
        if (failed) recordAction('failed', messageId, failed, { error: failed.error! });
      })
      .then(() => continueIfDecided(current));
  }

  function afterModelCall(current: Turn): void {
    store.updateMessage(current.messageId, (draft) => closeReasoning(current, draft));
    if (current.error || current.finish === 'error' || current.finish === null) {
      return failTurn(current, current.error ?? { code: 'bad_response', message: 'The answer ended before the gateway finished it.' });
    }
    if (current.finish === 'abort') {
      settleOpenCalls(current, 'Not run: the answer was aborted before a decision was made.', null);
      return endTurn(current, 'abort');
    }
    const finish = current.finish;
    store.updateMessage(current.messageId, (draft) => void (draft.message.finishReason = finish));
    const message = findMessage(current.messageId);
    if (!message || !currentCalls(message).length) return endTurn(current, finish);
    continueIfDecided(current);
  }

  /** Once the model call has ended and every action of it is decided and done, asks the model again. */
  function continueIfDecided(current: Turn): void {
    if (current.ended || current.call || turn !== current) return;
    const message = findMessage(current.messageId);
    if (!message) return;
    if (currentCalls(message).some(({ part }) => part.state === 'pending-approval' || part.state === 'running')) return refreshStatus();
    store.setState({ status: 'streaming' });
    void callModel(current);
  }

  /** Settles what is still open in the current step: nothing runs that was not decided. */
  function settleOpenCalls(current: Turn, pendingError: string, runningError: string | null): void {
    const message = findMessage(current.messageId);
    if (!message) return;
    for (const { part } of currentCalls(message)) {
      const error = part.state === 'pending-approval' ? pendingError : part.state === 'running' ? runningError : null;
      if (error === null) continue;
      const settledPart = updateCall(current.messageId, part.toolCall.id, part.state, { state: 'error', error });
      if (settledPart) recordAction('failed', current.messageId, settledPart, { error });
    }
  }

  function finishTurn(current: Turn): void {
    current.ended = true;
    current.call = null;
    if (turn === current) turn = null;
  }

  /** The turn `current` (if any) is over, and the status it gave with it: idle, no error. */
  function toIdle(current: Turn | null): void {
    if (current) finishTurn(current);
    store.setState({ status: 'idle', error: null });
  }

  /** The answer's end, written with its reasoning closed: an answer that ended is not taken up again. */
  function closeAnswer(current: Turn, draft: MessageDraft): void {
    closeReasoning(current, draft);
    forgetResume(draft.message);
  }

  function endTurn(current: Turn, finish: FinishReason): void {
    store.updateMessage(current.messageId, (draft) => {
      closeAnswer(current, draft);
      draft.message.finishReason = finish;
    });
    toIdle(current);
  }

  function failTurn(current: Turn, error: ChatError): void {
    settleOpenCalls(current, 'Not run: the answer failed before a decision was made.', null);
    store.updateMessage(current.messageId, (draft) => {
      closeAnswer(current, draft);
      draft.message.finishReason = 'error';
      draft.message.error = error;
    });
    finishTurn(current);
    store.setState({ status: 'error', error });
  }

  // ---- starting turns -----------------------------------------------------------------------

  function normalizeInput(input: string | SendInput): SendInput {
    if (typeof input === 'string') return { content: input };
    if (typeof input !== 'object' || input === null || typeof input.content !== 'string') throw new TypeError('send(input): input must be a string or { content: string, attachments? }.');
    if (input.attachments !== undefined && !Array.isArray(input.attachments)) throw new TypeError('send(input): attachments must be an array.');
    return input.attachments?.length ? { content: input.content, attachments: input.attachments.map((attachment) => ({ ...attachment })) } : { content: input.content };
  }

  /** The shared path of send and edit: lock, wait for history, beforeSend, then `place` the message and start. */
  function submit(kind: 'send' | 'edit', input: SendInput, place: (content: string) => string | null): Promise<boolean> {
    const mine = (submitting = {});
    const release = (): boolean => {
      if (submitting !== mine) return false;
      submitting = null;
      return true;
    };
    return (async () => {
      await ready;
      // The history that came may have brought a turn with it (an answer taken up, an action
      // awaiting a decision): the message waits for it, as it would have on a page that had it.
      if (turn && !turn.ended) {
        release();
        return false;
      }
      let content = input.content;
      if (beforeSend) {
        let verdict: BeforeSendResult;
        try {
          verdict = await beforeSend({ ...input }, { conversation, context, kind });
        } catch (error) {
          verdict = { block: `The message could not be checked (${errorMessage(error)}).` };
        }
        if (submitting !== mine) return false; // stop() or clear() while the hook ran
        if (verdict && typeof verdict === 'object' && 'block' in verdict && typeof verdict.block === 'string') {
          release();
          audit({ type: 'message-blocked', actor: 'user', content, reason: verdict.block });
          store.setState({ status: 'error', error: { code: 'blocked', message: verdict.block } });
          return false;
        }
        if (verdict && typeof verdict === 'object' && 'content' in verdict && typeof verdict.content === 'string') content = verdict.content;
      }
      if (!(await fresh(mine))) return false;
      const messageId = place(content);
      if (messageId === null) return false;
      const sent: AuditInput = { type: 'message-sent', actor: 'user', messageId, content, redacted: content !== input.content, kind };
      if (input.attachments) sent.attachments = input.attachments;
      audit(sent);
      return startTurn();
    })();
  }

  /**
   * A turn about to write (`mine`, the `submitting` it holds) goes on: `true`, and `submitting` is
   * let go. On storage other tabs share (with a lock: without one a `busy` left by a closed tab
   * is never taken), storage is read first: if it holds a message this tab has not got (another
   * tab's turn, or an answer this tab could not follow), this tab's older copy and the new turn
   * would go over it, so the turn is refused and what storage holds is taken, as `sync()` takes
   * it. An older copy of this tab's own (a write that storage did not keep, or one still on its
   * way) is no other tab's. `false` too when `stop()` or `clear()` came meanwhile.
   */
  function fresh(mine: object): Promise<boolean> {
    // The lock code is in once this page saw a turn of another's (its first write says `busy`).
    const code = answerCode;
    return Promise.resolve(code && lock.name && (known !== false || savedVersion) && writer?.writing(conversationKey(id)) === false && readStored()).then((raw) => {
      if (submitting !== mine) return false;
      submitting = null;
      const moved = !!raw && code!.movedOn(lock, parseStored(raw), store.messages);
      if (moved) void takeStored();
      return !moved;
    });
  }

  function writeDraft(text: string): void {
    store.setState({ draft: text });
    if (!writer) return;
    if (text) writer.set(draftKey(id), text);
    else writer.remove(draftKey(id));
  }

  // ---- restore ------------------------------------------------------------------------------

  /**
   * A key as storage gives it; `false` if storage failed to read it: not `null`, a deleted key (a
   * `clear()` in another tab), which a tab that syncs would take as an empty transcript.
   */
  function readKey(key: string): unknown {
    const failed = (error: unknown): false => (console.warn(`[parley] Could not read "${key}" from storage:`, error), false);
    try {
      const value = storage!.get(key);
      return value && typeof (value as Promise<unknown>).then === 'function' ? Promise.resolve(value).catch(failed) : value;
    } catch (error) {
      return failed(error);
    }
  }

  /** The stored history checked: at once, or (`restoreInSlices`, a long one) a slice per task. */
  function parseRestored(raw: unknown): { value: ConversationMessage[] | null } | Promise<ConversationMessage[] | null> {
    known = raw;
    // Nothing stored comes back as no messages, which restore nothing.
    const stored = !clearedBeforeLoad && parseStored(raw);
    if (!stored) return { value: null };
    restoredBusy = stored.busy;
    return runInSlices(checkStoredMessages(stored.messages, id, true), options.restoreInSlices && stored.messages.length >= restoredAtOnce ? 0 : Infinity);
  }

  /**
   * A last answer the page left streaming, from a gateway that resumes answers, is taken up after
   * its last event; one whose action awaits a decision resumes as a turn waiting for it. One that
   * another page still streams (`PageLock.live`) is followed as a turn waiting for the lock, and
   * taken as that page left it if it cannot be taken up.
   */
  function awaitPendingAction(): void {
    const last = store.messages[store.messages.length - 1];
    if (last && (last.resumeAfter || lock.live)) {
      const current = (turn = newTurn(last));
      const after = last.resumeAfter;
      current.waiting = true;
      // Restored, or taken from storage by sync(): there is no error to clear.
      store.setState({ status: 'streaming' });
      // Taken up once no other page streams into it (a tab beside this one, or the page this one
      // replaces, on its way out), reading storage again then: that page may have written more.
      // Stopped or let go before the code came: nothing to wait for (or to ask).
      loadAnswerCode().then(
        (code) => void (current.ended || code.holdWhile(lock, true, () => takeUp(current, after))),
        () => void (current.ended || callModel(current, after)),
      );
    } else if (last?.role === 'assistant' && currentCalls(last).some(({ part }) => part.state === 'pending-approval')) {
      // Fetched now, so that an Approve clicked later finds it (and an invalid edit throws at once).
      loadAnswerCode().catch(() => {});
      turn = newTurn(last, 'tool-calls');
      refreshStatus();
    }
  }

  const readStored = (): Promise<unknown> => Promise.resolve(readKey(conversationKey(id)));
  /**
   * Deleted (`clear()`): no messages. Corrupt: `null`, warned once, then written over as before.
   * Not read (`false`, `readKey`): `null` too, without a second warning that storage holds no string.
   */
  const parseStored = (raw: unknown): { messages: unknown[]; busy?: boolean | undefined } | null =>
    raw === false ? null : raw == null ? { messages: [] } : readStoredConversation(raw, id);

  /**
   * The page streaming the answer `current` waits for let go: it finished, stopped, or went. What
   * it stored is taken if it wrote since, or showed that page's answer otherwise than it is left
   * (`PageLock.retake`), and taken up from there (`after`) if it is still to be; else taken up
   * where it was. An answer that cannot be taken up is always taken again: unfinished, it is
   * interrupted (`leaveAnswer`, if storage cannot be read).
   */
  function takeUp(current: Turn, after?: string): void {
    current.waiting = false;
    void readStored().then((raw) => {
      if (!current.ended && ((raw === known && !lock.retake) || !take(raw, parseStored(raw)))) void (after ? callModel(current, after) : leaveAnswer(current));
    });
  }

  /**
   * `sync()`. `now`: storage is `busy`, taken now all the same (`waitForHolder`): no page holds
   * the lock (taken as the page that wrote it left it, and taken up), or the answer is followed
   * as the page streaming it stores it (a turn waiting for the lock, as in a page opened then).
   */
  function takeStored(now?: boolean): Promise<boolean> {
    if (!writer) return Promise.resolve(false);
    return readStored().then((raw) => {
      // A restored answer waiting for the tab that streams it follows what that tab stores.
      const waiting = turn?.waiting;
      if (raw === known || unsaved() || writer?.writing(conversationKey(id)) !== false || submitting || (store.status === 'streaming' && !waiting) || !loaded) return false;
      const stored = parseStored(raw);
      // Busy there. A turn here can only be awaiting a decision (nothing streams here): that action
      // was decided there, or the transcript moved on, so it is no longer this tab's to approve;
      // it runs once.
      if (stored?.busy && !now && !waiting) {
        if (turn) toIdle(turn);
        // Followed now while a page holds the lock, as in a tab opened mid-answer (no send
        // meanwhile writes this tab's older copy over it, or is refused with nothing to show why);
        // taken now as left if no page holds it: one that died mid-answer left it so (`page-lock.ts`).
        return loadAnswerCode().then((code) => code.waitForHolder(lock, stored), () => false);
      }
      return take(raw, stored);
    });
  }

  /** Makes what storage holds this tab's transcript; an answer it holds as `busy` is taken up, as a reload would. */
  function take(raw: unknown, stored: ReturnType<typeof parseStored>): boolean {
    // Once the answer code is in, only what changed since the last take (a tab following another's answer).
    const checked = stored && (answerCode?.checkFollowed(lock, stored, id, checkStoredMessages) ?? (runInSlices(checkStoredMessages(stored.messages, id, stored.busy), Infinity) as { value: ConversationMessage[] }).value);
    known = raw;
    if (!checked) return false;
    toIdle(turn);
    store.setMessages(checked);
    savedVersion = store.messagesVersion;
    awaitPendingAction();
    return true;
  }

  function applyRestored(restored: ConversationMessage[] | null, rawDraft: unknown): void {
    loaded = true;
    store.setState({ restoring: false });
    if (!clearedBeforeLoad && restored?.length) {
      store.setMessages([...restored, ...store.messages]);
      savedVersion = store.messagesVersion;
      awaitPendingAction();
      // Busy, and nothing here to take up (a gateway that does not resume answers, an answer
      // before its first event, the gap of an agent turn): looked at as `sync()` looks at it, so
      // that it is followed while another page streams it, not shown interrupted with Send
      // offered (a second request, written over that page's turn); a dead page's stays as left.
      // `known` is let go of, so that `sync()` takes what this page already read.
      if (restoredBusy && !turn) void takeStored((known = undefined));
    }
    if (!draftTouched && typeof rawDraft === 'string') store.setState({ draft: rawDraft });
  }

  function restoreFrom(rawMessages: unknown, rawDraft: unknown): Promise<void> | undefined {
    const restored = parseRestored(rawMessages);
    if (!(restored instanceof Promise)) return void applyRestored(restored.value, rawDraft);
    // The draft is read already: shown at once, not after the history's slices, while a keystroke
    // in between would make it lose to a half-typed letter (and overwrite it in storage).
    if (!draftTouched && typeof rawDraft === 'string') store.setState({ draft: rawDraft });
    store.setState({ restoring: true });
    return restored.then((messages) => applyRestored(messages, rawDraft));
  }

  function restore(): Promise<void> {
    if (!storage) return Promise.resolve();
    const rawMessages = readKey(conversationKey(id));
    const rawDraft = readKey(draftKey(id));
    const isAsync = (value: unknown): boolean => value instanceof Promise;
    if (!isAsync(rawMessages) && !isAsync(rawDraft)) return restoreFrom(rawMessages, rawDraft) ?? Promise.resolve();
    store.setState({ restoring: true });
    return Promise.all([rawMessages, rawDraft]).then(([messages, draft]) => restoreFrom(messages, draft));
  }

  // ---- the public object ----------------------------------------------------------------------

  const ready = restore();
  /** approve() once the validators are there: throws on arguments that fail the action's schema. */
  function approvePending(toolCallId: string, editedArgs?: unknown): Promise<boolean> {
    const current = turn;
    // Not while following another tab's turn (`waiting`): that tab runs its actions.
    const found = current && !current.ended && !current.waiting ? findCall(current.messageId, toolCallId, 'pending-approval') : undefined;
    if (!current || !found) return Promise.resolve(false);
    const registered = registry.get(found.part.toolCall.name);
    if (!registered) return Promise.resolve(false);
    // approve() made sure the answer code is here: it throws for arguments that are not JSON or fail the action's schema.
    const { args, edited } = answerCode!.approvedArgs(registered, found.part.toolCall.args, editedArgs);
    const change: Partial<ToolCallPart> = { state: 'running' };
    if (edited !== undefined) change.editedArgs = edited;
    const part = updateCall(current.messageId, toolCallId, 'pending-approval', change)!;
    recordAction('approved', current.messageId, part);
    runAction(current, part, args);
    refreshStatus();
    return settled();
  }

  const conversation: Conversation = {
    id,
    ready,
    getSnapshot: store.getSnapshot,
    subscribe: store.subscribe,

    send(input) {
      const message = normalizeInput(input);
      if (busy() || store.status === 'awaiting-action') return Promise.resolve(false);
      if (!message.content.trim() && !message.attachments?.length) return Promise.resolve(false);
      return submit('send', message, (content) => {
        const userMessage: ConversationMessage = { id: createId('msg'), role: 'user', parts: [{ type: 'text', text: content }], createdAt: now() };
        if (message.attachments) userMessage.attachments = message.attachments;
        store.pushMessage(userMessage);
        writeDraft('');
        return userMessage.id;
      });
    },

    leave() {
      saveNow();
      // Then stopped in memory only: nothing more is written or reported (no action "failed":
      // the next conversation on this storage finds it as it was), and a history still on its
      // way is not taken up here.
      writer = onAction = onAudit = undefined;
      clearedBeforeLoad = true;
      conversation.stop();
    },

    stop(options) {
      submitting = null;
      const current = turn;
      if (!current || current.ended) return;
      // Waiting for the tab that streams this answer: that tab goes on, or is asked to stop it, and
      // saves it, not this tab its older copy (`page-lock.ts`); so does the tab that took this
      // tab's lock (`lost`). Not when let go (`leave()`): the next page takes it up.
      const elsewhere = writer && (lock.lost || (current.waiting && (options?.otherTabs === false || answerCode?.stopHolder(lock))));
      current.controller.abort();
      try {
        current.call?.abort();
      } catch {
        // The stream is being abandoned either way.
      }
      settleOpenCalls(current, 'Not run: the answer was stopped before a decision was made.', 'Stopped while running; its outcome is unknown.');
      endTurn(current, 'abort');
      if (elsewhere) savedVersion = store.messagesVersion;
    },

    async regenerate() {
      // Not from an older copy than storage's (`fresh`).
      if (busy() || !(await fresh((submitting = {})))) return false;
      const messages = store.messages;
      let index = messages.length - 1;
      while (index >= 0 && messages[index]!.role !== 'user') index--;
      if (index < 0) return false;
      const userMessage = messages[index]!;
      store.setMessages(messages.slice(0, index + 1));
      audit({ type: 'message-sent', actor: 'user', messageId: userMessage.id, content: messageText(userMessage), redacted: false, kind: 'regenerate' });
      return startTurn();
    },

    edit(messageId, text) {
      if (typeof text !== 'string') throw new TypeError('edit(messageId, text): text must be a string.');
      if (busy() || !text.trim()) return Promise.resolve(false);
      if (!store.messages.some((message) => message.id === messageId && message.role === 'user')) return Promise.resolve(false);
      return submit('edit', { content: text }, (content) => {
        const index = store.messages.findIndex((message) => message.id === messageId);
        if (index < 0) return null;
        const original = store.messages[index]!;
        store.setMessages([...store.messages.slice(0, index), { ...original, parts: [{ type: 'text', text: content }] }]);
        return messageId;
      });
    },

    approve(toolCallId, editedArgs) {
      // Only a call restored from storage can be awaiting approval before its checker or the
      // answer code (which checks arguments) has loaded: wait for them once; if the checker could
      // not load, the check fails closed (no second wait, no loop).
      const validators = registry.loading();
      const waits = answerCode
        ? validators
        : Promise.all([
            validators,
            loadAnswerCode().catch((error: unknown) => {
              throw new Error(`The code that checks the action's arguments could not be loaded, so nothing was run: ${errorMessage(error)}`);
            }),
          ]);
      return waits ? waits.then(() => approvePending(toolCallId, editedArgs)) : approvePending(toolCallId, editedArgs);
    },

    reject(toolCallId, reason) {
      if (reason !== undefined && typeof reason !== 'string') throw new TypeError('reject(toolCallId, reason): reason must be a string.');
      const current = turn;
      if (!current || current.ended || current.waiting) return Promise.resolve(false);
      const change: Partial<ToolCallPart> = { state: 'rejected' };
      if (reason) change.reason = reason;
      const part = updateCall(current.messageId, toolCallId, 'pending-approval', change);
      if (!part) return Promise.resolve(false);
      recordAction('rejected', current.messageId, part, reason ? { reason } : {});
      continueIfDecided(current);
      return settled();
    },

    flush: saveNow,

    clear() {
      // Stops this tab's turn; a tab streaming the answer this one waits for goes on.
      conversation.stop({ otherTabs: false });
      if (!loaded) clearedBeforeLoad = true;
      store.setMessages([]);
      toIdle(null);
      savedVersion = store.messagesVersion;
      known = null;
      writer?.remove(conversationKey(id));
    },

    sync: () => takeStored(),

    feedback(messageId, rating, comment) {
      if (rating !== 'up' && rating !== 'down') throw new TypeError(`feedback(messageId, rating): rating must be 'up' or 'down'.`);
      if (comment !== undefined && typeof comment !== 'string') throw new TypeError('feedback(messageId, rating, comment): comment must be a string.');
      const message = findMessage(messageId);
      if (message?.role !== 'assistant') return false;
      store.updateMessage(messageId, (draft) => void (draft.message.feedback = comment !== undefined ? { rating, comment } : { rating }));
      audit({ type: 'feedback', actor: 'user', messageId, rating, ...(comment !== undefined && { comment }) });
      return true;
    },

    setContext(value) {
      context = value === null || value === undefined ? undefined : toJsonObject(value, 'context');
    },

    setDraft(text) {
      if (typeof text !== 'string') throw new TypeError('setDraft(text): text must be a string.');
      draftTouched = true;
      writeDraft(text);
    },

    setModel(value) {
      if (value !== undefined && typeof value !== 'string') throw new TypeError('setModel(model): model must be a string or undefined.');
      model = value;
    },
  };

  return conversation;
}

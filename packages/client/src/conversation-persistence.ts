import * as z from './zod.js';
import { conversationMessageSchema, type ConversationMessage } from './conversation-message.js';
import type { ConversationStorage } from './storage.js';

/**
 * What a conversation writes to storage, and how it reads it back. Only the transcript and the
 * draft are written: never headers, tokens, the business `context`, options or the model name
 * the host chose. (Tool arguments and results are part of the transcript: pick `memoryStorage()`
 * or no storage where they must not outlive the page.)
 */

// The envelope first, then each message on its own: a long history can be checked a slice at a
// time (see `checkStoredMessages`), and a message this version cannot read costs only itself. `messages` is
// only required to be a list here (`z.array(z.unknown())` would walk all of them, still cold, in
// the task that opens the conversation).
// `busy`: written while a request or action runs, so another tab does not take a half answer as
// an interrupted one (`Conversation.sync`).
const storedConversationSchema = z.object({
  v: z.literal(1),
  id: z.string(),
  busy: z.optional(z.boolean()),
  messages: z.custom<unknown[]>((value) => Array.isArray(value), { message: 'messages must be a list' }),
});

export const conversationKey = (id: string): string => `parley:conversation:${id}`;
export const draftKey = (id: string): string => `parley:draft:${id}`;

export function serializeConversation(id: string, messages: readonly ConversationMessage[], busy?: boolean): string {
  return JSON.stringify({ v: 1, id, busy, messages });
}

const stoppedRunning = 'Interrupted: the page closed while this action was running, so its outcome is unknown.';

/**
 * Parses stored data. Corrupt or foreign data gives `null` and a warning, never a throw. An answer
 * that was still streaming when the page died comes back with `interrupted: true` (and whatever
 * had arrived); an action that was running comes back as an error, because nobody knows whether
 * it finished.
 */
export function parseStoredConversation(raw: string, id: string): ConversationMessage[] | null {
  const stored = readStoredConversation(raw, id);
  if (!stored) return null;
  const steps = checkStoredMessages(stored.messages, id);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const refuse = (id: string, reason: string): null => {
  console.warn(`[parley] Ignoring stored conversation "${id}": ${reason}.`);
  return null;
};
const notParley = (id: string, issues: readonly { message: string }[]): null => refuse(id, `it is not a Parley conversation (${issues[0]?.message ?? 'unknown shape'})`);

/** The first half of `parseStoredConversation`: the JSON and its envelope; the messages still unchecked. */
export function readStoredConversation(raw: unknown, id: string): { messages: unknown[]; busy?: boolean | undefined } | null {
  if (typeof raw !== 'string') return refuse(id, 'it is not a string');
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return refuse(id, 'it is not valid JSON');
  }
  const parsed = storedConversationSchema.safeParse(data);
  if (!parsed.success) return notParley(id, parsed.error.issues);
  if (parsed.data.id !== id) return refuse(id, `it belongs to conversation "${parsed.data.id}"`);
  return parsed.data;
}

/**
 * The second half: checks the messages one step at a time (it yields before each), so the caller
 * decides where a task ends (`runInSlices`). A message that is not a Parley message (a newer
 * version's, or edited by hand) is left out with one warning, and the rest comes back: refusing
 * the whole history for it would have had the next save write over all of it. `resuming`: a last
 * answer that can be taken up (`resumeAfter`) comes back unfinished, not interrupted; `live`: one
 * another page still streams comes back as stored (`settleLeftAnswer`).
 */
export function* checkStoredMessages(stored: readonly unknown[], id: string, resuming = false, live = false): Generator<void, ConversationMessage[], void> {
  const ids = new Set<string>();
  const messages: ConversationMessage[] = [];
  const unreadable: string[] = [];
  let last: ConversationMessage | undefined;
  for (const unchecked of stored) {
    yield;
    const checked = conversationMessageSchema.safeParse(unchecked);
    if (!checked.success) {
      unreadable.push(checked.error.issues[0]!.message);
      continue;
    }
    const message = checked.data;
    if (ids.has(message.id)) continue;
    ids.add(message.id);
    if (message.stepStarts && !message.stepStarts.every((start, index, starts) => start <= message.parts.length && (index === 0 || start >= starts[index - 1]!))) {
      delete message.stepStarts;
    }
    last = message;
    messages.push(settleLeftAnswer(message));
  }
  // Only the last answer can be taken up, or be answered still in the page holding the lock.
  const resumable = resuming && !!last?.resumeAfter && unfinished(last);
  if (last && (resumable || live)) messages[messages.length - 1] = settleLeftAnswer(last, resumable, live);
  if (unreadable.length) console.warn(`[parley] Ignoring ${unreadable.length} unreadable message(s) of stored conversation "${id}" (${unreadable[0]}).`);
  return messages;
}

/** An answer no longer to be taken up drops where its call had got to. */
export function forgetResume(message: ConversationMessage): void {
  delete message.resumeAfter;
  delete message.usageBase;
}

const unfinished = (message: ConversationMessage): boolean => message.role === 'assistant' && message.finishReason === undefined && message.error === undefined;

/**
 * An answer as a page that did not see it end shows it: an action that was running comes back as
 * an error, because nobody knows whether it finished; an answer that was still streaming comes
 * back with `interrupted: true` and whatever had arrived, its proposals not to be decided on.
 * `resuming`: the answer is about to be taken up (`resumeAfter`), so only its running actions settle.
 * `live`: another page still streams it (it holds the lock): nothing is left yet, its running
 * actions run there, and it is shown as that page stores it, taken up or not.
 */
export function settleLeftAnswer(message: ConversationMessage, resuming = false, live = false): ConversationMessage {
  const cutOff = unfinished(message);
  const goesOn = resuming || live;
  const parts = message.parts.map((part) => {
    if (part.type !== 'tool-call') return part;
    if (part.state === 'running') return live ? part : { ...part, state: 'error' as const, error: stoppedRunning };
    // The model call never finished, so its proposals were never complete enough to decide on.
    if (part.state === 'pending-approval' && cutOff && !goesOn) return { ...part, state: 'error' as const, error: 'Not run: the page closed before a decision was made.' };
    return part;
  });
  // Actions all decided but the model never asked again (the page closed in between): the
  // answer is unfinished too, so the UI offers to regenerate rather than showing it as complete.
  const awaitingContinuation = message.finishReason === 'tool-calls' && !parts.some((part) => part.type === 'tool-call' && part.state === 'pending-approval');
  const interrupted = !goesOn && (cutOff || awaitingContinuation);
  // A finished answer (nearly all of a long history) is passed on as it is.
  if (!interrupted && !message.resumeAfter && parts.every((part, index) => part === message.parts[index])) return message;
  const settled: ConversationMessage = { ...message, parts };
  if (resuming) return settled;
  forgetResume(settled);
  if (interrupted) {
    settled.interrupted = true;
    // Thinking that never ended has no duration to show (and `undefined` is not stored).
    settled.parts = parts.map((part) => (part.type === 'reasoning' && part.endedAt === undefined ? { ...part, startedAt: undefined } : part));
  }
  return settled;
}

/**
 * Writes one key after another, in order: with an async store, a slow earlier write must never
 * land after a later one. Synchronous stores are written synchronously (nothing is lost if the
 * tab dies right after a keystroke). Failures are swallowed: persistence degrades, the chat works.
 */
export class StorageWriter {
  // TypeScript `private` rather than `#`, as in ConversationStore: internal, and `#` costs the
  // script tag a WeakMap per field.
  private pending = new Map<string, Promise<void>>();

  constructor(private readonly storage: ConversationStorage) {}

  /** A write of `key` still on its way (an asynchronous store). */
  writing(key: string): boolean {
    return this.pending.has(key);
  }

  set(key: string, value: string): void {
    this.enqueue(key, () => this.storage.set(key, value));
  }

  remove(key: string): void {
    this.enqueue(key, () => this.storage.remove(key));
  }

  private enqueue(key: string, write: () => void | Promise<void>): void {
    const previous = this.pending.get(key);
    const run = (): void | Promise<void> => {
      try {
        return write();
      } catch {
        return undefined;
      }
    };
    let result: void | PromiseLike<void>;
    if (previous) {
      result = previous.then(run);
    } else {
      result = run();
      if (!result || typeof result.then !== 'function') return;
    }
    const settled: Promise<void> = Promise.resolve(result).then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(key, settled);
    void settled.then(() => {
      if (this.pending.get(key) === settled) this.pending.delete(key);
    });
  }
}

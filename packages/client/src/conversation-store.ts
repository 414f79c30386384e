import type { ChatError } from './chat-event.js';
import type { ConversationMessage, MessagePart } from './conversation-message.js';

/** `streaming`: a model call or an action is under way. `awaiting-action`: a person must approve or reject. */
export type ConversationStatus = 'idle' | 'streaming' | 'awaiting-action' | 'error';

/**
 * What a UI renders. Immutable (frozen) and the same object until something changes, so
 * `useSyncExternalStore(chat.subscribe, chat.getSnapshot)` and `===` checks work. Messages that did
 * not change keep their identity from one snapshot to the next.
 */
export interface ConversationSnapshot {
  /** The conversation id (its storage key). */
  readonly id: string;
  /** The transcript, oldest first: user messages and one assistant message per answer. */
  readonly messages: readonly ConversationMessage[];
  /** `idle`, `streaming` (a model call or action is running), `awaiting-action` (approve or reject), `error`. */
  readonly status: ConversationStatus;
  /** Why the last turn failed (`status: 'error'`): the gateway's error, `blocked`, `max_steps`, … */
  readonly error: ChatError | null;
  /** The unsent text of the composer, kept in storage per conversation. */
  readonly draft: string;
  /**
   * A stored history is still being read (async storage, or `restoreInSlices`): the transcript is
   * not empty yet, it is not there yet. `send` waits for it.
   */
  readonly restoring: boolean;
}

/** Mutable access to one message inside a batch; changes become visible at the next snapshot. */
export interface MessageDraft {
  readonly message: ConversationMessage;
  readonly parts: MessagePart[];
  /** A writable copy of `parts[index]` (copied at most once per batch). */
  part<T extends MessagePart>(index: number): T;
  push(part: MessagePart): void;
}

type Scheduler = (flush: () => void) => void;

/**
 * Holds the state behind the snapshots. Writes are copy-on-write with ownership per batch: the
 * first change to a message after a snapshot was taken copies that message (and its parts
 * array) once; later changes in the same batch write into the copy. So 4,000 text deltas in one
 * network chunk cost one message copy and one notification, not 4,000 of each.
 *
 * TypeScript `private`, not `#` fields: the store never leaves `createConversation`'s closure, and
 * the script tag's ES2020 floor lowers each `#` field to a WeakMap (~0.4 KB gzip more, and a
 * WeakMap lookup per access on the streaming path).
 */
export class ConversationStore {
  private id: string;
  private _messages: ConversationMessage[] = [];
  private _status: ConversationStatus = 'idle';
  private _error: ChatError | null = null;
  private _draft = '';
  private _restoring = false;
  private snapshot: ConversationSnapshot | null = null;
  private owned = new WeakSet<object>();
  private ownedList: object[] = [];
  private listeners = new Set<() => void>();
  private version = 0;
  private _messagesVersion = 0;
  private notifiedVersion = 0;
  private scheduled = false;
  private schedule: Scheduler;
  private onFlush: () => void;

  /**
   * `schedule` runs the notification after the current batch. A macrotask (the default), not a
   * microtask: an async iterator hands over the events of one network chunk across several
   * microtasks, so a microtask would fire once per event.
   */
  constructor(id: string, onFlush: () => void, schedule: Scheduler = (flush) => void setTimeout(flush, 0)) {
    this.id = id;
    this.onFlush = onFlush;
    this.schedule = schedule;
  }

  get messages(): readonly ConversationMessage[] {
    return this._messages;
  }
  /** Increases with every change to the messages (not to status or draft): what persistence watches. */
  get messagesVersion(): number {
    return this._messagesVersion;
  }
  get status(): ConversationStatus {
    return this._status;
  }
  get error(): ChatError | null {
    return this._error;
  }
  get draft(): string {
    return this._draft;
  }

  getSnapshot = (): ConversationSnapshot => {
    if (!this.snapshot) {
      for (const value of this.ownedList) Object.freeze(value);
      this.ownedList = [];
      this.owned = new WeakSet();
      this.snapshot = Object.freeze({ id: this.id, messages: this._messages, status: this._status, error: this._error, draft: this._draft, restoring: this._restoring });
    }
    return this.snapshot;
  };

  subscribe = (listener: () => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('subscribe(listener): listener must be a function.');
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Runs the flush hook after the current batch even if nothing changed (to settle waiters). */
  requestFlush(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(this.flush);
  }

  setState(patch: { status?: ConversationStatus; error?: ChatError | null; draft?: string; restoring?: boolean }): void {
    let changed = false;
    if (patch.status !== undefined && patch.status !== this._status) ((this._status = patch.status), (changed = true));
    if (patch.error !== undefined && patch.error !== this._error) ((this._error = patch.error), (changed = true));
    if (patch.draft !== undefined && patch.draft !== this._draft) ((this._draft = patch.draft), (changed = true));
    if (patch.restoring !== undefined && patch.restoring !== this._restoring) ((this._restoring = patch.restoring), (changed = true));
    if (changed) this.markChanged();
  }

  /** Replaces the whole list (restore, clear, edit, regenerate). */
  setMessages(messages: ConversationMessage[]): void {
    this._messages = this.own(messages === this._messages ? [...messages] : messages, false);
    // New message objects (an edited turn, restored ones) are frozen with the next snapshot too.
    for (const message of this._messages) if (!Object.isFrozen(message)) this.own(message, false);
    this.markChanged(true);
  }

  pushMessage(message: ConversationMessage): void {
    this.ownMessages().push(this.own(message, false));
    this.markChanged(true);
  }

  /** Changes the message with this id in place (copy-on-write); returns false if it is gone. */
  updateMessage(id: string, recipe: (draft: MessageDraft) => void): boolean {
    const index = this.indexOf(id);
    if (index < 0) return false;
    const messages = this.ownMessages();
    const message = this.own(messages[index]!);
    messages[index] = message;
    const parts = (message.parts = this.own(message.parts));
    recipe({
      message,
      parts,
      part: <T extends MessagePart>(partIndex: number): T => {
        const part = this.own(parts[partIndex]!);
        parts[partIndex] = part;
        return part as T;
      },
      push: (part) => void parts.push(this.own(part, false)),
    });
    this.markChanged(true);
    return true;
  }

  private indexOf(id: string): number {
    for (let index = this._messages.length - 1; index >= 0; index--) if (this._messages[index]!.id === id) return index;
    return -1;
  }

  private ownMessages(): ConversationMessage[] {
    return (this._messages = this.own(this._messages));
  }

  /** `value` itself when this batch already owns it, else a shallow copy that it now owns. */
  private own<T extends object>(value: T, copy = true): T {
    if (this.owned.has(value)) return value;
    const owned = copy ? ((Array.isArray(value) ? [...value] : { ...value }) as T) : value;
    this.owned.add(owned);
    this.ownedList.push(owned);
    return owned;
  }

  private markChanged(messages = false): void {
    if (messages) this._messagesVersion++;
    this.snapshot = null;
    this.version++;
    this.requestFlush();
  }

  private flush = (): void => {
    this.scheduled = false;
    if (this.version !== this.notifiedVersion) {
      this.notifiedVersion = this.version;
      for (const listener of [...this.listeners]) {
        try {
          listener();
        } catch (error) {
          console.error('[parley] A conversation subscriber threw:', error);
        }
      }
    }
    this.onFlush();
  };
}

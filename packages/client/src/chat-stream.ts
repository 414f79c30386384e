import type { ChatEvent } from './chat-event.js';
import type { ChatResult } from './chat-result.js';

/**
 * One answer as it streams: iterate it for ChatEvents, await `result` for the whole.
 * It runs whether or not anyone iterates (events are buffered). It can be iterated once:
 * every event is delivered exactly one time, even when iteration starts after the end.
 */
export interface ChatStream extends AsyncIterable<ChatEvent> {
  /** Resolves when the stream ends. Never rejects: failures are `result.error`. */
  readonly result: Promise<ChatResult>;
  /** Stops at once: the request or body is cancelled, the stream ends with an `abort` error and finish. */
  abort(): void;
}

/**
 * The buffer between the network pump and the reader. The pump `push`es events and `flush`es
 * once per network chunk, so a reader that waits is woken once per chunk rather than per event.
 */
export class EventQueue implements AsyncIterator<ChatEvent> {
  private events: ChatEvent[] = [];
  private head = 0;
  private closed = false;
  private waiter: ((result: IteratorResult<ChatEvent>) => void) | undefined;

  push(event: ChatEvent): void {
    if (!this.closed) this.events.push(event);
  }

  /** Wakes a waiting reader if there is something for it. */
  flush(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    if (this.head < this.events.length) {
      this.waiter = undefined;
      waiter({ value: this.take(), done: false });
    } else if (this.closed) {
      this.waiter = undefined;
      waiter({ value: undefined, done: true });
    }
  }

  close(): void {
    this.closed = true;
    this.flush();
  }

  next(): Promise<IteratorResult<ChatEvent>> {
    if (this.head < this.events.length) return Promise.resolve({ value: this.take(), done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** `break` out of a for-await loop: the reader is gone; the stream itself keeps running to its result. */
  return(): Promise<IteratorResult<ChatEvent>> {
    return Promise.resolve({ value: undefined, done: true });
  }

  private take(): ChatEvent {
    const event = this.events[this.head++] as ChatEvent;
    // Drop delivered events now and then so a long stream does not hold them all.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
    return event;
  }
}

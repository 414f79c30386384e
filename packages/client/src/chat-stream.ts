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
  /**
   * From a gateway that resumes answers (Parley's protocol, events numbered `<answer>:<n>`): the
   * id of the last event whose ChatEvents have all been handed to the reader. Store it with what
   * you made of them; `stream({ ..., resumeAfter })` takes the answer up after it, from a
   * reloaded page. `undefined` for every other gateway.
   */
  readonly lastEventId: string | undefined;
}

/**
 * The buffer between the network pump and the reader. The pump `push`es events and `flush`es
 * once per network chunk, so a reader that waits is woken once per chunk rather than per event.
 */
export class EventQueue implements AsyncIterator<ChatEvent> {
  /** Events, and after the events of a numbered frame its id (a string: nothing else in here is one). */
  private events: Array<ChatEvent | string> = [];
  private head = 0;
  private closed = false;
  private waiter: ((result: IteratorResult<ChatEvent>) => void) | undefined;
  /** The id of the last frame whose events were all taken (see `ChatStream.lastEventId`). */
  lastId: string | undefined;

  /** An event, or an id: the events pushed since the last id came from the frame with this one. */
  push(item: ChatEvent | string): void {
    if (!this.closed) this.events.push(item);
  }

  /** Wakes a waiting reader if there is something for it. */
  flush(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    this.skipMarks();
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
    this.skipMarks();
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

  /** Passes the ids at the head: the frames before them are all taken. */
  private skipMarks(): void {
    while (typeof this.events[this.head] === 'string') this.lastId = this.events[this.head++] as string;
  }

  private take(): ChatEvent {
    const event = this.events[this.head++] as ChatEvent;
    // The frame's id is passed with its last event, not with the reader's next call: whoever stores
    // `lastEventId` after handling this event stores the id of what it handled.
    this.skipMarks();
    // Drop delivered events now and then so a long stream does not hold them all.
    if (this.head > 1024 && this.head * 2 > this.events.length) {
      this.events = this.events.slice(this.head);
      this.head = 0;
    }
    return event;
  }
}

import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { SseResponse } from './sse-response.js';

/**
 * One answer being generated, kept apart from the connection that asked for it: its events are
 * numbered (SSE `id: <answer>:<n>`) and kept, so a client whose connection broke (a proxy's
 * timeout, a VPN that dropped) asks again with `Last-Event-ID` and gets the rest, nothing twice
 * and nothing missing, while the model never noticed.
 */
interface Answer {
  readonly owner: string;
  /** The events' JSON, in order; event `n` has the id `<answer id>:<n>`. */
  readonly events: string[];
  done: boolean;
  /** Connections writing this answer now. */
  followers: number;
  readonly controller: AbortController;
  /** Runs while nobody follows an unfinished answer: when it fires, the model is stopped. */
  grace: NodeJS.Timeout | undefined;
  /** Stops the model now (nobody follows it): set while the grace runs. */
  stop: (() => void) | undefined;
  /** Wakes the followers when an event is added or the answer ends. */
  wake: Array<() => void>;
}

export interface ResumableAnswersOptions {
  /**
   * How long an unfinished answer keeps generating after its last connection went away, waiting
   * for the client to take it up again. 0 stops the model at once (no resuming an unfinished
   * answer, as before resumable answers existed).
   */
  graceMs: number;
  /** How long a finished answer's events are kept for a client that lost the end of it. */
  keepMs: number;
}

/** Why a `Last-Event-ID` could not be taken up: nothing to resume under that id for this owner. */
export class UnknownAnswerError extends Error {}

export class ResumableAnswers {
  readonly #answers = new Map<string, Answer>();
  readonly #options: ResumableAnswersOptions;

  constructor(options: ResumableAnswersOptions) {
    this.#options = options;
  }

  /**
   * Starts generating an answer and writes it to `res`. `owner` names who may take it up again
   * (a verified user, never a claimed one); `generate` yields the events' JSON and must stop when
   * its signal aborts.
   */
  start(owner: string, res: ServerResponse, generate: (signal: AbortSignal) => AsyncIterable<string>, onAbandoned?: () => void): Promise<void> {
    // Whoever asks again has given up on the answers of theirs that nobody follows (a Stop, then a
    // new question; a reload): their models stop now, not at the end of the grace.
    for (const other of this.#answers.values()) if (other.owner === owner) other.stop?.();
    const id = randomUUID();
    const answer: Answer = { owner, events: [], done: false, followers: 0, controller: new AbortController(), grace: undefined, stop: undefined, wake: [] };
    this.#answers.set(id, answer);
    const wake = () => {
      for (const resolve of answer.wake.splice(0)) resolve();
    };
    void (async () => {
      try {
        for await (const event of generate(answer.controller.signal)) {
          if (answer.controller.signal.aborted) break;
          answer.events.push(event);
          wake();
        }
      } catch {
        // `generate` turns the model's failures into events; anything else ends the answer as cut off.
      } finally {
        answer.done = true;
        clearTimeout(answer.grace);
        wake();
        if (answer.controller.signal.aborted) this.#answers.delete(id);
        else setTimeout(() => this.#answers.delete(id), this.#options.keepMs).unref();
      }
    })();
    return this.#follow(id, answer, res, 0, onAbandoned);
  }

  /**
   * Writes the rest of an answer after the event a client last got (`Last-Event-ID`). Throws
   * `UnknownAnswerError` (before writing anything) when there is no such answer for this owner:
   * it was never made, is too old, was stopped, or is someone else's.
   */
  resume(owner: string, lastEventId: string, res: ServerResponse, onAbandoned?: () => void): Promise<void> {
    const match = /^([0-9a-f-]{36}):(\d{1,9})$/.exec(lastEventId);
    const answer = match ? this.#answers.get(match[1]!) : undefined;
    const from = Number(match?.[2]) + 1;
    if (!match || !answer || answer.owner !== owner || answer.controller.signal.aborted || from > answer.events.length) {
      throw new UnknownAnswerError(`no answer to resume after event "${lastEventId.slice(0, 80)}"`);
    }
    return this.#follow(match[1]!, answer, res, from, onAbandoned);
  }

  /** Stops every unfinished answer (the gateway is closing). */
  close(): void {
    for (const answer of this.#answers.values()) {
      clearTimeout(answer.grace);
      answer.controller.abort(new Error('gateway closing'));
    }
    this.#answers.clear();
  }

  async #follow(id: string, answer: Answer, res: ServerResponse, from: number, onAbandoned?: () => void): Promise<void> {
    clearTimeout(answer.grace);
    answer.grace = undefined;
    answer.stop = undefined;
    answer.followers++;
    const sse = new SseResponse(res);
    let left = false;
    // Wakes this follower's wait for the next event when its client goes away.
    let wakeMe = (): void => {};
    res.once('close', () => {
      left = !res.writableFinished;
      wakeMe();
    });
    let next = from;
    try {
      for (;;) {
        while (next < answer.events.length && !left) await sse.data(answer.events[next]!, `${id}:${next++}`);
        if (left || (answer.done && next >= answer.events.length)) break;
        await new Promise<void>((resolve) => {
          wakeMe = resolve;
          answer.wake.push(resolve);
        });
      }
    } finally {
      sse.end();
      answer.followers--;
      if (left && !answer.done && answer.followers === 0) this.#abandoned(answer, onAbandoned);
    }
  }

  #abandoned(answer: Answer, onAbandoned?: () => void): void {
    const stop = () => {
      clearTimeout(answer.grace);
      answer.stop = undefined;
      if (answer.done || answer.followers > 0) return;
      answer.controller.abort(new Error('client disconnected'));
      onAbandoned?.();
    };
    if (this.#options.graceMs <= 0) return stop();
    answer.stop = stop;
    answer.grace = setTimeout(stop, this.#options.graceMs);
    answer.grace.unref();
  }
}

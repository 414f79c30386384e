/**
 * Web Locks' `request` for a page that has none: `navigator.locks` exists only in secure contexts,
 * and ERPs often run on plain-HTTP intranet hosts (`http://erp.corp.local`). `page-lock.ts` loads
 * this there, for a conversation whose storage tabs share, and asks it what it asks Web Locks:
 * hold a name while this page streams (exclusive), whether a page holds it (shared,
 * `ifAvailable`), and a wait until none does (shared). Decisions:
 * `docs/decisions/pages-without-web-locks-take-turns-over-local-storage.md`.
 *
 * Who holds a name is written in `localStorage` (`parley-lock:<name>`: a token naming the page and
 * its request). Whether that page is still there is asked, not read from a heartbeat: a page asks
 * on a BroadcastChannel and the holder answers from its message handler, which background-tab
 * timer throttling does not delay (a heartbeat's timer is: Chrome runs a hidden tab's timers once
 * a minute after five minutes, and its live hold would read as a dead page's). A page that goes
 * lets go on `pagehide`; a crashed one answers nothing, and its hold counts as gone once it has
 * left two questions in a row unanswered (`answerMs` each). Pages waiting look again when a record
 * changes (its `storage` event; a release in this page wakes them itself) and every `pollMs`, for a
 * holder that crashed.
 *
 * A live holder can still be taken for gone: its page busy for two seconds (a long task) or frozen
 * (Chrome's Energy Saver, the back/forward cache). When it comes back and finds another token in
 * the record, it has lost the name: its request rejects with an `AbortError`, as a Web Lock taken
 * by `steal` does, while its callback may still run, and page-lock ends its turn there (it writes
 * nothing more over the other page's).
 *
 * Two pages may find a name free in the same moment, and `localStorage` reaches other tabs
 * asynchronously: each writes its token, waits `settleMs` for the other's write to arrive, and the
 * one whose token is still there holds it; the other waits again.
 *
 * Not Web Locks in full, only what page-lock asks: a shared request holds nothing (it asks, or
 * waits, and its callback runs once no page holds the name), waiters are not served in order, and
 * there is no `steal` (but a hold lost as above), `signal` or `query`.
 */

/**
 * How long a holder has to answer a question, twice in a row, before its page counts as gone. Its
 * answer waits for any long task there (rendering a long transcript on a slow machine): a live
 * holder taken for gone sees its answer taken up beside it, a crashed one is only found a moment
 * later (about three seconds after it crashed, with a poll).
 */
const answerMs = 1000;
/** How long a page that wrote its token waits for another page's to arrive. */
const settleMs = 100;
/** How often a page waiting asks again whether the holder is there (it may have crashed). */
const pollMs = 1000;

/** What page-lock asks of a lock manager. */
export type LockRequest = Pick<LockManager, 'request'>;

/**
 * A lock manager over `storage` (the page's `localStorage`) for this page (`page`: its `storage`
 * and `pagehide` events), asking other pages on `channel`.
 */
export function storageLocks(storage: Storage, page: Pick<EventTarget, 'addEventListener'>, channel: BroadcastChannel): LockRequest {
  const pageId = Math.random().toString(36).slice(2);
  let requests = 0;
  /** This page's holds, and claims settling: token → record key. */
  const held = new Map<string, string>();
  /** Requests waiting for a record to change; each wakes once. */
  const waiting = new Set<() => void>();
  /** Holders asked and not answered yet: token → the answer's resolve. */
  const asked = new Map<string, { answer(live: boolean): void; live: Promise<boolean> }>();
  /** This page's holds granted (their callbacks running): token → what rejects the request, lost. */
  const granted = new Map<string, (error: Error) => void>();
  /** Ends every hold whose record (`record(key)`, `undefined`: unknown) names no longer this page's request. */
  const lose = (record: (key: string) => string | null | undefined): void =>
    granted.forEach((reject, token) => {
      const now = record(held.get(token)!);
      if (now !== undefined && now !== token) reject(new DOMException('Another page took this lock while this page did not answer.', 'AbortError'));
    });

  // ['parley-lock', token]: is that request's page there? ['parley-lock', token, 1]: it is.
  channel.onmessage = ({ data }: MessageEvent) => {
    if (!Array.isArray(data) || data[0] !== 'parley-lock') return;
    if (data[2]) asked.get(data[1])?.answer(true);
    else if (held.has(data[1])) {
      channel.postMessage([data[0], data[1], 1]);
      // Asked while it did not answer (the question waited out a long task, or a freeze).
      lose((key) => storage.getItem(key));
    }
  };
  const wake = (): void => waiting.forEach((resume) => resume());
  const release = (token: string): void => {
    const key = held.get(token);
    held.delete(token);
    try {
      if (key && storage.getItem(key) === token) storage.removeItem(key);
    } catch {
      // Storage blocked since: the token stays, and the next page finds it gone (unanswered).
    }
    wake();
  };
  // A lock's record changed in another page, or all of storage was cleared (no key): not the host
  // page's own keys, which an ERP may write many times a second, each a question to the holder.
  // A record this page holds written by another page: it took the name while this one did not
  // answer. Its new value, not storage's now: the other page may have let go since.
  page.addEventListener('storage', ({ key, newValue }: Partial<StorageEvent>) => {
    if (key?.startsWith('parley-lock:')) lose((record) => (record === key ? (newValue ?? null) : undefined));
    if (!key || key.startsWith('parley-lock:')) wake();
  });
  // Closed, reloaded or put in the back/forward cache (where it cannot answer): let go of all,
  // and nothing more: the page's own pagehide listeners still save what it has (a hold lost here
  // stopped the answer first, and a listener added after this one then saved nothing). A page
  // shown again from that cache goes on where it was: its holds are lost then, not only let go,
  // so it does not take itself for the holder, which another page may be by then.
  page.addEventListener('pagehide', () => held.forEach((_, token) => release(token)));
  page.addEventListener('pageshow', (event) => (event as PageTransitionEvent).persisted && lose(() => null));

  const alive = (token: string): Promise<boolean> => {
    if (token.startsWith(`${pageId}.`)) return Promise.resolve(held.has(token));
    let question = asked.get(token);
    if (!question) {
      let answer!: (live: boolean) => void;
      const live = new Promise<boolean>((resolve) => (answer = resolve));
      let timer: ReturnType<typeof setTimeout>;
      let missed = 0;
      // Gone only after two questions in a row went unanswered: a page busy for one second (a
      // long task, a slow machine) still holds.
      const ask = (): void => {
        channel.postMessage(['parley-lock', token]);
        timer = setTimeout(() => (++missed < 2 ? ask() : question!.answer(false)), answerMs);
      };
      asked.set(token, (question = { live, answer: (value) => (clearTimeout(timer), asked.delete(token), answer(value)) }));
      ask();
    }
    return question.live;
  };
  /** Resolves when storage changes, a hold in this page ends, or `pollMs` passed. */
  const changed = (): Promise<void> =>
    new Promise((resolve) => {
      const resume = (): void => (clearTimeout(timer), waiting.delete(resume), resolve());
      const timer = setTimeout(resume, pollMs);
      waiting.add(resume);
    });

  async function request(name: string, ...args: [LockGrantedCallback<unknown>] | [LockOptions, LockGrantedCallback<unknown>]): Promise<unknown> {
    const [options, callback] = args.length === 1 ? [{} as LockOptions, args[0]] : args;
    const key = `parley-lock:${name}`;
    const mode = options.mode ?? 'exclusive';
    for (;;) {
      const holder = storage.getItem(key);
      // A holder found gone is replaced only if it still holds: another page may have taken it meanwhile.
      const free = !holder || (!(await alive(holder)) && storage.getItem(key) === holder);
      if (free && mode === 'shared') return callback({ name, mode });
      if (free) {
        const token = `${pageId}.${++requests}`;
        held.set(token, key);
        storage.setItem(key, token);
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        if (held.has(token) && storage.getItem(key) === token) {
          try {
            return await new Promise((resolve, reject) => {
              granted.set(token, reject);
              Promise.resolve(callback({ name, mode })).then(resolve, reject);
            });
          } finally {
            granted.delete(token);
            release(token);
          }
        }
        held.delete(token);
      }
      if (options.ifAvailable) return callback(null);
      await changed();
    }
  }
  return { request } as LockRequest;
}

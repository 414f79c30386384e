import { afterEach, describe, expect, it, vi } from 'vitest';
import { storageLocks, type LockRequest } from './storage-locks.js';

/**
 * Pages of one origin without Web Locks (plain HTTP): one `localStorage` they all read, whose
 * writes reach the other pages as `storage` events a moment later (as in a browser: not in the
 * page that wrote), and a BroadcastChannel each (Node's, which carries messages between them).
 * `test/e2e/insecure-tabs.node.test.ts` runs the real thing in Chromium.
 */
function origin() {
  const entries = new Map<string, string>();
  const pages: Array<EventTarget & { gone: boolean; frozen?: Event[] | undefined }> = [];
  const channels: BroadcastChannel[] = [];
  const channelName = `parley-lock-test-${Math.random()}`;
  const changed = (from: EventTarget, key: string) =>
    setTimeout(() => {
      for (const page of pages) {
        const event = Object.assign(new Event('storage'), { key, newValue: entries.get(key) ?? null });
        if (page !== from && !page.gone) page.frozen ? page.frozen.push(event) : page.dispatchEvent(event);
      }
    }, 5);
  /**
   * A page: its lock manager, its `storage`, `hide()` (closed: `pagehide`), `crash()` (gone without
   * a word) and `freeze()` (a long task, or frozen: what reaches it waits until `thaw()`).
   */
  const open = () => {
    const page: (typeof pages)[number] = Object.assign(new EventTarget(), { gone: false });
    pages.push(page);
    const storage = {
      getItem: (key: string) => entries.get(key) ?? null,
      setItem: (key: string, value: string) => void (entries.set(key, value), changed(page, key)),
      removeItem: (key: string) => void (entries.delete(key), changed(page, key)),
    } as Storage;
    const channel = new BroadcastChannel(channelName);
    channels.push(channel);
    const locks = storageLocks(storage, page, channel);
    return {
      locks,
      storage,
      page,
      hide: () => page.dispatchEvent(new Event('pagehide')),
      crash: () => ((page.gone = true), channel.close()),
      freeze() {
        const handler = channel.onmessage!;
        const messages: MessageEvent[] = [];
        page.frozen = [];
        channel.onmessage = (message) => void messages.push(message);
        return () => {
          const events = page.frozen!;
          page.frozen = undefined;
          channel.onmessage = handler;
          for (const message of messages) handler.call(channel, message);
          for (const event of events) page.dispatchEvent(event);
        };
      },
    };
  };
  /** The messages pages send each other, as another page's channel receives them. */
  const heard = (): unknown[] => {
    const messages: unknown[] = [];
    const channel = new BroadcastChannel(channelName);
    channel.onmessage = ({ data }) => void messages.push(data);
    channels.push(channel);
    return messages;
  };
  return { entries, open, heard, close: () => channels.forEach((channel) => channel.close()) };
}

let opened: ReturnType<typeof origin> | undefined;
afterEach(() => opened?.close());

/** Holds `name` in `locks` until `release()`; `held` once granted. */
function hold(locks: LockRequest, name: string) {
  let release!: () => void;
  const state = { held: false, done: undefined as Promise<unknown> | undefined, release: () => release() };
  state.done = locks.request(name, () => ((state.held = true), new Promise<void>((resolve) => (release = resolve))));
  return state;
}

/** How a hold's request ends: `'AbortError'` once it is lost (another page holds the name now). */
const ending = (state: ReturnType<typeof hold>) =>
  state.done!.then(
    () => 'kept',
    (error: DOMException) => error.name,
  );

/** Whether a page holds `name` now: a shared request that takes only what is free. */
const free = (locks: LockRequest, name: string) => locks.request(name, { mode: 'shared', ifAvailable: true }, (lock) => !!lock);

describe('locks over localStorage for pages without Web Locks', () => {
  it('a page holding a name keeps it from another, which waits for it, and takes it when it is let go', async () => {
    opened = origin();
    const [a, b] = [opened.open(), opened.open()];
    const first = hold(a.locks, 'c1');
    await vi.waitFor(() => expect(first.held).toBe(true));
    expect(await free(b.locks, 'c1')).toBe(false);
    const second = hold(b.locks, 'c1');
    let sharedWaitEnded = false;
    void b.locks.request('c1', { mode: 'shared' }, () => (sharedWaitEnded = true));
    // Longer than a poll and a holder's time to answer: a live holder is asked, and answers.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(second.held).toBe(false);
    expect(sharedWaitEnded).toBe(false);
    first.release();
    await first.done;
    await vi.waitFor(() => expect(second.held).toBe(true));
    expect(await free(a.locks, 'c1')).toBe(false);
    expect(await free(a.locks, 'other')).toBe(true);
    // The shared wait asked after the second page: as with Web Locks, it ends once that one lets go.
    expect(sharedWaitEnded).toBe(false);
    second.release();
    await second.done;
    await vi.waitFor(() => expect(sharedWaitEnded).toBe(true));
    expect(await free(a.locks, 'c1')).toBe(true);
    expect(opened.entries.size).toBe(0);
  });

  it('a page that goes (pagehide) lets go at once: the page waiting takes the name before its next poll', async () => {
    opened = origin();
    const [a, b] = [opened.open(), opened.open()];
    const first = hold(a.locks, 'c2');
    await vi.waitFor(() => expect(first.held).toBe(true));
    const second = hold(b.locks, 'c2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const hidden = performance.now();
    // Its request ends as lost: the page goes.
    void first.done!.catch(() => {});
    a.hide();
    await vi.waitFor(() => expect(second.held).toBe(true));
    expect(performance.now() - hidden).toBeLessThan(500);
  });

  it('a page that crashed (no pagehide, its token left in storage) is found gone: its name is free, and a page waiting since before takes it', async () => {
    opened = origin();
    const [a, b, c] = [opened.open(), opened.open(), opened.open()];
    const first = hold(a.locks, 'c3');
    await vi.waitFor(() => expect(first.held).toBe(true));
    const second = hold(b.locks, 'c3');
    // It asked, was answered, and waits.
    await new Promise((resolve) => setTimeout(resolve, 200));
    a.crash();
    const crashed = performance.now();
    expect(opened.entries.get('parley-lock:c3')).toBeDefined();
    await vi.waitFor(() => expect(second.held).toBe(true), { timeout: 5000 });
    // A poll, two questions unanswered, the claim settling.
    expect(performance.now() - crashed).toBeLessThan(3600);
    expect(await free(c.locks, 'c3')).toBe(false);
  });

  it('a holder whose page is busy for a second and a half when asked (a long task) still holds: the page waiting does not take the name', async () => {
    opened = origin();
    const [a, b] = [opened.open(), opened.open()];
    const first = hold(a.locks, 'c7');
    await vi.waitFor(() => expect(first.held).toBe(true));
    const second = hold(b.locks, 'c7');
    const thaw = a.freeze();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    thaw();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(second.held).toBe(false);
    first.release();
    await vi.waitFor(() => expect(second.held).toBe(true));
  });

  it('a holder frozen long enough to be taken for gone finds, when it comes back, that it lost the name: its request ends with an AbortError, and it takes nothing from the page holding it now', async () => {
    opened = origin();
    const [a, b, c] = [opened.open(), opened.open(), opened.open()];
    const first = hold(a.locks, 'c8');
    await vi.waitFor(() => expect(first.held).toBe(true));
    const lost = ending(first);
    const thaw = a.freeze();
    const second = hold(b.locks, 'c8');
    await vi.waitFor(() => expect(second.held).toBe(true), { timeout: 5000 });
    thaw();
    expect(await lost).toBe('AbortError');
    // Its callback ends after: the name stays the second page's.
    first.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await free(c.locks, 'c8')).toBe(false);
    second.release();
    await vi.waitFor(async () => expect(await free(c.locks, 'c8')).toBe(true));
  });

  it('a holder put in the back/forward cache (pagehide) lets go and has lost the name: shown again, it is no longer the holder', async () => {
    opened = origin();
    const [a, b] = [opened.open(), opened.open()];
    const first = hold(a.locks, 'c9');
    await vi.waitFor(() => expect(first.held).toBe(true));
    const lost = ending(first);
    a.hide();
    a.page.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(await lost).toBe('AbortError');
    const second = hold(b.locks, 'c9');
    await vi.waitFor(() => expect(second.held).toBe(true));
  });

  it('a crashed page’s name is free to a page asking (after its holder did not answer), and taken by the next to ask for it', async () => {
    opened = origin();
    const [a, b, c] = [opened.open(), opened.open(), opened.open()];
    const first = hold(a.locks, 'c5');
    await vi.waitFor(() => expect(first.held).toBe(true));
    a.crash();
    expect(await free(c.locks, 'c5')).toBe(true);
    const second = hold(b.locks, 'c5');
    await vi.waitFor(() => expect(second.held).toBe(true));
    expect(await free(c.locks, 'c5')).toBe(false);
  });

  it('a page waiting for a name asks its holder once a poll, not at every storage event of the host page (its own keys, written many times a second)', async () => {
    opened = origin();
    const [a, b, host] = [opened.open(), opened.open(), opened.open()];
    const first = hold(a.locks, 'c6');
    await vi.waitFor(() => expect(first.held).toBe(true));
    const second = hold(b.locks, 'c6');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const heard = opened.heard();
    // The ERP saves its grid's state as the person scrolls: 40 writes in 400 ms, each a storage
    // event in the waiting page.
    for (let write = 0; write < 40; write++) {
      host.storage.setItem('erp:grid-state', String(write));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const questions = heard.filter((message) => Array.isArray(message) && message.length === 2);
    // One poll fell in those 400 ms at most.
    expect(questions.length).toBeLessThanOrEqual(1);
    expect(second.held).toBe(false);
    first.release();
    await vi.waitFor(() => expect(second.held).toBe(true));
  });

  it('pages asking for a free name in the same moment hold it one at a time', async () => {
    opened = origin();
    const pages = [opened.open(), opened.open(), opened.open()];
    let holding = 0;
    let most = 0;
    const turns = pages.flatMap((page) =>
      [1, 2].map(() =>
        page.locks.request('c4', async () => {
          most = Math.max(most, ++holding);
          await new Promise((resolve) => setTimeout(resolve, 30));
          holding--;
        }),
      ),
    );
    await Promise.all(turns);
    expect(most).toBe(1);
    expect(opened.entries.size).toBe(0);
  }, 20_000);
});

/**
 * What pages sharing one stored conversation (two tabs on `localStorage`) know of each other.
 * Storage says an answer is `busy`, but not whether the page writing it is still there: a page
 * that died mid-answer left the same `busy` as one streaming beside this one. A Web Lock named
 * after the conversation is held by the page that streams into it, and the browser lets go of
 * it when that page goes, however it goes (closed, reloaded, crashed). So a page that finds an
 * answer it could take up waits for the lock (the other page finishes it, or goes and this one
 * takes it up), and a `busy` nobody holds is a dead page's.
 *
 * While it waits, a page follows what the streaming page stores (`sync()`), and a person's Stop
 * there is passed to that page (`stopHolder`): an answer that cannot be taken up too (a gateway
 * that does not resume answers, or before its first event), whose end is then taken as that page
 * left it. Decisions: `docs/decisions/pages-sharing-a-conversation-take-turns-by-web-lock.md`.
 *
 * Loaded with the answer code, not at start. A page that is not a secure context (a plain-HTTP
 * intranet host) has no Web Locks: there the same requests go to `storage-locks.ts` (the holder's
 * token in `localStorage`, its page asked over a BroadcastChannel whether it is still there),
 * fetched at the first lock asked for, so pages take turns as they do with Web Locks; a crashed
 * page's hold is found gone about three seconds later rather than at once. Only without
 * either (Node before 24.5, `localStorage` blocked) or for a tab's own storage
 * (`ConversationStorage.perTab`) is every page alone: it takes up at once, and every `busy` counts
 * as live.
 */
import type { ConversationMessage } from './conversation-message.js';
import type { checkStoredMessages } from './conversation-persistence.js';
import type { LockRequest } from './storage-locks.js';

export interface PageLock {
  /** The lock's name; empty when the conversation does not share its storage between tabs. */
  readonly name: string;
  /** While this page streams: the time it holds (or waits for) the lock. */
  period?: LockPeriod;
  /**
   * A stand-in's wait for another page to let go of an answer it follows that cannot be taken up
   * is on its way (`holdWhile`); `ending` is what runs then: the take of the latest turn waiting.
   */
  awaited?: boolean;
  ending?: () => void;
  /**
   * Stops this page's answer: a person pressed Stop in a page that waits for this one, or (with
   * `lost` set meanwhile) this page lost the lock it streamed under (`holdWhile`).
   */
  readonly stop: () => void;
  /**
   * Set while `stop` runs for a lock this page held and lost: another page took it (and the answer
   * up) while this one did not answer (`storage-locks.ts`), or it was let go as the page went into
   * the back/forward cache. The answer is that page's now: this one saves nothing over it, and
   * takes what storage holds, as a page that waits for the lock does.
   */
  lost?: boolean;
  /** Takes what storage holds (`sync()`): `now`, a `busy` there too (`waitForHolder`). */
  readonly sync: (now?: boolean) => Promise<boolean>;
  /**
   * The client cannot answer yet (`ConversationClient.standIn`): the lock is never asked for, and
   * an answer to take up waits, unlocked, for the conversation built anew, not the tabs beside it.
   * An answer another page streams is followed all the same; one that cannot be taken up is taken
   * as that page leaves it, once it lets go (`holdWhile`).
   */
  readonly standIn?: boolean | undefined;
  /** What this page last took from storage (`checkFollowed`). */
  followed?: { texts: string[]; messages: ConversationMessage[] };
  /**
   * Another page holds the lock: `waitForHolder` found it so, then the last take (`checkFollowed`)
   * ended with the answer that page streams. That answer is followed as a turn waiting for the
   * lock, taken up or not.
   */
  live?: boolean;
  /**
   * The last take showed the answer otherwise than a page that goes leaves it: an action running
   * (it runs in the page that holds the lock), or an answer that cannot be taken up, unfinished.
   * Once this page holds the lock, the transcript is taken again (that action, or that answer, as
   * left by a closed page) before the answer is taken up, even if storage did not change.
   */
  retake?: boolean;
}

interface LockPeriod {
  held: boolean;
  /** While held: where a page that waits asks this one to stop (`stopHolder`). */
  channel?: BroadcastChannel | undefined;
  ended: boolean;
  /** What runs once it is held: the take-up of the one restored answer waiting (the latest). */
  granted?: (() => void) | undefined;
  end(): void;
}

/**
 * Where a page without Web Locks takes turns: `storage-locks.ts`, fetched at its first request
 * (`docs/decisions/pages-without-web-locks-take-turns-over-local-storage.md`), or `null` when it
 * has nothing to take them with (no `localStorage`, blocked or missing, no BroadcastChannel, no
 * window: Node). Looked up once, at the first lock asked for.
 */
let stand: LockRequest | undefined | null;

function managerOf(lock: PageLock): LockRequest | undefined {
  if (!lock.name) return undefined;
  const page = globalThis as Partial<Window & typeof globalThis>;
  if (page.navigator?.locks) return page.navigator.locks;
  if (stand === undefined) {
    try {
      // Not `loadOnce`: a module of the start code imported here would move into this chunk.
      // A failed fetch is forgotten all the same, and tried again at the next request.
      let loading: Promise<LockRequest> | undefined;
      const load = (): Promise<LockRequest> =>
        (loading ??= import('./storage-locks.js').then(
          (code) => code.storageLocks(page.localStorage!, page as Window, new BroadcastChannel('parley-lock')),
          (error: unknown) => {
            loading = undefined;
            throw error;
          },
        ));
      const request = (...args: Parameters<LockManager['request']>) => load().then((locks) => locks.request(...args));
      stand = page.localStorage && page.addEventListener && typeof BroadcastChannel == 'function' ? { request: request as LockManager['request'] } : null;
    } catch {
      // Reading `localStorage` throws where the person blocks site data.
      stand = null;
    }
  }
  return stand ?? undefined;
}

/**
 * Holds the lock while this page streams (what storage marks `busy`) and lets go when it stops.
 * `then` runs once it is held: at once when no other page holds it, or when that page lets go.
 */
export function holdWhile(lock: PageLock, streaming: boolean, then?: () => void): void {
  const manager = managerOf(lock);
  if (!streaming) return lock.period?.end();
  if (lock.standIn) return void (then && manager && lock.live && lock.retake && awaitHolder(lock, manager, then));
  if (!manager) return then?.();
  let period = lock.period;
  if (!period) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const current: LockPeriod = (period = lock.period =
      {
        held: false,
        ended: false,
        end() {
          current.ended = true;
          current.channel?.close();
          if (lock.period === current) lock.period = undefined;
          release();
        },
      });
    const hold = (): void => {
      if (current.ended || current.held) return;
      current.held = true;
      if (typeof BroadcastChannel == 'function') (current.channel = new BroadcastChannel(lock.name)).onmessage = lock.stop;
      current.granted?.();
    };
    // The last write of the page that held it may reach this page after its lock does (the two
    // travel apart): a page that followed that answer waits a moment for it, not to take the
    // answer up again or show it interrupted for nothing. Not held meanwhile, it still follows:
    // a storage event takes what that page wrote as live (a busy one too, written before the
    // last), and a Stop here is not saved over that page's answer (`stopHolder`).
    const take = (): void => void (lock.live && current.granted ? setTimeout(hold, lateWriteMs) : hold());
    // Lost while held (a lock kept in storage, `lost`): this page stops streaming there, writing
    // nothing more, and takes the turn of the page that holds it now. Refused (an opaque origin):
    // this page goes on as if alone.
    const lose = (): void => {
      current.end();
      lock.lost = true;
      lock.stop();
      lock.lost = false;
      void lock.sync();
    };
    let granted = false;
    manager.request(lock.name, () => ((granted = true), take(), released)).catch(() => (granted ? current.ended || lose() : take()));
  }
  // One turn waits at a time: a later one (the answer followed from storage) replaces the last.
  if (then) period.held ? then() : (period.granted = then);
}

/**
 * A stand-in asks for no turn, but an answer it follows that no page can take up ends when the page
 * streaming it lets go, however it goes (a shared request, granted then): `then` takes it as that
 * page left it, finished or interrupted with what came, after the moment its last write may take.
 */
function awaitHolder(lock: PageLock, manager: LockRequest, then: () => void): void {
  lock.ending = then;
  if (lock.awaited) return;
  lock.awaited = true;
  void manager
    .request(lock.name, { mode: 'shared' }, () => {})
    // Refused (the page went into the back/forward cache meanwhile): taken as left there too.
    .catch(() => {})
    .then(() => setTimeout(() => ((lock.awaited = lock.live = false), lock.ending!()), lateWriteMs));
}

/**
 * `sync()` finding the transcript another page stores `busy`: `lock.sync(true)` takes it now, or it
 * waits (`false`). Now, as a page opened mid-answer takes it, whenever another page holds the lock
 * (it streams that answer): a turn waiting for the lock, which follows what that page stores (Stop
 * asks that page to stop; no send meanwhile), and takes the end when it lets go: taken up if it
 * can be (`resumeAfter`: its page held the lock before it wrote that) and that page went, else as
 * that page left it (finished, or interrupted with what came). Showing the older transcript until
 * the end instead offered a send that wrote it over that page's (a lost turn), or, refused as
 * stale, did nothing a person could see. Now too when no page holds it (a dead page's `busy`):
 * taken as left, and taken up if it can be. A `busy` that cannot be taken up is looked at twice a
 * moment apart first (a page that just sent has said `busy` before its answer code is in and it
 * asks for the lock). A stand-in (`PageLock.standIn`) follows it too, asking for no lock: such an
 * answer is taken as left once that page lets go (`awaitHolder`), one that can be taken up waits
 * for the conversation built anew. With no lock at all (`managerOf`) every `busy` is live: it waits.
 */
export function waitForHolder(lock: PageLock, stored: { messages: unknown[] }): Promise<boolean> {
  const manager = managerOf(lock);
  if (!manager) return Promise.resolve(false);
  const last = stored.messages[stored.messages.length - 1] as Partial<ConversationMessage> | undefined;
  // Unfinished, with where it got to: what `checkStoredMessages` gives back to be taken up.
  const resumable = !!last?.resumeAfter && last.finishReason === undefined && last.error === undefined;
  const free = (): Promise<boolean> => manager.request(lock.name, { mode: 'shared', ifAvailable: true }, (got) => !!got);
  return free()
    .then((once) => (once && !resumable ? new Promise((resolve) => setTimeout(resolve, liveWithinMs)).then(free) : once))
    .then((gone) => {
      lock.live = !gone;
      return lock.sync(true);
    })
    // Refused (an opaque origin): a page alone, where every `busy` is live; nothing is taken.
    .catch(() => false);
}

/** How long a page that has just sent may take to hold the lock (its answer code loading). */
const liveWithinMs = 1000;
/** How long a page granted the lock of an answer it followed waits for the last write of the page that held it. */
const lateWriteMs = 250;

/**
 * A person pressed Stop in this page while it waits for the lock (or, a stand-in client, waits
 * without asking for it): the answer they see streams in the page holding it, so that page is
 * asked to stop it (its Stop, saved there and synced here). `true` when it was asked: this page's
 * copy is older, and must not be saved over that page's. A stand-in cannot know that a page holds
 * it (it may be the only page, the answer left by a reload): it saves its Stop too, and a page
 * that was streaming saves its own after it, over it.
 */
export function stopHolder(lock: PageLock): boolean {
  if (!managerOf(lock) || lock.period?.held || typeof BroadcastChannel != 'function') return false;
  const channel = new BroadcastChannel(lock.name);
  channel.postMessage('stop');
  channel.close();
  return !lock.standIn;
}

/**
 * The transcript another page stored, its messages checked (`check`, the zod schemas) where they
 * changed. A page that waits follows the answer another streams by taking what it stores, twice a
 * second, and a long history checked whole each time cost tens of ms (1,000 messages). A message
 * stored as it was at the last take is taken as that check gave it (the same object, which no
 * renderer need look at again); the last one is always checked (`busy` says how it comes back),
 * and so is all of it when the last check left a message out (unreadable, or an id twice): the
 * ones after it no longer line up.
 */
export function checkFollowed(lock: PageLock, stored: { messages: unknown[]; busy?: boolean | undefined }, id: string, check: typeof checkStoredMessages): ConversationMessage[] {
  const texts = stored.messages.map((message) => JSON.stringify(message));
  const last = lock.followed;
  let same = 0;
  if (last && last.messages.length === last.texts.length) while (same < texts.length - 1 && texts[same] === last.texts[same]) same++;
  const kept = last ? last.messages.slice(0, same) : [];
  const ids = new Set(kept.map((message) => message.id));
  // Another page holds the lock (this one follows, or waits for it): an action running in its
  // answer runs there, and is shown running, not as left by a closed page, until its result is
  // stored. Once this page holds the lock (that page went), it is taken as left.
  const live = !!stored.busy && !!(lock.period ? !lock.period.held : lock.live);
  const steps = check(stored.messages.slice(same), id, stored.busy, live);
  let step;
  while (!(step = steps.next()).done);
  const messages = [...kept, ...step.value.filter((message) => !ids.has(message.id))];
  const end = messages[messages.length - 1];
  lock.live = live && end?.role === 'assistant';
  lock.retake = lock.live && (!end!.resumeAfter || end!.parts.some((part) => part.type === 'tool-call' && part.state === 'running'));
  // Frozen: the store changes a message it is given in place until its next snapshot, and these
  // are kept for the next take.
  for (const message of messages) Object.freeze(message);
  // A copy: the store takes `messages` as its own array.
  lock.followed = { texts, messages: messages.slice() };
  return messages;
}

/**
 * Whether storage holds a message this page has not got (`messages`): another page's turn, which
 * this page's older copy and a new turn would go over (`fresh` in create-conversation). An older
 * copy of this page's own (a write storage did not keep, one still on its way, a key deleted) is
 * not. With no lock at all, never: a `busy` a closed page left is never taken there, and every send
 * would be refused.
 */
export function movedOn(lock: PageLock, stored: { messages: unknown[] } | null, messages: readonly ConversationMessage[]): boolean {
  if (!managerOf(lock) || !stored) return false;
  const ids = new Set(messages.map((message) => message.id));
  return stored.messages.some((message) => !ids.has((message as ConversationMessage).id));
}

/**
 * Where a conversation keeps its messages and the unsent draft between page loads. Values are
 * strings (JSON written by the conversation); each method may be synchronous or return a promise,
 * so IndexedDB- or server-backed stores fit as well as `localStorage`.
 *
 * An adapter should never throw: storage that is missing, blocked or full is not the user's
 * problem. The built-in ones swallow those failures and simply keep nothing.
 */
export interface ConversationStorage {
  /** The stored value, or `null`/`undefined` when there is none. */
  get(key: string): string | null | undefined | Promise<string | null | undefined>;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: string): void | Promise<void>;
  /** Deletes `key` (a no-op when it is absent). */
  remove(key: string): void | Promise<void>;
  /**
   * `true` when no other tab reads this store (`sessionStorage`, memory). Otherwise pages sharing
   * it take turns through a Web Lock named after the conversation's key (on a page that is not a
   * secure context, which has none, a lock kept in `localStorage`): a tab that finds an answer
   * another tab streams waits for that tab instead of taking the answer up beside it.
   */
  readonly perTab?: boolean;
}

type WebStorageName = 'localStorage' | 'sessionStorage';

function webStorageAdapter(name: WebStorageName): ConversationStorage {
  // Looked up on every call, never at import: the module must load in Node and workers, and
  // merely reading `window.localStorage` throws a SecurityError in sandboxed iframes or when
  // the user blocks site data.
  const area = (): Storage | undefined => {
    try {
      return (globalThis as { [key in WebStorageName]?: Storage })[name];
    } catch {
      return undefined;
    }
  };
  return {
    perTab: name === 'sessionStorage',
    get(key) {
      try {
        return area()?.getItem(key) ?? null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        area()?.setItem(key, value);
      } catch {
        // QuotaExceededError or blocked storage: the conversation goes on without persistence.
      }
    },
    remove(key) {
      try {
        area()?.removeItem(key);
      } catch {
        // Same as above: nothing useful to tell the user.
      }
    },
  };
}

/** Keeps conversations across reloads and browser restarts (per origin). Safe to call in Node (keeps nothing). */
export function localStorageAdapter(): ConversationStorage {
  return webStorageAdapter('localStorage');
}

/** Keeps conversations across reloads of this tab only; gone when the tab closes. Safe to call in Node (keeps nothing). */
export function sessionStorageAdapter(): ConversationStorage {
  return webStorageAdapter('sessionStorage');
}

/** An in-memory store: survives re-creating the conversation object, not a reload. Useful in tests and Node. */
export function memoryStorage(initial?: Record<string, string>): ConversationStorage & { readonly entries: ReadonlyMap<string, string> } {
  const entries = new Map<string, string>(Object.entries(initial ?? {}));
  return {
    entries,
    perTab: true,
    get: (key) => entries.get(key) ?? null,
    set: (key, value) => void entries.set(key, value),
    remove: (key) => void entries.delete(key),
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import { localStorageAdapter, memoryStorage, sessionStorageAdapter } from './storage.js';

/** A Web Storage stand-in; `quota` makes every write fail like a full disk does. */
function fakeWebStorage(quota = Infinity): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    key: (index) => [...data.keys()][index] ?? null,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      if (value.length > quota) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      data.set(key, value);
    },
    removeItem: (key) => void data.delete(key),
  };
}

const globals = globalThis as { localStorage?: unknown; sessionStorage?: unknown };
afterEach(() => {
  delete globals.localStorage;
  delete globals.sessionStorage;
});

describe('storage adapters', () => {
  it('keep nothing, and never throw, where there is no Web Storage (Node, workers)', () => {
    expect('localStorage' in globalThis).toBe(false);
    for (const storage of [localStorageAdapter(), sessionStorageAdapter()]) {
      expect(() => storage.set('k', 'v')).not.toThrow();
      expect(storage.get('k')).toBeNull();
      expect(() => storage.remove('k')).not.toThrow();
    }
  });

  it('read and write the Web Storage that exists when they are called, not at import', () => {
    const adapter = localStorageAdapter();
    globals.localStorage = fakeWebStorage();
    adapter.set('parley:draft:a', 'hello');
    expect(adapter.get('parley:draft:a')).toBe('hello');
    adapter.remove('parley:draft:a');
    expect(adapter.get('parley:draft:a')).toBeNull();
    globals.sessionStorage = fakeWebStorage();
    sessionStorageAdapter().set('x', 'y');
    expect((globals.sessionStorage as Storage).getItem('x')).toBe('y');
  });

  it('degrade silently when storage is full or blocked', () => {
    globals.localStorage = fakeWebStorage(3);
    const adapter = localStorageAdapter();
    expect(() => adapter.set('k', 'too long')).not.toThrow();
    expect(adapter.get('k')).toBeNull();
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get: () => { throw new DOMException('Blocked', 'SecurityError'); } });
    expect(adapter.get('k')).toBeNull();
    expect(() => adapter.set('k', 'v')).not.toThrow();
    expect(() => adapter.remove('k')).not.toThrow();
  });

  it('memoryStorage keeps values for the life of the object', () => {
    const storage = memoryStorage({ a: '1' });
    expect(storage.get('a')).toBe('1');
    storage.set('b', '2');
    storage.remove('a');
    expect([...storage.entries]).toEqual([['b', '2']]);
  });
});

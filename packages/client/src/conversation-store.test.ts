import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from './conversation-message.js';
import { ConversationStore } from './conversation-store.js';

/** A store whose batches end when the test says so. */
function manualStore() {
  const pending: Array<() => void> = [];
  const store = new ConversationStore('c1', () => undefined, (flush) => void pending.push(flush));
  return { store, endBatch: () => pending.splice(0).forEach((flush) => flush()) };
}

const message = (id: string, text: string): ConversationMessage => ({ id, role: 'assistant', parts: [{ type: 'text', text }], createdAt: 0 });

describe('ConversationStore', () => {
  it('copies a changed message once per batch and leaves the others (and old snapshots) alone', () => {
    const { store, endBatch } = manualStore();
    store.setMessages([message('a', 'kept'), message('b', '')]);
    const before = store.getSnapshot();
    let notified = 0;
    store.subscribe(() => void notified++);
    for (let index = 0; index < 1_000; index++) store.updateMessage('b', (draft) => void (draft.part<{ type: 'text'; text: string }>(0).text += 'x'));
    endBatch();
    const after = store.getSnapshot();
    expect(notified).toBe(1);
    expect(after.messages[0]).toBe(before.messages[0]);
    expect(after.messages[1]).not.toBe(before.messages[1]);
    expect(after.messages[1]!.parts[0]).toEqual({ type: 'text', text: 'x'.repeat(1_000) });
    expect(before.messages[1]!.parts[0]).toEqual({ type: 'text', text: '' });
    expect(Object.isFrozen(after.messages[1])).toBe(true);
    expect(Object.isFrozen(after.messages[1]!.parts)).toBe(true);
    expect(Object.isFrozen(after.messages[1]!.parts[0])).toBe(true);
  });

  it('does not notify when nothing changed, and getSnapshot is current before the batch ends', () => {
    const { store, endBatch } = manualStore();
    let notified = 0;
    store.subscribe(() => void notified++);
    store.setState({ status: 'idle', error: null, draft: '' });
    endBatch();
    expect(notified).toBe(0);
    store.setState({ draft: 'typing' });
    expect(store.getSnapshot().draft).toBe('typing');
    endBatch();
    expect(notified).toBe(1);
  });

  it('a listener that unsubscribes or throws does not stop the others', () => {
    const { store, endBatch } = manualStore();
    const calls: string[] = [];
    const original = console.error;
    console.error = () => undefined;
    try {
      const off = store.subscribe(() => { calls.push('first'); off(); });
      store.subscribe(() => { throw new Error('render bug'); });
      store.subscribe(() => void calls.push('third'));
      store.setState({ draft: 'a' });
      endBatch();
      store.setState({ draft: 'b' });
      endBatch();
    } finally {
      console.error = original;
    }
    expect(calls).toEqual(['first', 'third', 'third']);
  });
});

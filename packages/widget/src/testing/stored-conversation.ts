import { memoryStorage, type ConversationStorage } from '@parley/client';

/** Where a conversation is stored (the client's own key). */
export const conversationStorageKey = (id: string): string => `parley:conversation:${id}`;

/** The storage key and value under which a conversation of `messages` is stored, as a reload finds it. */
export function conversationEntry(id: string, messages: readonly object[]): [key: string, value: string] {
  return [conversationStorageKey(id), JSON.stringify({ v: 1, id, messages })];
}

/** A storage adapter (`chat.storage`) that already holds conversation `id`. */
export function storedConversation(id: string, messages: readonly object[]): ConversationStorage {
  return memoryStorage(Object.fromEntries([conversationEntry(id, messages)]));
}

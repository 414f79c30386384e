import { chatEventSchema, type ChatEvent } from '@parley/client';
import { postJson, readSseData } from './read-sse.js';

/** Calls `/api/chat` and returns its events, each validated against the ChatEvent schema. */
export async function nativeEvents(baseUrl: string, body: unknown, headers: Record<string, string> = {}): Promise<ChatEvent[]> {
  const response = await postJson(`${baseUrl}/api/chat`, body, headers);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return (await readSseData(response)).map((data) => chatEventSchema.parse(JSON.parse(data)));
}

export function textOf(events: ChatEvent[]): string {
  return events.map((event) => (event.type === 'text-delta' ? event.delta : '')).join('');
}

export function reasoningOf(events: ChatEvent[]): string {
  return events.map((event) => (event.type === 'reasoning-delta' ? event.delta : '')).join('');
}

export function citedDocuments(events: ChatEvent[]): string[] {
  return events.flatMap((event) => (event.type === 'citation' ? [String(event.citation.meta?.['documentId'] ?? '')] : []));
}

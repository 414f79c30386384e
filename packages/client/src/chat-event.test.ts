import { describe, expect, it } from 'vitest';
import { toJSONSchema } from 'zod/mini';
import { chatEventSchema } from './chat-event.js';
import { chatMessageSchema, toolDefinitionSchema } from './chat-message.js';
import { conversationMessageSchema } from './conversation-message.js';

describe('chatEventSchema', () => {
  it('accepts every event of the native protocol', () => {
    const events = [
      { type: 'start', messageId: 'm1', model: 'deepseek-r1' },
      { type: 'reasoning-delta', delta: '先查合同' },
      { type: 'text-delta', delta: 'Net 30 [1]' },
      { type: 'citation', citation: { id: '1', title: 'ACME supply agreement', page: 4 } },
      { type: 'tool-call', toolCall: { id: 'c1', name: 'create_po', args: { qty: 10 } } },
      { type: 'status', status: { id: 's1', label: 'Searching', state: 'running' } },
      { type: 'data', name: 'chart', data: [1, 2] },
      { type: 'usage', usage: { inputTokens: 3, outputTokens: 5 } },
      { type: 'finish', reason: 'stop' },
      { type: 'error', error: { code: 'timeout', message: 'stalled' } },
    ];
    for (const event of events) expect(chatEventSchema.safeParse(event).success, event.type).toBe(true);
  });

  it('rejects unknown types and wrong payloads', () => {
    expect(chatEventSchema.safeParse({ type: 'text', delta: 'x' }).success).toBe(false);
    expect(chatEventSchema.safeParse({ type: 'finish', reason: 'done' }).success).toBe(false);
    expect(chatEventSchema.safeParse({ type: 'status', status: { id: 's', label: 'x', state: 'maybe' } }).success).toBe(false);
  });
});

describe('the exported wire and storage schemas', () => {
  // A gateway team documents Parley's native protocol (or validates it server-side) from these.
  it.each([
    ['chatEventSchema', chatEventSchema],
    ['chatMessageSchema', chatMessageSchema],
    ['toolDefinitionSchema', toolDefinitionSchema],
    ['conversationMessageSchema', conversationMessageSchema],
  ] as const)('%s converts to JSON Schema', (_name, schema) => {
    const json = toJSONSchema(schema) as { anyOf?: unknown[]; oneOf?: unknown[]; type?: string };
    expect(json.anyOf ?? json.oneOf ?? json.type).toBeTruthy();
  });

  it('describes citation metadata and tool parameters as open objects', () => {
    const json = JSON.stringify(toJSONSchema(chatEventSchema));
    expect(json).toContain('"meta":{"type":"object","properties":{},"additionalProperties":{}}');
    expect(JSON.stringify(toJSONSchema(toolDefinitionSchema))).toContain('"parameters":{"type":"object","properties":{},"additionalProperties":{}}');
  });

  it('accepts any JSON object as citation metadata or tool parameters, and nothing else', () => {
    const citation = (meta: unknown) => chatEventSchema.safeParse({ type: 'citation', citation: { id: '1', meta } });
    const tool = (parameters: unknown) => toolDefinitionSchema.safeParse({ name: 'create_po', parameters });
    for (const value of [{}, { date: '2024-05-01', page: { from: 3, to: 4 } }, JSON.parse('{"nested":[1,{"a":null}]}')]) {
      expect(citation(value).success).toBe(true);
      expect(tool(value).success).toBe(true);
    }
    for (const value of [[], null, 'x', 3]) {
      expect(citation(value).success).toBe(false);
      expect(tool(value).success).toBe(false);
    }
    const parsed = chatEventSchema.parse({ type: 'citation', citation: { id: '1', meta: JSON.parse('{"__proto__":{"polluted":true},"date":"2024"}') } });
    expect(parsed.type === 'citation' && parsed.citation.meta).toEqual({ date: '2024' });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});

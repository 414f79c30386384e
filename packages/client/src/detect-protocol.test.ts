import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay } from './testing/replay.js';

const fixture = (path: string) => readFileSync(new URL(`../test-fixtures/${path}`, import.meta.url));

describe("protocol: 'auto'", () => {
  it('reads a chat-completions stream as openai, with the same result as naming it', async () => {
    const bytes = fixture('openai/deepseek-reasoner.sse');
    const named = await replay('openai', bytes);
    for (const slicing of ['whole', 1, { seed: 7 }] as const) expect((await replay('auto', bytes, slicing)).result).toEqual(named.result);
  });

  it('reads native ChatEvents as parley, even though `start` alone could be the AI SDK', async () => {
    const bytes = fixture('parley/complete.sse');
    expect((await replay('auto', bytes, 1)).events).toEqual((await replay('parley', bytes)).events);
  });

  it('sends the native request body plus stream: true', async () => {
    const { requests } = await replay('auto', fixture('parley/complete.sse'), 'whole', {
      client: { model: 'm' },
      stream: { messages: [{ role: 'user', content: 'Hi' }], context: { page: 'po' } },
    });
    expect(requests[0]).toEqual({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], context: { page: 'po' }, stream: true });
  });

  it('picks ollama for NDJSON, anthropic for message_start, openai-responses for response.*, dify for {"event":…}', async () => {
    const cases = [
      {
        body: '{"model":"qwen3","created_at":"2026-11-30T00:00:00Z","message":{"role":"assistant","content":"Hi"},"done":false}\n{"model":"qwen3","created_at":"2026-11-30T00:00:01Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":1}\n',
        contentType: 'application/x-ndjson',
      },
      {
        body:
          'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
          'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
          'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
          'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n' +
          'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}\n\n' +
          'event: message_stop\ndata: {"type":"message_stop"}\n\n',
        contentType: 'text/event-stream',
      },
      {
        body:
          'event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_1","model":"gpt-5","status":"in_progress"}}\n\n' +
          'event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}\n\n' +
          'event: response.completed\ndata: {"type":"response.completed","sequence_number":2,"response":{"id":"resp_1","status":"completed","output":[],"usage":{"input_tokens":3,"output_tokens":1,"total_tokens":4}}}\n\n',
        contentType: 'text/event-stream',
      },
      {
        body:
          'event: ping\n\n' +
          'data: {"event":"message","task_id":"t1","message_id":"m1","conversation_id":"c1","answer":"Hi","created_at":1}\n\n' +
          'data: {"event":"message_end","task_id":"t1","message_id":"m1","conversation_id":"c1","metadata":{"usage":{"prompt_tokens":3,"completion_tokens":1}}}\n\n',
        contentType: 'text/event-stream',
      },
    ];
    for (const { body, contentType } of cases) {
      const { result } = await replay('auto', body, 3, { contentType });
      expect(result.text, body.slice(0, 40)).toBe('Hi');
      expect(result.error).toBeNull();
    }
  });

  it('sniffs NDJSON when the content type says nothing useful', async () => {
    const body = '{"model":"qwen3","created_at":"x","message":{"role":"assistant","content":"Hi"},"done":false}\n{"model":"qwen3","created_at":"y","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop"}\n';
    const { result } = await replay('auto', body, 'whole', { contentType: 'text/plain' });
    expect(result).toMatchObject({ text: 'Hi', error: null });
  });

  it('ends with bad_response when no known protocol fits', async () => {
    const body = Array.from({ length: 40 }, () => 'data: {"hello":"world"}\n\n').join('');
    const { result } = await replay('auto', body);
    expect(result).toMatchObject({ finishReason: 'error', error: { code: 'bad_response' } });
  });
});

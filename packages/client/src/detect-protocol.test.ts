import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { replay, replayFetch, replayResult } from './testing/replay.js';

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

const adapterModules = {
  openai: './protocols/openai.js',
  'openai-responses': './protocols/openai-responses.js',
  anthropic: './protocols/anthropic.js',
  ollama: './protocols/ollama.js',
  'ai-sdk': './protocols/ai-sdk.js',
  dify: './protocols/dify.js',
  parley: './protocols/parley.js',
};

const anthropicBody =
  'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude","content":[],"usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
  'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":1}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';

/** A client on a fresh module graph, so the adapter modules it imports can be watched or failed. */
async function freshClient(fetch: typeof globalThis.fetch, idleTimeoutMs = 0, url = 'https://gateway.test/v1/chat') {
  const { createClient } = await import('./create-client.js');
  return createClient({ url, retry: false, idleTimeoutMs, fetch });
}
const ask = { messages: [{ role: 'user' as const, content: 'Hello' }] };
const sse = { headers: { 'content-type': 'text/event-stream' } };

/** Fresh modules, with the names of the adapters imported from now on, in order. */
function recordAdapterImports(): string[] {
  vi.resetModules();
  const imported: string[] = [];
  for (const [name, path] of Object.entries(adapterModules)) {
    vi.doMock(path, async () => {
      imported.push(name);
      return vi.importActual(path);
    });
  }
  return imported;
}

/** Fresh modules, where the openai adapter's first import fails (a chunk the network dropped) and later ones load it; counts the imports. */
function failFirstOpenaiImport(): { readonly count: number } {
  vi.resetModules();
  const imports = { count: 0 };
  vi.doMock(adapterModules.openai, async () => {
    if (imports.count++ === 0) throw new Error('Failed to fetch dynamically imported module');
    return vi.importActual(adapterModules.openai);
  });
  return imports;
}

describe("protocol: 'auto' loads only the adapter the response speaks", () => {
  afterEach(() => {
    for (const path of Object.values(adapterModules)) vi.doUnmock(path);
    vi.resetModules();
  });

  it('an OpenAI response imports the openai adapter and none of the others; an Anthropic one then adds anthropic', async () => {
    const imported = recordAdapterImports();
    const openaiBytes = fixture('openai/deepseek-reasoner.sse');
    const client = await freshClient(replayFetch([openaiBytes], sse));
    const result = await client.stream(ask).result;
    // The native adapter comes with the detection (it shares the request body).
    expect(imported.sort()).toEqual(['openai', 'parley']);

    const anthropicClient = await freshClient(replayFetch([new TextEncoder().encode(anthropicBody)], sse));
    expect(await anthropicClient.stream(ask).result).toMatchObject({ text: 'Hi', error: null });
    expect(imported.sort()).toEqual(['anthropic', 'openai', 'parley']);
    expect(result).toEqual((await replay('openai', openaiBytes)).result);
  });

  it('an endpoint path only one protocol answers on starts loading its adapter with preload(), before any request', async () => {
    const imported = recordAdapterImports();
    const bytes = fixture('openai/deepseek-reasoner.sse');
    const fetch = vi.fn(replayFetch([bytes], sse));
    // A path several protocols share tells nothing: only the detection (with the native adapter) loads.
    await (await freshClient(fetch, 0, 'https://gateway.test/api/chat')).preload?.();
    await vi.waitFor(() => expect(imported).toEqual(['parley']));

    const client = await freshClient(fetch, 0, 'https://gateway.test/v1/chat/completions?api-version=2');
    await client.preload?.();
    await vi.waitFor(() => expect(imported.sort()).toEqual(['openai', 'parley']));
    expect(fetch).not.toHaveBeenCalled();
    expect(await client.stream(ask).result).toEqual((await replay('openai', bytes)).result);
    expect(imported.sort()).toEqual(['openai', 'parley']);
  });

  it('a head start that fails is no error: the response loads the adapter again', async () => {
    const loads = failFirstOpenaiImport();
    const bytes = fixture('openai/deepseek-reasoner.sse');
    const client = await freshClient(replayFetch([bytes], sse), 0, 'https://gateway.test/v1/chat/completions');
    await client.preload?.();
    await vi.waitFor(() => expect(loads.count).toBe(1));
    expect(await client.stream(ask).result).toEqual((await replay('openai', bytes)).result);
    expect(loads.count).toBe(2);
  });

  it('an adapter that fails to load ends the stream with a retryable network error, and the next stream loads it again', async () => {
    const loads = failFirstOpenaiImport();
    const bytes = fixture('openai/deepseek-reasoner.sse');
    const client = await freshClient(replayFetch([bytes], sse));
    const failed = client.stream(ask);
    const events = [];
    for await (const event of failed) events.push(event);
    expect(events).toEqual([
      { type: 'error', error: { code: 'network', message: expect.stringContaining('The openai protocol could not be loaded: '), retryable: true } },
      { type: 'finish', reason: 'error' },
    ]);
    expect(await failed.result).toMatchObject({ text: '', finishReason: 'error', error: { code: 'network', retryable: true } });

    const retried = await client.stream(ask).result;
    expect(retried).toEqual((await replay('openai', bytes)).result);
    expect(loads.count).toBe(2);
  });

  it('ends with timeout when the adapter never arrives (a proxy holding its chunk), like a silent gateway', async () => {
    vi.resetModules();
    vi.doMock(adapterModules.openai, () => new Promise(() => {}));
    const client = await freshClient(replayFetch([fixture('openai/deepseek-reasoner.sse')], sse), 50);
    expect(await client.stream(ask).result).toMatchObject({ text: '', finishReason: 'error', error: { code: 'timeout', retryable: true } });
  });

  it('aborts at once while the adapter loads', async () => {
    vi.resetModules();
    let loading = (): void => undefined;
    const started = new Promise<void>((resolve) => (loading = resolve));
    vi.doMock(adapterModules.openai, () => {
      loading();
      return new Promise(() => {});
    });
    const client = await freshClient(replayFetch([fixture('openai/deepseek-reasoner.sse')], sse));
    const stream = client.stream(ask);
    await started;
    stream.abort();
    expect(await stream.result).toMatchObject({ text: '', finishReason: 'abort', error: { code: 'abort' } });
  });
});

/** (WIRE-FORMATS.md §5, "Error event"): the documented top-level error shape, as the first frame. */
describe('auto detection of a Responses error frame', () => {
  it('reads the documented top-level {type:"error",code,message,param,sequence_number} as openai-responses', async () => {
    const body = 'event: error\ndata: {"type":"error","code":"rate_limit_exceeded","message":"Slow down","param":null,"sequence_number":0}\n\n';
    const named = await replayResult('openai-responses', body);
    expect(named.error).toMatchObject({ code: 'rate_limit_exceeded', message: 'Slow down' });
    const auto = await replayResult('auto', body);
    expect(auto.error).toEqual(named.error);
  });
});

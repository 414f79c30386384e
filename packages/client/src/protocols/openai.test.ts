import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay, replayResult, standardSlicings } from '../testing/replay.js';
import { openai } from './openai.js';

const fixture = (name: string) => readFileSync(new URL(`../../test-fixtures/openai/${name}.sse`, import.meta.url));

/** Replays a fixture whole, in 1-byte slices and at seeded random cuts; every cut must give the same events. */
async function replayEveryCut(name: string) {
  const bytes = fixture(name);
  const whole = await replay('openai', bytes);
  for (const slicing of standardSlicings()) {
    const cut = await replay('openai', bytes, slicing);
    expect(cut.events, `${name} cut ${JSON.stringify(slicing)}`).toEqual(whole.events);
    expect(cut.result).toEqual(whole.result);
  }
  return whole;
}

describe('openai protocol', () => {
  it('reads DeepSeek reasoner: reasoning_content first, CJK and emoji across cuts, the choices:[] usage chunk', async () => {
    const { result, events } = await replayEveryCut('deepseek-reasoner');
    expect(result).toEqual({
      text: '付款条件是 **Net 30**（见合同第 4 页）。',
      reasoning: '用户问付款条件。合同第4页写的是 Net 30 🙂',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 31, outputTokens: 58, reasoningTokens: 40 },
      error: null,
    });
    expect(events[0]).toEqual({ type: 'start', messageId: 'chatcmpl-1', model: 'deepseek-reasoner' });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it("reads vLLM's newer `reasoning` beside Qwen's empty content, keeps the last running usage, CRLF lines", async () => {
    const { result } = await replayEveryCut('vllm-reasoning');
    expect(result.reasoning).toBe('The user wants a greeting.');
    expect(result.text).toBe('Hello! How can I help?');
    expect(result.usage).toEqual({ inputTokens: 12, outputTokens: 13 });
    expect(result.finishReason).toBe('length');
  });

  it('splits inline <think> tags that are cut across chunks', async () => {
    const { result } = await replayEveryCut('think-inline');
    expect(result.reasoning).toBe('Net 30 or Net 60? Check the contract.');
    expect(result.text).toBe('Net 30 [1].');
  });

  it('reads text before a lone </think> as reasoning when the template swallowed <think>', async () => {
    const { result } = await replayEveryCut('think-lone-close');
    expect(result.reasoning).toBe('Okay, the user asks about 2+2.\n');
    expect(result.text).toBe('2 + 2 = 4. Note: `</think>` in an answer stays.');
  });

  it('joins interleaved tool-call fragments by index, including a fragment cut mid-escape', async () => {
    const { result } = await replayEveryCut('tool-calls-interleaved');
    expect(result.toolCalls).toEqual([
      { id: 'call_a', name: 'lookup_order', args: { order: 'PO-7' } },
      { id: 'call_b', name: 'create_po', args: { note: 'say "hi" 😀', qty: 10 } },
    ]);
    expect(result.finishReason).toBe('tool-calls');
    expect(result.text).toBe('');
    expect(result.usage).toEqual({ inputTokens: 80, outputTokens: 31 });
  });

  it('cites each Perplexity URL once and ignores the cumulative `message`', async () => {
    const { result } = await replayEveryCut('perplexity-citations');
    expect(result.text).toBe('Net 30 [1] per the policy [2].');
    expect(result.citations).toEqual([
      { id: '1', url: 'https://erp.example/contracts/acme', title: 'ACME supply agreement', meta: { date: '2026-03-01' } },
      { id: '2', url: 'https://erp.example/policies/payment', title: 'Payment policy' },
    ]);
  });

  it('ends with the gateway error code when an error frame arrives after the 200, keeping the partial text', async () => {
    const { result, events } = await replayEveryCut('mid-stream-error');
    expect(result.text).toBe('The answer is');
    expect(result.finishReason).toBe('error');
    expect(result.error).toMatchObject({ code: 'server_error', message: expect.stringContaining('Sorry about that') });
    expect(events.slice(-2).map((event) => event.type)).toEqual(['error', 'finish']);
  });

  it("reads vLLM's {object:'error'} frame", async () => {
    const body = 'data: {"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400}\n\n';
    const result = await replayResult('openai', body);
    expect(result.error).toMatchObject({ code: 'BadRequestError', message: 'max_tokens is too large' });
    expect(result.finishReason).toBe('error');
  });

  it('treats [DONE] as the end only when it is the whole data value', async () => {
    const chunk = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}}]}\n\n`;
    const body = chunk('Type [DONE] ') + chunk('to finish.') + 'data: [DONE]\n\n' + chunk('after the end');
    const result = await replayResult('openai', body);
    expect(result.text).toBe('Type [DONE] to finish.');
    expect(result.finishReason).toBe('stop');
  });

  it('survives choices:null, a missing finish_reason with [DONE], and tool_calls:[]', async () => {
    const body =
      'data: {"id":"","model":"","choices":[]}\n\n' +
      'data: {"choices":null}\n\n' +
      'data: {"choices":[{"index":0,"delta":{"content":"ok","tool_calls":[]}}]}\n\n' +
      'data: [DONE]\n\n';
    const { result, events } = await replay('openai', body);
    expect(result).toMatchObject({ text: 'ok', finishReason: 'stop', error: null, toolCalls: [] });
    expect(events[0]).toEqual({ type: 'start' });
  });

  it('reports a body cut mid-JSON as bad_response and keeps the text so far', async () => {
    const body = 'data: {"choices":[{"index":0,"delta":{"content":"Net"}}]}\n\ndata: {"choices":[{"index":0,"delta":{"content":" 3';
    const result = await replayResult('openai', body, 1);
    expect(result).toMatchObject({ text: 'Net', finishReason: 'error', error: { code: 'bad_response' } });
  });

  it('reports a stream that stops between events without a finish as cut off', async () => {
    const body = 'data: {"choices":[{"index":0,"delta":{"content":"Net"}}]}\n\n';
    const result = await replayResult('openai', body);
    expect(result).toMatchObject({ text: 'Net', finishReason: 'error', error: { code: 'network' } });
  });

  it('sends messages, tool calls, tool results and tools in the chat-completions shape', () => {
    const { body } = openai().request({
      model: 'deepseek-chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Order 10 bolts' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'create_po', args: { qty: 10 } }] },
        { role: 'tool', content: '{"ok":true}', toolCallId: 'c1' },
      ],
      tools: [{ name: 'create_po', description: 'Create a purchase order', parameters: { type: 'object' } }],
    });
    expect(body).toEqual({
      model: 'deepseek-chat',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Order 10 bolts' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'create_po', arguments: '{"qty":10}' } }] },
        { role: 'tool', tool_call_id: 'c1', content: '{"ok":true}' },
      ],
      tools: [{ type: 'function', function: { name: 'create_po', description: 'Create a purchase order', parameters: { type: 'object' } } }],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('puts context into a system message after the caller’s own system messages', async () => {
    const { requests } = await replay('openai', 'data: [DONE]\n\n', 'whole', {
      stream: { messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Due date?' }], context: { invoice: 'INV-9' } },
    });
    const sent = requests[0] as { messages: { role: string; content: string }[]; context?: unknown };
    expect(sent.messages.map((message) => message.role)).toEqual(['system', 'system', 'user']);
    expect(sent.messages[1]?.content).toContain('"invoice":"INV-9"');
    expect(sent.context).toBeUndefined();
  });

  it('reads tool calls from gateways that omit `index`: whole calls, and bare argument pieces', async () => {
    const chunk = (calls: unknown[]) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { tool_calls: calls } }] })}\n\n`;
    const body =
      chunk([{ id: 'a', type: 'function', function: { name: 'one', arguments: '{"x":' } }]) +
      chunk([{ function: { arguments: '1}' } }]) +
      chunk([{ id: 'b', type: 'function', function: { name: 'two', arguments: '{}' } }]) +
      'data: {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}\n\ndata: [DONE]\n\n';
    const result = await replayResult('openai', body);
    expect(result.toolCalls).toEqual([
      { id: 'a', name: 'one', args: { x: 1 } },
      { id: 'b', name: 'two', args: {} },
    ]);
  });

  it('reads a plain-text `event: error` frame as the error', async () => {
    const result = await replayResult('openai', 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\nevent: error\ndata: upstream timed out\n\n');
    expect(result).toMatchObject({ text: 'Hi', finishReason: 'error', error: { code: 'server_error', message: 'upstream timed out' } });
  });

  it('reads events a proxy wrote without blank lines between them', async () => {
    const body = 'data: {"choices":[{"index":0,"delta":{"content":"Net"}}]}\ndata: {"choices":[{"index":0,"delta":{"content":" 30"},"finish_reason":"stop"}]}\ndata: [DONE]\n\n';
    expect(await replayResult('openai', body, 1)).toMatchObject({ text: 'Net 30', finishReason: 'stop', error: null });
  });

  it('shows a refusal as text and reads legacy function_call deltas as a tool call', async () => {
    const chunk = (delta: unknown, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const refused = await replayResult('openai', chunk({ role: 'assistant', content: null, refusal: '' }) + chunk({ refusal: "I can't help" }) + chunk({ refusal: ' with that.' }, 'stop') + 'data: [DONE]\n\n');
    expect(refused).toMatchObject({ text: "I can't help with that.", finishReason: 'stop' });
    const legacy = await replayResult('openai', chunk({ function_call: { name: 'lookup', arguments: '{"id":' } }) + chunk({ function_call: { arguments: '7}' } }) + chunk({}, 'function_call') + 'data: [DONE]\n\n');
    expect(legacy).toMatchObject({ toolCalls: [{ id: 'call_0', name: 'lookup', args: { id: 7 } }], finishReason: 'tool-calls' });
  });
});

const modelChunk = (model: string, content: string, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

/** WIRE-FORMATS.md §2 (inline `<think>`; output with only `</think>`) and §1 (placeholder first chunk). */
describe('openai: the model-name guess for a <think> opened in the prompt', () => {
  it('keeps the answer of an R1-named model whose output has no think block (Groq reasoning_format "hidden", OpenRouter reasoning excluded)', async () => {
    const model = 'deepseek-r1-distill-llama-70b';
    const result = await replayResult('openai', modelChunk(model, 'Invoices are due') + modelChunk(model, ' in 30 days.', 'stop') + 'data: [DONE]\n\n');
    // Once, as the answer: not again as the reasoning it streamed as until the end.
    expect(result).toMatchObject({ text: 'Invoices are due in 30 days.', reasoning: '' });
  });

  it('keeps the answer of a "thinking" model that sends no reasoning at all (Gemini thinking via the OpenAI-compatible endpoint)', async () => {
    const model = 'gemini-2.0-flash-thinking-exp-01-21';
    const result = await replayResult('openai', modelChunk(model, 'Hello! How can I help?', 'stop') + 'data: [DONE]\n\n');
    expect(result.text).toBe('Hello! How can I help?');
  });

  it('keeps the reasoning of an R1-named model cut off by the token limit before its </think> as reasoning, not as the answer', async () => {
    const model = 'deepseek-r1-distill-llama-70b';
    const result = await replayResult('openai', modelChunk(model, 'First, the invoice date') + modelChunk(model, ' is 3 May, so', 'length') + 'data: [DONE]\n\n');
    expect(result).toMatchObject({ text: '', reasoning: 'First, the invoice date is 3 May, so', finishReason: 'length' });
  });

  it('still recognises an R1 model behind a placeholder first chunk with an empty model (the lone </think> stays out of the text)', async () => {
    const model = 'deepseek-r1-distill-qwen-32b';
    const placeholder = 'data: {"choices":[],"created":0,"id":"","model":"","object":""}\n\n';
    const result = await replayResult('openai', placeholder + modelChunk(model, 'Okay, 2+2.') + modelChunk(model, '</think>\n\n2 + 2 = 4', 'stop') + 'data: [DONE]\n\n');
    expect(result.text).toBe('2 + 2 = 4');
    expect(result.reasoning).toBe('Okay, 2+2.');
  });
});

/** WIRE-FORMATS.md §1: OpenRouter's mid-stream error `{error:{code,message},choices:[{finish_reason:"error"}]}`. */
describe('openai: OpenRouter mid-stream error', () => {
  it('reports a provider 5xx (numeric code) as worth retrying', async () => {
    const body =
      modelChunk('openai/gpt-4o', 'Net') +
      'data: {"id":"gen-1","object":"chat.completion.chunk","model":"openai/gpt-4o","error":{"code":502,"message":"Provider returned error"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\n';
    const result = await replayResult('openai', body);
    expect(result.error).toMatchObject({ code: 'http_502', message: 'Provider returned error' });
    expect(result.error?.retryable).toBe(true);
  });
});

/**
 * ollama/ollama#15457 (Ollama 0.20.x `/v1/chat/completions`): every tool call of one answer comes
 * whole, with its own id but `index: 0`; vercel/ai#14277 fixes the same merge in its parser.
 */
describe('openai: Ollama reusing index 0 for parallel tool calls', () => {
  const ollamaChunk = (delta: unknown, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-412', object: 'chat.completion.chunk', created: 1775730000, model: 'qwen2.5-coder:7b', system_fingerprint: 'fp_ollama', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const call = (id: string, file: string, text: string) => ({
    id,
    index: 0,
    type: 'function',
    function: { name: 'file_write', arguments: JSON.stringify({ filePath: file, content: text }) },
  });

  it('keeps two calls with different ids apart instead of joining their arguments into one', async () => {
    const body =
      ollamaChunk({ role: 'assistant', content: '', tool_calls: [call('call_h1l0', 'hello.py', 'print("hello")')] }) +
      ollamaChunk({ role: 'assistant', content: '', tool_calls: [call('call_w0rl', 'world.py', 'print("world")')] }) +
      ollamaChunk({ role: 'assistant', content: '' }, 'tool_calls') +
      'data: [DONE]\n\n';
    const result = await replayResult('openai', body);
    expect(result.toolCalls).toEqual([
      { id: 'call_h1l0', name: 'file_write', args: { filePath: 'hello.py', content: 'print("hello")' } },
      { id: 'call_w0rl', name: 'file_write', args: { filePath: 'world.py', content: 'print("world")' } },
    ]);
    expect(result.finishReason).toBe('tool-calls');
  });

  it('still joins fragments that repeat the same id on every delta (one call)', async () => {
    const piece = (args: string) => ({ id: 'call_same', index: 0, type: 'function', function: { name: 'file_write', arguments: args } });
    const body = ollamaChunk({ tool_calls: [piece('{"filePath":')] }) + ollamaChunk({ tool_calls: [piece('"a.py"}')] }) + ollamaChunk({}, 'tool_calls') + 'data: [DONE]\n\n';
    expect((await replayResult('openai', body)).toolCalls).toEqual([{ id: 'call_same', name: 'file_write', args: { filePath: 'a.py' } }]);
    // A gateway that changes the id while the arguments are still open continues the same call.
    const renamed = { ...piece('"b.py"}'), id: 'call_other' };
    const changing = ollamaChunk({ tool_calls: [piece('{"filePath":')] }) + ollamaChunk({ tool_calls: [renamed] }) + ollamaChunk({}, 'tool_calls') + 'data: [DONE]\n\n';
    expect((await replayResult('openai', changing)).toolCalls).toEqual([{ id: 'call_other', name: 'file_write', args: { filePath: 'b.py' } }]);
  });
});

/**
 * LiteLLM's proxy reports a failure after the 200 as `data: {"error": ProxyException.to_dict()}`,
 * whose `code` is the upstream HTTP status as a string (`self.code = str(code)`, BerriAI/litellm
 * litellm/proxy/_types.py; written by proxy_server.py async_data_generator).
 */
describe('openai: LiteLLM mid-stream error', () => {
  it('reads the string status code as that HTTP status: a 429 is a rate limit worth retrying later', async () => {
    const body =
      modelChunk('gpt-4o', 'Net') +
      'data: {"error": {"message": "litellm.RateLimitError: AzureException RateLimitError - Requests to the ChatCompletions_Create Operation have exceeded call rate limit.", "type": "None", "param": "None", "code": "429"}}\n\n';
    const result = await replayResult('openai', body);
    expect(result).toMatchObject({ text: 'Net', finishReason: 'error' });
    expect(result.error).toMatchObject({ code: 'http_429', status: 429, retryable: true });
    expect(result.error?.message).toContain('exceeded call rate limit');
  });
});

/**
 * vllm-project/vllm#57082: when the engine aborts a request (shutdown, scale-down, sleep, an abort
 * request), the stream still ends 200 with `finish_reason: "abort"` and `data: [DONE]`.
 */
describe('openai: vLLM engine abort', () => {
  it('finishes as abort, not as a complete answer', async () => {
    const chunk = (delta: unknown, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'chatcmpl-9f', object: 'chat.completion.chunk', created: 1789000000, model: 'Qwen/Qwen3-8B', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] })}\n\n`;
    const body = chunk({ role: 'assistant', content: '' }) + chunk({ content: 'The invoice total is' }) + chunk({ content: '' }, 'abort') + 'data: [DONE]\n\n';
    expect(await replayResult('openai', body)).toMatchObject({ text: 'The invoice total is', finishReason: 'abort', error: null });
  });
});

/**
 * Mistral's reasoning models stream `delta.content` as an array of parts:
 * `[{type:"thinking",thinking:[{type:"text",text}]}]`, later `{type:"text",text}` beside it, then
 * plain strings again. Recorded: vercel/ai
 * packages/openai-compatible/src/chat/__fixtures__/issue-13703-mistral-thinking.chunks.txt (shortened).
 */
describe('openai: Mistral content parts', () => {
  it('reads thinking parts as reasoning and text parts as the answer', async () => {
    const { result } = await replayEveryCut('mistral-thinking-parts');
    expect(result).toMatchObject({
      text: '391',
      reasoning: 'Okay, the user is asking for the product of 17 and 23. I need this = 391.',
      finishReason: 'stop',
      usage: { inputTokens: 28, outputTokens: 139 },
      error: null,
    });
  });
});

/**
 * Errors that gateways write after the 200 without an `error` key: a route's own
 * `event: error` + `data: {"message":…,"body":…}` (zeta-chain/docs#728, app/api/chat/route.ts),
 * and FastAPI's `{"detail":"…"}` that some vLLM builds put in a data frame (saberjack/SHTUCodeProxy#4).
 * Ignored, they ended the answer as a bare "cut off" without the gateway's words.
 */
describe('openai: error frames without an error key', () => {
  it('reads a JSON `event: error` frame as the error, with its message', async () => {
    const body = modelChunk('qwen3', 'Net') + 'event: error\ndata: {"message":"Bad Gateway","body":"upstream connect error"}\n\n';
    expect(await replayResult('openai', body)).toMatchObject({ text: 'Net', finishReason: 'error', error: { code: 'server_error', message: 'Bad Gateway' } });
  });

  it('reads a {"detail":…} data frame as the error', async () => {
    const body = modelChunk('deepseek-v3', 'Net') + "data: {\"detail\":\"This model's maximum context length is 128000 tokens. However, you requested 131072 tokens.\"}\n\n";
    expect(await replayResult('openai', body)).toMatchObject({ text: 'Net', finishReason: 'error', error: { message: "This model's maximum context length is 128000 tokens. However, you requested 131072 tokens." } });
  });
});

/**
 * vllm-project/vllm#51697: with `--tool-call-parser xlam`, when the last chunk completes the
 * arguments the end-of-stream flush sends the whole object again; clients that join the deltas get
 * `{"city": "Seattle", "state": "WA", "unit": "celsius"}{"city": "Seattle", …}`.
 */
describe('openai: arguments sent again whole at the end', () => {
  it('reads arguments that are one JSON object twice over as that object', async () => {
    const args = '{"city": "Seattle", "state": "WA", "unit": "celsius"}';
    const call = (fragment: Record<string, unknown>) => ({ tool_calls: [{ index: 0, ...fragment }] });
    const chunk = (delta: unknown, finish: string | null = null) => `data: ${JSON.stringify({ id: 'chatcmpl-x', object: 'chat.completion.chunk', model: 'Salesforce/Llama-xLAM-2-8b-fc-r', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const body =
      chunk(call({ id: 'chatcmpl-tool-1', type: 'function', function: { name: 'get_current_weather', arguments: '' } })) +
      chunk(call({ function: { arguments: args.slice(0, 20) } })) +
      chunk(call({ function: { arguments: args.slice(20) } })) +
      chunk(call({ function: { arguments: args } })) +
      chunk({}, 'tool_calls') +
      'data: [DONE]\n\n';
    expect((await replayResult('openai', body)).toolCalls).toEqual([{ id: 'chatcmpl-tool-1', name: 'get_current_weather', args: { city: 'Seattle', state: 'WA', unit: 'celsius' } }]);
  });
});

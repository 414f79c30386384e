// Part 2, run as its own process (`node --expose-gc`): the same recorded chat-completions bytes
// replayed from memory through each client, interleaved rounds, one JSON line on stdout.
import { performance } from 'node:perf_hooks';
import { chatCompletionsFixture, networkChunks, replayFetch } from './chat-completions-fixture.mjs';
import { summarize } from './summarize.mjs';

const warmupRounds = Number(process.env.BENCH_CLIENT_WARMUP ?? 1);
const measuredRounds = Number(process.env.BENCH_CLIENT_ROUNDS ?? 6);
const only = process.env.BENCH_CLIENT_ONLY?.split(',');

const { body, expected } = chatCompletionsFixture();
const chunks = networkChunks(body);
const fetch = replayFetch(chunks);
const baseURL = 'http://gateway.bench.invalid/v1';
const messages = [{ role: 'user', content: 'Plan the quarterly restock and raise the purchase orders.' }];

/** Every consumer does the same job: join text and reasoning, end with complete, parsed tool calls. */
const consumers = {
  async parley() {
    const { createClient } = await import('@parley/client');
    const client = createClient({ url: `${baseURL}/chat/completions`, protocol: 'openai', model: 'deepseek-reasoner', fetch, retry: false });
    return async () => {
      let text = 0;
      let reasoning = 0;
      let toolCalls = 0;
      const stream = client.stream({ messages });
      for await (const event of stream) {
        if (event.type === 'text-delta') text += event.delta.length;
        else if (event.type === 'reasoning-delta') reasoning += event.delta.length;
        else if (event.type === 'tool-call') toolCalls++;
        else if (event.type === 'error') throw new Error(`parley: ${event.error.code}: ${event.error.message}`);
      }
      await stream.result;
      return { text, reasoning, toolCalls };
    };
  },
  async openai() {
    const { default: OpenAI } = await import('openai');
    const openai = new OpenAI({ apiKey: 'bench', baseURL, fetch, maxRetries: 0 });
    return async () => {
      let text = 0;
      let reasoning = 0;
      const calls = [];
      const stream = await openai.chat.completions.create({ model: 'deepseek-reasoner', messages, stream: true });
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta;
        if (!delta) continue;
        if (delta.content) text += delta.content.length;
        if (delta.reasoning_content) reasoning += delta.reasoning_content.length;
        for (const call of delta.tool_calls ?? []) {
          const slot = (calls[call.index] ??= { id: call.id, name: call.function?.name, args: '' });
          slot.args += call.function?.arguments ?? '';
        }
      }
      for (const call of calls) JSON.parse(call.args);
      return { text, reasoning, toolCalls: calls.length };
    };
  },
  async 'ai-sdk'() {
    const { streamText, tool, jsonSchema } = await import('ai');
    const { createOpenAICompatible } = await import('@ai-sdk/openai-compatible');
    const provider = createOpenAICompatible({ name: 'bench', baseURL, apiKey: 'bench', fetch });
    const anyObject = () => tool({ inputSchema: jsonSchema({ type: 'object' }) });
    const tools = { lookup_supplier: anyObject(), create_purchase_order: anyObject() };
    return async () => {
      let text = 0;
      let reasoning = 0;
      let toolCalls = 0;
      const result = streamText({ model: provider.chatModel('deepseek-reasoner'), messages, tools, maxRetries: 0 });
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') text += part.text.length;
        else if (part.type === 'reasoning-delta') reasoning += part.text.length;
        else if (part.type === 'tool-call') toolCalls++;
        else if (part.type === 'error') throw part.error;
      }
      return { text, reasoning, toolCalls };
    };
  },
};

const names = Object.keys(consumers).filter((name) => !only || only.includes(name));
const runs = {};
const results = {};
for (const name of names) {
  try {
    runs[name] = await consumers[name]();
    results[name] = { mbPerSecond: [], counts: null, error: null };
  } catch (error) {
    results[name] = { mbPerSecond: [], counts: null, error: String(error?.message ?? error) };
  }
}

const megabytes = body.length / 1e6;
for (let round = 0; round < warmupRounds + measuredRounds; round++) {
  // Rotate the order so no consumer always runs right after the same neighbour (GC debt, JIT state).
  const order = names.map((_, i) => names[(i + round) % names.length]);
  for (const name of order) {
    if (!runs[name] || results[name].error) continue;
    globalThis.gc?.();
    const started = performance.now();
    try {
      const counts = await runs[name]();
      const seconds = (performance.now() - started) / 1000;
      results[name].counts = counts;
      if (round >= warmupRounds) results[name].mbPerSecond.push(megabytes / seconds);
    } catch (error) {
      results[name].error = String(error?.stack ?? error);
    }
  }
}

const output = { bytes: body.length, networkChunks: chunks.length, expected, warmupRounds, measuredRounds, clients: {} };
for (const name of names) {
  const { counts, error } = results[name];
  const parsedAll =
    counts && counts.text === expected.textLength && counts.reasoning === expected.reasoningLength && counts.toolCalls === expected.toolCalls;
  output.clients[name] = { throughput: summarize(results[name].mbPerSecond), counts, verified: Boolean(parsedAll), error };
}
process.stdout.write(`${JSON.stringify(output)}\n`);

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../chat-result.js';
import { replay, standardSlicings } from '../testing/replay.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/dify/${name}`, import.meta.url)));

/**
 * Replays a transcript whole, in 1-byte slices and at seeded random boundaries: every cut must
 * give `expected`, and the very same events (steps, data and start included) as the whole body.
 */
async function expectResult(name: string, expected: ChatResult) {
  const bytes = fixture(name);
  const whole = await replay('dify', bytes);
  for (const slicing of standardSlicings()) {
    const { result, events } = await replay('dify', bytes, slicing);
    expect(result, `${name} sliced ${JSON.stringify(slicing)}`).toEqual(expected);
    expect(events, `${name} events sliced ${JSON.stringify(slicing)}`).toEqual(whole.events);
  }
}

const datasetId = '101b4c97-fc2e-463c-90b1-5261a4cdcafb';

describe('dify protocol', () => {
  it('reads ASCII-escaped CJK and surrogate-pair emoji, pings, and citations and usage from message_end', async () => {
    await expectResult('chatbot-with-citations.sse', {
      text: '根据合同，付款期为 30 天 📄。',
      reasoning: '',
      citations: [
        {
          id: '1',
          title: 'ACME 供货合同.pdf',
          source: '采购合同库',
          snippet: '付款期限：发票日期后 30 天内。',
          meta: { datasetId, documentId: '8dd1ad74-0b5f-4175-b735-7d98bbbb4e00', segmentId: 'ed599c7f-2766-4294-9d1d-e5235a61270a', score: 0.98457545 },
        },
        {
          id: '2',
          title: 'Payment policy.docx',
          source: '采购合同库',
          snippet: 'Invoices are paid net 30 💶.',
          meta: { datasetId, documentId: '0d6b2f61-9c3a-4f55-8d0e-1f3c6e8a7b21', segmentId: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', score: 0.7123 },
        },
      ],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 1033, outputTokens: 135 },
      error: null,
    });
    const { events } = await replay('dify', fixture('chatbot-with-citations.sse'), 1);
    expect(events.slice(0, 2)).toEqual([
      { type: 'start', messageId: '9da23599-e713-473b-982c-4328d4f5c78a' },
      { type: 'data', name: 'dify-conversation', data: { conversationId: '45701982-8118-4bc5-8e9b-64562b4555f2' } },
    ]);
  });

  it('turns chatflow workflow, node and iteration progress into status steps updated in place by node id', async () => {
    await expectResult('chatflow.sse', {
      text: 'Lieferung in 5 Tagen ✅',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 210, outputTokens: 90 },
      error: null,
    });
    const { events } = await replay('dify', fixture('chatflow.sse'), { seed: 9 });
    const run = 'fb47b2e6-2e8b-4d4c-8a4e-4c6d0e5e3f1a';
    expect(events.filter((event) => event.type === 'status').map((event) => event.status)).toEqual([
      { id: run, label: 'Workflow', state: 'running' },
      { id: '1732000000001', label: '开始', state: 'running' },
      { id: '1732000000001', label: '开始', state: 'done' },
      { id: '1732000000002', label: '知识检索', state: 'running' },
      { id: '1732000000002', label: '知识检索', state: 'done' },
      { id: '1732000000003', label: 'LLM', state: 'running' },
      { id: '1732000000003', label: 'LLM', state: 'done' },
      { id: '1732000000004', label: 'ERP 同步', state: 'running' },
      { id: '1732000000004', label: 'ERP 同步', state: 'error', detail: 'HTTP 502 from erp.example.cn' },
      { id: '1732000000005', label: '逐个供应商', state: 'running' },
      { id: '1732000000005', label: '逐个供应商', state: 'done' },
      { id: run, label: 'Workflow', state: 'done' },
    ]);
  });

  it('shows agent thoughts as reasoning (resent whole, so only the new tail) and their tools as steps', async () => {
    await expectResult('agent.sse', {
      text: '库存 42 件 🏭',
      reasoning: '先查库存，再回答。\n\nAnswering directly.',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 500, outputTokens: 60 },
      error: null,
    });
    const { events } = await replay('dify', fixture('agent.sse'));
    const detail = '{"erp_stock": {"sku": "SKU-7"}}';
    expect(events.filter((event) => event.type === 'status').map((event) => event.status)).toEqual([
      { id: '8dcf3648-fbad-407a-85dd-73a6f43aeb9f', label: 'erp_stock', state: 'running', detail },
      { id: '8dcf3648-fbad-407a-85dd-73a6f43aeb9f', label: 'erp_stock', state: 'running', detail },
      { id: '8dcf3648-fbad-407a-85dd-73a6f43aeb9f', label: 'erp_stock', state: 'done', detail },
    ]);
  });

  // Dify's agent runners stream the model's text as `agent_message` and then save the same text as
  // the thought (api/core/agent/fc_agent_runner.py: `save_agent_thought(thought=response, answer=response)`;
  // cot_agent_runner.py yields each chunk and adds it to `scratchpad.thought`): showing it as
  // reasoning too printed every word of the answer twice. Bytes as in langgenius/dify#5873.
  it('does not repeat as reasoning the thoughts an agent already streamed as its answer', async () => {
    await expectResult('agent-function-calling.sse', {
      text: '我先查一下库存。\n库存 42 件 🏭',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 500, outputTokens: 60 },
      error: null,
    });
    const { events } = await replay('dify', fixture('agent-function-calling.sse'));
    expect(events.filter((event) => event.type === 'status').map((event) => event.status.state)).toEqual(['running', 'done']);
  });

  // Dify's model plugins wrap a reasoning model's `reasoning_content` / `reasoning` in the answer
  // text as "<think>\n…\n</think>" (_wrap_thinking_by_reasoning_content in langgenius/dify-official-plugins
  // models/vllm, models/openai_api_compatible), which Dify's own UI folds away as thinking.
  it('reads the <think> block a Dify model plugin wraps reasoning in as reasoning, not answer text', async () => {
    await expectResult('think-tags.sse', {
      text: '付款期为 30 天。',
      reasoning: '用户问付款期。\n',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 20, outputTokens: 31 },
      error: null,
    });
  });

  it('replaces the whole answer on message_replace and finishes as content-filter (output moderation)', async () => {
    await expectResult('message-replace.sse', {
      text: '抱歉，该问题无法回答。',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'content-filter',
      usage: { inputTokens: 20, outputTokens: 5 },
      error: null,
    });
  });

  it('ends on an error event with Dify\'s own code and status, keeping the partial text', async () => {
    await expectResult('error.sse', {
      text: '正在生成',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'error',
      usage: null,
      error: { code: 'completion_request_error', message: '[models] Rate Limit Error, Request was rate-limited.', status: 400 },
    });
  });

  it('reports a body that ends before message_end as cut off', async () => {
    const whole = new TextDecoder().decode(fixture('chatbot-with-citations.sse'));
    const { result } = await replay('dify', whole.slice(0, whole.indexOf('data: {"event": "message_end"')), 3);
    expect(result.text).toBe('根据合同，付款期为 30 天 📄。');
    expect(result.citations).toEqual([]);
    expect(result.finishReason).toBe('error');
    expect(result.error?.code).toBe('network');
  });

  it('sends the last user message as query, and conversation_id / user / inputs through the body option', async () => {
    const messages = [
      { role: 'system' as const, content: 'ignored: the Dify app holds its own prompt' },
      { role: 'user' as const, content: '第一个问题' },
      { role: 'assistant' as const, content: '第一个回答' },
      { role: 'user' as const, content: '付款期多久？' },
    ];
    const plain = await replay('dify', fixture('error.sse'), 'whole', { stream: { messages } });
    expect(plain.requests).toEqual([{ query: '付款期多久？', inputs: {}, response_mode: 'streaming', user: 'parley' }]);

    const body = { user: 'zhang.wei', conversation_id: '45701982-8118-4bc5-8e9b-64562b4555f2', inputs: { department: 'sales' } };
    const continued = await replay('dify', fixture('error.sse'), 'whole', { client: { body }, stream: { messages } });
    expect(continued.requests).toEqual([
      { query: '付款期多久？', inputs: { department: 'sales' }, response_mode: 'streaming', user: 'zhang.wei', conversation_id: '45701982-8118-4bc5-8e9b-64562b4555f2' },
    ]);
  });
});

describe('dify HTTP errors', () => {
  it('reads Dify\'s own code from a 400 body', async () => {
    const body = '{"code": "invalid_param", "message": "Conversation Not Exists.", "status": 400}';
    const { result } = await replay('dify', body, 'whole', { status: 400, contentType: 'application/json' });
    expect(result.finishReason).toBe('error');
    expect(result.error).toMatchObject({ code: 'invalid_param', message: 'The gateway refused the request (HTTP 400): Conversation Not Exists.', status: 400, retryable: false });
  });
});

import { seededRandom } from './seeded-random.mjs';

const english = (
  'the purchase order supplier invoice ledger quarter revenue margin approval workflow warehouse ' +
  'shipment customer contract clause policy budget forecast variance audit report region team ' +
  'because therefore however although meanwhile first second finally check compare verify total'
).split(' ');
const chinese = '采购订单供应商发票总账季度收入毛利审批流程仓库发货客户合同条款政策预算预测差异审计报告区域团队'.split('');
const emoji = ['📦', '✅', '🧾', '📈'];

/** One model "token": mostly English words, some CJK characters and emoji so UTF-8 splits happen mid-character. */
function token(random) {
  const roll = random.next();
  if (roll < 0.7) return (random.next() < 0.1 ? '\n' : ' ') + random.pick(english);
  if (roll < 0.97) return random.pick(chinese) + (random.next() < 0.5 ? random.pick(chinese) : '');
  return random.pick(emoji);
}

/**
 * A deterministic chat-completions SSE stream shaped like DeepSeek-reasoner / vLLM output:
 * a role chunk, `reasoning_content` deltas, `content` deltas, then streamed `tool_calls`
 * fragments (accumulated by index, split mid-string), a finish chunk, a usage-only chunk, `[DONE]`.
 * Returns the bytes and what a correct consumer must end up with.
 */
export function chatCompletionsFixture({ seed = 20261130, targetBytes = 5.5 * 1024 * 1024 } = {}) {
  const random = seededRandom(seed);
  const id = 'chatcmpl-bench0001';
  const created = 1764460800;
  const model = 'deepseek-reasoner';
  const events = [];
  let bytes = 0;
  const push = (delta, finishReason = null, extra = {}) => {
    const chunk = {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_bench_0001',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      usage: null,
      ...extra,
    };
    const line = `data: ${JSON.stringify(chunk)}\n\n`;
    events.push(line);
    bytes += Buffer.byteLength(line);
  };

  let reasoning = '';
  let text = '';
  push({ role: 'assistant', content: null, reasoning_content: '' });
  while (bytes < targetBytes * 0.4) {
    const piece = token(random);
    reasoning += piece;
    push({ reasoning_content: piece, content: null });
  }
  while (bytes < targetBytes * 0.85) {
    const piece = token(random);
    text += piece;
    push({ content: piece, reasoning_content: null });
  }

  const toolCalls = [];
  let index = 0;
  while (bytes < targetBytes) {
    const args = {
      orderId: `PO-${random.int(10000, 99999)}`,
      lines: Array.from({ length: random.int(20, 60) }, () => ({
        sku: `SKU-${random.int(1000, 9999)}`,
        quantity: random.int(1, 500),
        note: Array.from({ length: random.int(2, 8) }, () => token(random).trim()).join(' '),
      })),
      reason: 'Quarterly restock "urgent" \\ approved',
    };
    const json = JSON.stringify(args);
    const name = index % 2 ? 'create_purchase_order' : 'lookup_supplier';
    const callId = `call_${String(index).padStart(4, '0')}`;
    toolCalls.push({ id: callId, name, args });
    let offset = 0;
    let first = true;
    while (offset < json.length) {
      const size = random.int(3, 24);
      const fragment = json.slice(offset, offset + size);
      offset += size;
      const call = first
        ? { index, id: callId, type: 'function', function: { name, arguments: fragment } }
        : { index, function: { arguments: fragment } };
      first = false;
      push({ tool_calls: [call] });
    }
    index++;
  }
  push({}, 'tool_calls');
  const usage = { prompt_tokens: 812, completion_tokens: events.length, total_tokens: 812 + events.length, completion_tokens_details: { reasoning_tokens: 1000 } };
  events.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [], usage })}\n\n`);
  events.push('data: [DONE]\n\n');

  const body = Buffer.from(events.join(''), 'utf8');
  return {
    body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
    expected: { textLength: text.length, reasoningLength: reasoning.length, toolCalls: toolCalls.length, events: events.length },
  };
}

/** Cuts the body into network-sized chunks (1–16 KB, seeded), as views so replays copy nothing. */
export function networkChunks(body, { seed = 7, min = 1024, max = 16 * 1024 } = {}) {
  const random = seededRandom(seed);
  const chunks = [];
  for (let offset = 0; offset < body.length; ) {
    const size = random.int(min, max);
    chunks.push(body.subarray(offset, Math.min(body.length, offset + size)));
    offset += size;
  }
  return chunks;
}

/** A `fetch` that answers every request with the recorded stream, replayed from memory. */
export function replayFetch(chunks) {
  return async () => {
    let next = 0;
    const stream = new ReadableStream({
      pull(controller) {
        if (next < chunks.length) controller.enqueue(chunks[next++]);
        else controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream; charset=utf-8' } });
  };
}

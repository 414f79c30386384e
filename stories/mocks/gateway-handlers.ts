import { delay, http, HttpResponse } from 'msw';
import type { ChatEvent } from '@parley/client';
import { chineseAnswers, englishAnswers, type SampleAnswers } from './sample-answers.js';
import { streamEvents, textDeltas, type StreamEventsOptions } from './stream-events.js';

/** Each mock gateway has its own URL, so stories shown together on a docs page never share one. */
export const gateways = {
  plain: '/gateway/plain',
  markdown: '/gateway/markdown',
  reasoning: '/gateway/reasoning',
  citations: '/gateway/citations',
  research: '/gateway/research',
  action: '/gateway/action',
  long: '/gateway/long',
  showcase: '/gateway/showcase',
  parts: '/gateway/parts',
  data: '/gateway/data',
  model: '/gateway/model',
  rateLimited: '/gateway/rate-limited',
  down: '/gateway/down',
  offline: '/gateway/offline',
  signedOut: '/gateway/signed-out',
  stalled: '/gateway/stalled',
  thinking: '/gateway/thinking',
} as const;

interface WireMessage {
  role: string;
  content?: unknown;
}

/** The mock answers in the language the person wrote in (any Chinese character → Chinese). */
function answersFor(messages: readonly WireMessage[]): SampleAnswers {
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  return /[\u3400-\u9fff]/.test(String(lastUser?.content ?? '')) ? chineseAnswers : englishAnswers;
}

async function messagesOf(request: Request): Promise<WireMessage[]> {
  const body = (await request.json()) as { messages?: WireMessage[] };
  return body.messages ?? [];
}

const start: ChatEvent = { type: 'start', model: 'deepseek-r1' };
const stop: ChatEvent = { type: 'finish', reason: 'stop' };

function answer(respond: (answers: SampleAnswers, messages: WireMessage[]) => ChatEvent[], options: StreamEventsOptions = {}) {
  return async ({ request }: { request: Request }) => {
    const messages = await messagesOf(request);
    return streamEvents(respond(answersFor(messages), messages), options);
  };
}

export const stockLevels = [
  { warehouse: 'Suzhou', item: 'M8 bolts', onHand: 1200, reorderPoint: 800 },
  { warehouse: 'Wuxi', item: 'M8 bolts', onHand: 300, reorderPoint: 800 },
  { warehouse: 'Ningbo', item: 'M8 bolts', onHand: 950, reorderPoint: 800 },
];

export const purchaseOrderCall = {
  id: 'call_po_1',
  name: 'createPurchaseOrder',
  args: { supplier: 'Huadong Steel', item: 'M8 bolts', quantity: 200, deliverBy: '2025-04-18' },
};

export const gatewayHandlers = [
  http.post(gateways.plain, answer((a) => [start, ...textDeltas(a.plain), stop])),
  http.post(gateways.markdown, answer((a) => [start, ...textDeltas(a.markdown), stop], { delayMs: 12 })),
  http.post(
    gateways.reasoning,
    answer((a) => [start, ...textDeltas(a.reasoning, 'reasoning-delta'), ...textDeltas(a.afterReasoning), stop]),
  ),
  http.post(
    gateways.citations,
    answer((a) => [start, ...textDeltas(a.cited), ...a.citations.map((citation): ChatEvent => ({ type: 'citation', citation })), stop]),
  ),
  // Research progress: every step is announced as running, then updated in place (same id) to done.
  http.post(
    gateways.research,
    answer(
      (a) => [
        start,
        ...a.researchSteps.flatMap(({ step, doneDetail }): ChatEvent[] => [
          { type: 'status', status: step },
          { type: 'status', status: { ...step, state: 'done', detail: doneDetail } },
        ]),
        ...textDeltas(a.afterResearch),
        stop,
      ],
      { delayMs: (event) => (event.type === 'status' ? 450 : 24) },
    ),
  ),
  // An agent action: the first call proposes `createPurchaseOrder`; once the tool result comes
  // back, the model answers according to what the person decided.
  http.post(
    gateways.action,
    answer((a, messages) => {
      const last = messages[messages.length - 1];
      if (last?.role !== 'tool') {
        return [start, ...textDeltas(a.actionIntro), { type: 'tool-call', toolCall: purchaseOrderCall }, { type: 'finish', reason: 'tool-calls' }];
      }
      const result = JSON.parse(String(last.content)) as { rejected?: boolean; error?: string } | null;
      const reply = result?.rejected ? a.afterRejection : result?.error ? a.afterFailure : a.afterApproval;
      return [start, ...textDeltas(reply), stop];
    }),
  ),
  // Most parts in one answer (reasoning, progress, markdown, sources), for themes and languages.
  http.post(
    gateways.showcase,
    answer((a) => [
      start,
      ...textDeltas(a.reasoning, 'reasoning-delta'),
      ...a.researchSteps.slice(0, 2).map(({ step, doneDetail }): ChatEvent => ({ type: 'status', status: { ...step, state: 'done', detail: doneDetail } })),
      ...textDeltas(`${a.cited}\n\n${a.markdown.split('\n').slice(4, 9).join('\n')}`),
      ...a.citations.map((citation): ChatEvent => ({ type: 'citation', citation })),
      stop,
    ], { delayMs: 10 }),
  ),
  // Every styled piece in one answer (reasoning, progress, sources, an action waiting for approval), for `::part()`s.
  http.post(
    gateways.parts,
    answer((a) => [
      start,
      ...textDeltas(a.reasoning, 'reasoning-delta'),
      ...a.researchSteps.slice(0, 2).map(({ step, doneDetail }): ChatEvent => ({ type: 'status', status: { ...step, state: 'done', detail: doneDetail } })),
      ...textDeltas(`${a.cited}\n\n${a.actionIntro}`),
      ...a.citations.map((citation): ChatEvent => ({ type: 'citation', citation })),
      { type: 'tool-call', toolCall: purchaseOrderCall },
      { type: 'finish', reason: 'tool-calls' },
    ], { delayMs: 10 }),
  ),
  // A gateway-specific block (`data` event) that a plug-in renders; the widget alone shows nothing of it.
  http.post(
    gateways.data,
    answer((a) => [start, { type: 'data', name: 'stock-levels', data: stockLevels }, ...textDeltas(a.afterData), stop]),
  ),
  // Says which model answered: the model picker's choice is visible in the answer.
  http.post(gateways.model, async ({ request }) => {
    const body = (await request.clone().json()) as { model?: string };
    return answer((a) => [start, ...textDeltas(a.answeredBy(body.model ?? 'the default model')), stop])({ request });
  }),
  // Long enough to press Stop while it streams.
  http.post(gateways.long, answer((a) => [start, ...textDeltas(a.long), stop], { delayMs: 150 })),
  // A wait longer than a client will sit through: the error reaches the person with the wait.
  http.post(gateways.rateLimited, () =>
    HttpResponse.json(
      { error: { code: 'rate_limit_exceeded', message: 'Too many requests for this department.' } },
      { status: 429, headers: { 'retry-after': '90' } },
    ),
  ),
  http.post(gateways.down, async () => {
    await delay(80);
    return HttpResponse.json({ error: { code: 'service_unavailable', message: 'Upstream model is restarting.' } }, { status: 503 });
  }),
  http.post(gateways.offline, () => HttpResponse.error()),
  http.post(gateways.signedOut, () => HttpResponse.json({ error: { code: 'unauthorized', message: 'Session expired.' } }, { status: 401 })),
  // Still reasoning: the model thinks aloud and has not started its answer yet.
  http.post(gateways.thinking, answer((a) => [start, ...textDeltas(a.reasoning, 'reasoning-delta')], { stallAfter: true })),
  // Starts answering, then the upstream goes silent; the client's idle timeout ends it.
  http.post(gateways.stalled, answer((a) => [start, ...textDeltas(a.stalled)], { stallAfter: true })),
];

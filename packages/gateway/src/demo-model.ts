import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatEvent, ChatMessage, ToolDefinition } from '@parley/client';
import type { ChatModel, ModelRequest } from './chat-model.js';
import { findSupplier, suppliers, toUsd, type CatalogItem, type CatalogSupplier } from './demo-catalog.js';
import { detectIntent } from './demo-intent.js';
import { demoPhrases, detectLanguage, type DemoPhrases } from './demo-phrases.js';
import type { Identity } from './identity.js';
import type { KnowledgeIndex, PassageHit } from './knowledge-index.js';
import { passageCitation } from './passage-citation.js';
import { expandQuery } from './query-expansion.js';
import { quotePassage } from './quote-passage.js';
import { isTelling, tokenize } from './tokenize.js';

export const demoModelId = 'parley-demo-retrieval';

export interface DemoModelOptions {
  index: KnowledgeIndex;
  /** Pause before each streamed chunk so the demo visibly streams; 0 in tests. */
  delayMs?: number;
}

/** The events of one answer, built up in order; text and reasoning are cut into token-sized chunks. */
class AnswerBuilder {
  readonly events: ChatEvent[] = [];
  #citations = 0;
  text = '';
  reasoning = '';

  think(text: string): void {
    this.reasoning += text;
    for (const delta of chunkText(text)) this.events.push({ type: 'reasoning-delta', delta });
  }
  say(text: string): void {
    this.text += text;
    for (const delta of chunkText(text)) this.events.push({ type: 'text-delta', delta });
  }
  status(id: string, label: string, state: 'running' | 'done', detail?: string): void {
    this.events.push({ type: 'status', status: { id, label, state, ...(detail ? { detail } : {}) } });
  }
  /** Adds a citation event for a passage and returns its `[n]` marker. */
  cite(hit: PassageHit, quote: string): string {
    const n = ++this.#citations;
    const citation = passageCitation(n, hit, quote);
    this.events.push({ type: 'citation', citation });
    return `[${n}]`;
  }
  toolCall(name: string, args: Record<string, unknown>): void {
    this.events.push({ type: 'tool-call', toolCall: { id: `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`, name, args } });
  }
}

/** Words stay whole; Chinese goes two characters at a time, roughly one token each. */
export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  for (const [piece] of text.matchAll(/\p{Script=Han}{1,2}|[^\s\p{Script=Han}]+\s*|\s+/gu)) chunks.push(piece);
  return chunks;
}

function lastUserText(messages: ChatMessage[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i]?.role === 'user') return messages[i]?.content ?? '';
  return '';
}

function displayName(identity: Identity): string {
  return identity.name ?? identity.user;
}

/** Verified users without the procurement role may not raise orders (policy POL-FIN-004 §1). Without auth there is no role model. */
function mayOrder(identity: Identity): boolean {
  if (identity.user === 'anonymous' || identity.user === 'service') return true;
  return identity.roles.includes('procurement');
}

/** Keeps only the arguments the page's tool declares, so a strict schema on the page accepts them. */
function argsFor(tool: ToolDefinition, args: Record<string, unknown>): Record<string, unknown> {
  const properties = tool.parameters['properties'];
  if (!properties || typeof properties !== 'object') return args;
  return Object.fromEntries(Object.entries(args).filter(([key]) => key in properties));
}

/**
 * When a question names suppliers, their documents rank higher and documents about other suppliers
 * lower: "ACME的付款条件" must not be answered from the Chinese agreement with Huadong just
 * because it shares more Chinese words with the question.
 */
function supplierFocus(text: string): ((title: string) => number) | undefined {
  const lower = text.toLowerCase();
  const named = suppliers.filter((supplier) => supplier.aliases.some((alias) => lower.includes(alias)));
  if (named.length === 0) return undefined;
  return (title) => {
    const about = suppliers.filter((supplier) => supplier.aliases.some((alias) => title.toLowerCase().includes(alias)));
    if (about.length === 0) return 1;
    return about.some((supplier) => named.includes(supplier)) ? 2.5 : 0.1;
  };
}

function searchOptions(text: string, limit: number): { limit: number; boostTitle?: (title: string) => number } {
  const boostTitle = supplierFocus(text);
  return boostTitle ? { limit, boostTitle } : { limit };
}

/** The reasoning trace shows the question's terms; a 100,000-character question would otherwise stream back for minutes. */
const maxEchoChars = 200;

/** The start of `text`, visibly cut when longer than `maxEchoChars` (never inside a surrogate pair). */
function echoExcerpt(text: string): string {
  if (text.length <= maxEchoChars) return text;
  const cut = text.slice(0, maxEchoChars);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).replace(/[\s,]+$/, '') + '…';
}

function quoteQuery(query: string): string {
  return `${query} ${expandQuery(query)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  if (isRecord(value)) {
    const name = value['name'] ?? value['item'] ?? value['title'];
    const quantity = value['quantity'] ?? value['qty'];
    if (name !== undefined && quantity !== undefined) return `${String(quantity)} × ${String(name)}`;
    if (name !== undefined) return String(name);
    return Object.entries(value).map(([key, inner]) => `${key}: ${describeValue(inner)}`).join(', ');
  }
  return String(value);
}

function describeRecord(value: unknown): string {
  if (!isRecord(value)) return describeValue(value);
  return Object.entries(value)
    .filter(([, inner]) => inner !== undefined && inner !== null && inner !== '')
    .map(([key, inner]) => `${key}: ${describeValue(inner)}`)
    .join('; ');
}

export class DemoAnswerPlanner {
  readonly #index: KnowledgeIndex;

  constructor(index: KnowledgeIndex) {
    this.#index = index;
  }

  /** Every event of the answer to `request`, in order (the model paces them onto the wire). */
  plan(request: ModelRequest): ChatEvent[] {
    const answer = new AnswerBuilder();
    answer.events.push({ type: 'start', messageId: `msg_${randomUUID()}`, model: demoModelId });
    const last = request.messages[request.messages.length - 1];
    const question = lastUserText(request.messages);
    const phrases = demoPhrases[detectLanguage(question)];
    let finish: 'stop' | 'tool-calls' = 'stop';

    if (last?.role === 'tool') {
      this.#followUp(answer, request, phrases);
    } else {
      const intent = detectIntent(question);
      switch (intent.kind) {
        case 'current-document':
          this.#currentDocument(answer, request, phrases);
          break;
        case 'order':
          finish = this.#order(answer, request, question, intent.item, intent.supplier, intent.quantity, phrases);
          break;
        case 'stock':
          finish = this.#stock(answer, request, question, intent.item, phrases);
          break;
        case 'research':
          this.#research(answer, request.identity, question, phrases);
          break;
        case 'question':
          this.#question(answer, request.identity, question, phrases);
          break;
      }
    }
    if (finish === 'stop') answer.say(phrases.footer);
    const inputChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
    answer.events.push({
      type: 'usage',
      usage: {
        inputTokens: Math.ceil(inputChars / 4),
        outputTokens: Math.ceil((answer.text.length + answer.reasoning.length) / 4),
        reasoningTokens: Math.ceil(answer.reasoning.length / 4),
      },
    });
    answer.events.push({ type: 'finish', reason: finish });
    return answer.events;
  }

  #traceSearch(answer: AnswerBuilder, identity: Identity, query: string, hits: PassageHit[], phrases: DemoPhrases): void {
    const visible = this.#index.visibleDocuments(identity);
    const passages = visible.reduce((sum, document) => sum + document.sections.length, 0);
    const terms = [...new Set(tokenize(query).filter(isTelling))].join(', ');
    answer.think(phrases.searching(visible.length, passages, displayName(identity), echoExcerpt(terms || query)));
    if (hits.length === 0) return;
    answer.think(phrases.ranked);
    hits.slice(0, 4).forEach((hit, i) => answer.think(phrases.rankedLine(i + 1, hit.title, hit.heading, hit.score)));
  }

  /** Passages worth quoting: the best one and those scoring at least `share` of it. */
  #best(hits: PassageHit[], max: number, share = 0.5): PassageHit[] {
    const top = hits[0]?.score ?? 0;
    return hits.filter((hit) => hit.score >= top * share).slice(0, max);
  }

  #question(answer: AnswerBuilder, identity: Identity, question: string, phrases: DemoPhrases): void {
    const hits = this.#index.search(question, identity, searchOptions(question, 8));
    this.#traceSearch(answer, identity, question, hits, phrases);
    const best = this.#best(hits, 3);
    const first = best[0];
    if (!first) {
      answer.say(phrases.nothingFound);
      return;
    }
    answer.think(phrases.quoting(best.length));
    const quote = quotePassage(first.text, quoteQuery(question), 3);
    answer.say(phrases.according(first.title, first.heading) + quote + ' ' + answer.cite(first, quote));
    const others = best.slice(1);
    if (others.length === 0) return;
    answer.say(phrases.alsoRelevant);
    for (const hit of others) {
      const more = quotePassage(hit.text, quoteQuery(question), 2);
      answer.say(`- *${hit.title}* (${hit.heading}): ${more} ${answer.cite(hit, more)}\n`);
    }
  }

  #research(answer: AnswerBuilder, identity: Identity, question: string, phrases: DemoPhrases): void {
    answer.status('search', phrases.steps.search, 'running');
    const hits = this.#index.search(question, identity, searchOptions(question, 12));
    this.#traceSearch(answer, identity, question, hits, phrases);
    answer.status('search', phrases.steps.search, 'done', phrases.stepDetail.matched(hits.length));
    // One passage per document; a document's overview names everything, so a specific section wins when it is close.
    const perDocument = new Map<string, PassageHit>();
    const weigh = (hit: PassageHit) => hit.score * (hit.id.endsWith('#0') && /^(Overview|概述)$/.test(hit.heading) ? 0.7 : 1);
    const consider = (hit: PassageHit) => {
      const current = perDocument.get(hit.documentId);
      if (!current || weigh(hit) > weigh(current)) perDocument.set(hit.documentId, hit);
    };
    // Each supplier the question names gets its own search, so a comparison never loses one side
    // to a document that merely shares more words (or more of the question's language) with it.
    const lower = question.toLowerCase();
    for (const supplier of suppliers.filter((candidate) => candidate.aliases.some((alias) => lower.includes(alias)))) {
      const own = this.#index.search(question, identity, { limit: 12, boostTitle: supplierFocus(supplier.aliases[0] ?? '') ?? (() => 1) });
      const best = own.find(this.#supplierAgreement(supplier)) ?? own.find((hit) => supplier.aliases.some((alias) => hit.title.toLowerCase().includes(alias)));
      if (best) consider(best);
    }
    for (const hit of this.#best(hits, 12, 0.2)) consider(hit);
    const sources = [...perDocument.values()].slice(0, 3);
    answer.status('read', phrases.steps.read, 'running');
    if (sources.length === 0) {
      answer.status('read', phrases.steps.read, 'done', phrases.stepDetail.read([]));
      answer.say(phrases.nothingFound);
      return;
    }
    answer.think(phrases.quoting(sources.length));
    answer.status('read', phrases.steps.read, 'done', phrases.stepDetail.read(sources.map((hit) => hit.title)));
    answer.status('compare', phrases.steps.compare, 'running');
    const quotes = sources.map((hit) => ({ hit, quote: quotePassage(hit.text, quoteQuery(question), 3) }));
    answer.status('compare', phrases.steps.compare, 'done', phrases.stepDetail.compared(sources.length));
    answer.status('compose', phrases.steps.compose, 'running');
    answer.say(phrases.researchIntro(sources.length));
    for (const { hit, quote } of quotes) answer.say(`- **${hit.title}** (${hit.heading}): ${quote} ${answer.cite(hit, quote)}\n`);
    answer.status('compose', phrases.steps.compose, 'done');
  }

  /** Quotes the best passage for `query`, optionally only from documents matching `documentFilter`, with its citation. */
  #quoteBest(answer: AnswerBuilder, identity: Identity, query: string, sentences: number, documentFilter?: (hit: PassageHit) => boolean): string | undefined {
    const hit = this.#index.search(query, identity, searchOptions(query, 10)).find((candidate) => !documentFilter || documentFilter(candidate));
    if (!hit) return undefined;
    const quote = quotePassage(hit.text, quoteQuery(query), sentences);
    return `${quote} ${answer.cite(hit, quote)}`;
  }

  #supplierAgreement(supplier: CatalogSupplier): (hit: PassageHit) => boolean {
    return (hit) => supplier.aliases.some((alias) => hit.title.toLowerCase().includes(alias)) && /agreement|协议/i.test(hit.title);
  }

  #order(
    answer: AnswerBuilder,
    request: ModelRequest,
    question: string,
    item: CatalogItem,
    namedSupplier: CatalogSupplier | undefined,
    quantity: number,
    phrases: DemoPhrases,
  ): 'stop' | 'tool-calls' {
    const tool = request.tools.find((candidate) => candidate.name === 'create_purchase_order');
    if (!tool) {
      answer.say(phrases.noActionOffered('create_purchase_order'));
      this.#question(answer, request.identity, question, phrases);
      return 'stop';
    }
    if (!mayOrder(request.identity)) {
      const policy = this.#quoteBest(answer, request.identity, 'who may raise purchase orders procurement role requisition', 2);
      answer.say(phrases.noPermissionToOrder(displayName(request.identity)) + (policy ?? ''));
      return 'stop';
    }
    const supplier = namedSupplier ?? suppliers.find((candidate) => candidate.name === item.preferredSupplier) ?? suppliers[0]!;
    const price = item.prices[supplier.name];
    const total = price ? price.unitPrice * quantity : undefined;
    const approval = price && total !== undefined ? phrases.approval(toUsd(total, price.currency)) : '';
    answer.think(
      phrases.orderReasoning(quantity, item.name, item.sku, supplier.name, namedSupplier !== undefined, price ? phrases.money(price.unitPrice, price.currency) : undefined, approval),
    );
    answer.say(phrases.orderProposal(quantity, item.name, supplier.name, price && total !== undefined ? phrases.money(total, price.currency) : undefined));
    answer.toolCall(
      tool.name,
      argsFor(tool, {
        supplier: supplier.name,
        item: item.name,
        sku: item.sku,
        quantity,
        ...(price ? { unitPrice: price.unitPrice, currency: price.currency } : {}),
      }),
    );
    return 'tool-calls';
  }

  #stock(answer: AnswerBuilder, request: ModelRequest, question: string, item: CatalogItem, phrases: DemoPhrases): 'stop' | 'tool-calls' {
    const tool = request.tools.find((candidate) => candidate.name === 'lookup_stock');
    if (!tool) {
      this.#question(answer, request.identity, question, phrases);
      return 'stop';
    }
    answer.think(phrases.stockReasoning(item.name));
    answer.say(phrases.stockProposal(item.name));
    answer.toolCall(tool.name, argsFor(tool, { item: item.name, sku: item.sku }));
    return 'tool-calls';
  }

  #followUp(answer: AnswerBuilder, request: ModelRequest, phrases: DemoPhrases): void {
    const messages = request.messages;
    let first = messages.length;
    while (first > 0 && messages[first - 1]?.role === 'tool') first--;
    const calls = messages
      .slice(0, first)
      .reverse()
      .find((message) => message.role === 'assistant' && message.toolCalls?.length)?.toolCalls ?? [];
    const results = messages.slice(first);
    results.forEach((message, i) => {
      const call = calls.find((candidate) => candidate.id === message.toolCallId) ?? calls[i];
      const name = call?.name ?? 'action';
      const args = isRecord(call?.args) ? call.args : {};
      let result: unknown = message.content;
      try {
        result = JSON.parse(message.content);
      } catch {
        // A plain-text tool result is quoted as it is.
      }
      if (i > 0) answer.say('\n\n');
      answer.think(`Tool result for ${name}: ${message.content.slice(0, 300)}\n`);
      if (isRecord(result) && result['rejected'] === true) {
        answer.say(phrases.rejected(name));
        return;
      }
      const error = isRecord(result) ? result['error'] : undefined;
      if (error !== undefined && error !== null && error !== false) {
        answer.say(phrases.failed(name, isRecord(error) ? String(error['message'] ?? describeRecord(error)) : String(error)));
        return;
      }
      const fields = isRecord(result) ? result : {};
      if (name === 'create_purchase_order') {
        const id = fields['id'] ?? fields['poNumber'] ?? fields['orderId'] ?? fields['number'];
        const quantity = fields['quantity'] ?? args['quantity'];
        const item = fields['item'] ?? args['item'];
        const supplierName = String(fields['supplier'] ?? args['supplier'] ?? '');
        const status = fields['status'];
        const summary =
          phrases === demoPhrases.zh
            ? `采购订单 **${String(id ?? '')}** 已创建：向 ${supplierName} 采购 ${String(quantity)} × ${String(item)}${status ? `（状态：${String(status)}）` : ''}`
            : `purchase order **${String(id ?? '(no number)')}** for ${String(quantity)} × ${String(item)} from ${supplierName} was created${status ? ` (status: ${String(status)})` : ''}`;
        answer.say(phrases.orderCreated(summary));
        const supplier = findSupplier(supplierName);
        if (supplier) {
          const terms = this.#quoteBest(answer, request.identity, `payment terms ${supplier.aliases[0]}`, 2, this.#supplierAgreement(supplier));
          if (terms) answer.say(`\n\n${phrases.paymentNote}${terms}`);
        }
        return;
      }
      if (name === 'lookup_stock') {
        const number = (key: string) => (typeof fields[key] === 'number' ? (fields[key] as number) : undefined);
        const available = number('available') ?? number('quantity') ?? number('stock');
        if (available === undefined) {
          answer.say(phrases.stockResult(describeRecord(result)));
          return;
        }
        const item = String(fields['item'] ?? args['item'] ?? '');
        answer.say(phrases.stockLevel(item, String(fields['sku'] ?? ''), available, number('onHand'), number('reserved'), number('reorderPoint')));
        return;
      }
      answer.say(phrases.actionResult(name, describeRecord(result)));
    });
  }

  #currentDocument(answer: AnswerBuilder, request: ModelRequest, phrases: DemoPhrases): void {
    const context = request.context ?? {};
    if (Object.keys(context).length === 0) {
      answer.say(phrases.noContext);
      return;
    }
    const order =
      [context['order'], context['currentOrder'], context['purchaseOrder'], context['document']].find(isRecord) ?? context;
    answer.think(phrases.currentDocumentReasoning(Object.keys(context)));
    const id = String(order['id'] ?? order['number'] ?? order['poNumber'] ?? '—');
    const supplierValue = order['supplier'];
    const supplierName = isRecord(supplierValue) ? String(supplierValue['name'] ?? '') : String(supplierValue ?? '');
    const amount = Number(order['amount'] ?? order['total']);
    const currency = String(order['currency'] ?? 'USD') === 'CNY' ? 'CNY' : 'USD';
    const labels = phrases.currentDocumentFields;
    const lines: string[] = [];
    const add = (label: string, value: unknown) => {
      if (value !== undefined && value !== null && value !== '') lines.push(`- **${label}**: ${describeValue(value)}`);
    };
    add(labels.status, order['status']);
    add(labels.supplier, supplierName || undefined);
    add(labels.amount, Number.isFinite(amount) ? phrases.money(amount, currency) : undefined);
    add(labels.items, order['items'] ?? order['lines']);
    add(labels.expectedDelivery, order['expectedDelivery'] ?? order['deliveryDate']);
    add(labels.requestedBy, order['requestedBy']);
    add(labels.approver, order['approver']);
    answer.say(phrases.currentDocumentIntro(id) + '\n\n' + lines.join('\n'));
    const policy: string[] = [];
    const supplier = findSupplier(supplierName);
    if (supplier) {
      const terms = this.#quoteBest(answer, request.identity, `payment terms ${supplier.aliases[0]}`, 2, this.#supplierAgreement(supplier));
      if (terms) policy.push(`- ${phrases.paymentNote}${terms}`);
    }
    if (Number.isFinite(amount)) {
      const approvalRule = this.#quoteBest(answer, request.identity, 'approval thresholds purchase order CFO USD', 3, (hit) => /procurement policy/i.test(hit.title));
      if (approvalRule) policy.push(`- ${phrases.approval(toUsd(amount, currency))} ${approvalRule}`);
    }
    if (policy.length > 0) answer.say(phrases.currentDocumentPolicy + policy.join('\n'));
  }
}

/**
 * The default model: retrieval over the bundled corpus, honest about not being an LLM. Deltas are
 * paced by `delayMs` so the demo streams visibly; the pause aborts the moment the client leaves.
 */
export function createDemoModel({ index, delayMs = 15 }: DemoModelOptions): ChatModel {
  const planner = new DemoAnswerPlanner(index);
  return async function* demoModel(request, signal) {
    for (const event of planner.plan(request)) {
      signal.throwIfAborted();
      const pause = event.type === 'status' ? delayMs * 8 : event.type.endsWith('-delta') ? delayMs : 0;
      if (pause > 0) await sleep(pause, undefined, { signal });
      yield event;
    }
  };
}

import { seededRandom } from './seeded-random.mjs';

const words = (
  'supplier invoice ledger quarter revenue margin approval workflow warehouse shipment customer ' +
  'contract clause policy budget forecast variance audit report region team restock order item ' +
  'delivery schedule payment terms discount freight customs inventory reorder level threshold'
).split(' ');
const codeLines = [
  'const total = lines.reduce((sum, line) => sum + line.quantity * line.price, 0);',
  'if (total > budget.remaining) throw new Error(`over budget by ${total - budget.remaining}`);',
  'for (const line of order.lines) reserve(line.sku, line.quantity);',
  'await ledger.post({ account: 4010, amount: total, memo: order.id });',
  'return { orderId: order.id, total, approvedBy: approver.name };',
  'SELECT sku, SUM(quantity) AS units FROM shipments WHERE region = ? GROUP BY sku;',
];

/**
 * A deterministic markdown answer of about `targetLength` characters with paragraphs, headings,
 * bullet and numbered lists, tables and fenced code, like a long model answer. `segments` are
 * the runs of visible text (a paragraph, a list item, a table cell, a code line) in reading
 * order: a rendered answer is complete when each appears, in order, in the rendered text.
 */
export function markdownAnswer({ seed = 42, targetLength = 20_000 } = {}) {
  const random = seededRandom(seed);
  const sentence = () => {
    const n = random.int(6, 14);
    const list = Array.from({ length: n }, () => random.pick(words));
    list[0] = list[0][0].toUpperCase() + list[0].slice(1);
    return `${list.join(' ')}.`;
  };
  const blocks = [];
  const segments = [];
  let length = 0;
  const add = (markdown, visible) => {
    blocks.push(markdown);
    segments.push(...visible);
    length += markdown.length + 2;
  };
  let section = 1;
  while (length < targetLength - 200) {
    const kind = random.pick(['paragraph', 'paragraph', 'paragraph', 'bullets', 'numbered', 'table', 'code', 'heading']);
    if (kind === 'paragraph') {
      const sentences = Array.from({ length: random.int(2, 5) }, sentence);
      const emphasis = random.pick(words);
      const text = `${sentences.join(' ')} The **${emphasis}** figure uses \`${random.pick(words)}_id\`.`;
      add(text, [`${sentences.join(' ')} The ${emphasis} figure uses ${text.match(/`(.*)`/)[1]}.`]);
    } else if (kind === 'heading') {
      const title = `Section ${section++} ${random.pick(words)} ${random.pick(words)}`;
      add(`## ${title}`, [title]);
    } else if (kind === 'bullets' || kind === 'numbered') {
      const items = Array.from({ length: random.int(3, 6) }, sentence);
      add(items.map((item, i) => (kind === 'bullets' ? `- ${item}` : `${i + 1}. ${item}`)).join('\n'), items);
    } else if (kind === 'table') {
      const header = ['Item', 'Region', 'Units', 'Status'];
      const rows = Array.from({ length: random.int(3, 6) }, () => [
        `SKU-${random.int(1000, 9999)}`,
        random.pick(['North', 'South', 'East', 'West']),
        String(random.int(1, 900)),
        random.pick(['approved', 'pending', 'shipped']),
      ]);
      const markdown = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
      add(markdown, [...header, ...rows.flat()]);
    } else {
      const lines = Array.from({ length: random.int(3, 8) }, () => random.pick(codeLines));
      add(`\`\`\`js\n${lines.join('\n')}\n\`\`\``, lines);
    }
  }
  const closing = 'That completes the restock plan and every order is ready for approval.';
  add(closing, [closing]);
  return { markdown: blocks.join('\n\n'), segments };
}

/** Splits text into stream chunks of 1–9 characters (seeded): about 4,000 for 20,000 characters. */
export function streamChunks(text, { seed = 9, min = 1, max = 9 } = {}) {
  const random = seededRandom(seed);
  const chunks = [];
  for (let offset = 0; offset < text.length; ) {
    const size = random.int(min, max);
    chunks.push(text.slice(offset, offset + size));
    offset += size;
  }
  return chunks;
}

/**
 * A 1,000-message conversation (alternating question and answer; answers are short markdown:
 * paragraphs, lists, code, tables). The newest message ends with `sentinel` so a page can tell
 * when it is on screen.
 */
export function longHistory({ seed = 1000, count = 1000, sentinel = 'NEWEST-MESSAGE-SENTINEL' } = {}) {
  const random = seededRandom(seed);
  const messages = [];
  for (let i = 0; i < count; i++) {
    const role = i % 2 === 0 ? 'user' : 'assistant';
    let text;
    if (role === 'user') {
      text = `Question ${i / 2 + 1}: what is the ${random.pick(words)} ${random.pick(words)} for ${random.pick(['North', 'South', 'East', 'West'])}?`;
    } else {
      text = markdownAnswer({ seed: seed + i, targetLength: random.int(200, 900) }).markdown;
    }
    messages.push({ role, text });
  }
  messages[count - 1].text += `\n\n${sentinel}`;
  return { messages, sentinel };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citedDocuments, nativeEvents, reasoningOf, textOf } from './testing/native-events.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

async function ask(content: string) {
  const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content }] });
  return { documents: citedDocuments(events), text: textOf(events) };
}

describe('retrieval over the bundled corpus', () => {
  it.each([
    ['What are the payment terms with ACME?', 'acme-supply-agreement', 'Net 45'],
    ['Who approves an order of USD 30,000?', 'procurement-policy', 'Chief Financial Officer'],
    ['How often are laptops replaced?', 'it-equipment-standard', 'every 3 years'],
    ['What is the warranty on ACME laptops?', 'acme-supply-agreement', '3-year on-site warranty'],
    ['ACME的付款条件是什么？', 'acme-supply-agreement', 'Net 45'],
    ['华东电子的付款条件', 'huadong-electronics-agreement', '月结60天'],
    ['差旅住宿标准是多少？', 'travel-policy', '每晚不超过人民币600元'],
    ['新供应商准入需要什么条件？', 'supplier-onboarding', '营业执照'],
  ])('%s → %s', async (question, documentId, quoted) => {
    const { documents, text } = await ask(question);
    expect(documents[0]).toBe(documentId);
    expect(text).toContain(quoted);
  });

  it('answers in the language of the question', async () => {
    expect((await ask('差旅住宿标准是多少？')).text).toMatch(/^根据《差旅管理办法/);
    expect((await ask('What are the payment terms with ACME?')).text).toMatch(/^According to \*ACME/);
  });

  it('says honestly when nothing matches instead of inventing an answer', async () => {
    const { documents, text } = await ask('zebra quantum marmalade');
    expect(documents).toEqual([]);
    expect(text).toContain("couldn't find anything");
  });

  // Each delta is paced (15 ms by default): echoing a 100,000-character question streamed for about five minutes;
  // under 400 deltas is under 6 s.
  it.each([
    ['distinct words', 'payment terms ' + Array.from({ length: 25_000 }, (_, i) => `w${i.toString(36)}`).join(' ')],
    ['no words at all', '?'.repeat(100_000)],
  ])('quotes a 100,000-character question (%s) back as a short excerpt, visibly cut', async (_, words) => {
    const question = words.slice(0, 100_000);
    expect(question).toHaveLength(100_000);
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: question }] });
    const searching = reasoningOf(events).split('\n')[0] ?? '';
    expect(searching).toMatch(/…\.$/);
    expect(searching.length).toBeLessThan(400);
    expect(events.filter((event) => event.type.endsWith('-delta')).length).toBeLessThan(400);
  });
});

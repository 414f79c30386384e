import type { ChatEvent } from '@parley/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatModel } from './chat-model.js';
import { mintDemoToken } from './demo-users.js';
import { postJson } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway | undefined;
afterEach(() => gateway?.close());

const question = { messages: [{ role: 'user', content: 'Count to five' }] };

/** A model that says one word each time `next()` is called, then finishes; it records an abort. */
function steppedModel(words = ['one', 'two', 'three', 'four', 'five']) {
  const gates: Array<() => void> = [];
  let calls = 0;
  let aborted = false;
  const model: ChatModel = async function* (_request, signal) {
    calls++;
    signal.addEventListener('abort', () => {
      aborted = true;
      for (const open of gates.splice(0)) open();
    });
    yield { type: 'start' } satisfies ChatEvent;
    for (const word of words) {
      await new Promise<void>((resolve) => gates.push(resolve));
      if (signal.aborted) return;
      yield { type: 'text-delta', delta: `${word} ` } satisfies ChatEvent;
    }
    yield { type: 'finish', reason: 'stop' } satisfies ChatEvent;
  };
  const next = async () => {
    while (gates.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    gates.shift()!();
  };
  return { model, next, calls: () => calls, aborted: () => aborted };
}

interface SseEvent {
  id: string | undefined;
  data: string;
}

/** Reads SSE events off a response until `until` says stop (or the body ends), then cancels it if asked. */
async function readEvents(response: Response, until: (events: SseEvent[]) => boolean = () => false, cancel = false): Promise<SseEvent[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = '';
  while (!until(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const lines = buffer.slice(0, end).split('\n');
      buffer = buffer.slice(end + 2);
      const data = lines.filter((line) => line.startsWith('data: ')).map((line) => line.slice(6));
      if (data.length) events.push({ id: lines.find((line) => line.startsWith('id: '))?.slice(4), data: data.join('\n') });
    }
  }
  if (cancel) await reader.cancel();
  return events;
}

const texts = (events: SseEvent[]) => events.map((event) => JSON.parse(event.data) as ChatEvent).map((event) => (event.type === 'text-delta' ? event.delta : `<${event.type}>`));

describe('resuming an answer after the connection broke (Last-Event-ID)', () => {
  it('gives the rest of the answer after the last event the client got: nothing twice, nothing missing, the model never restarted', async () => {
    const stepped = steppedModel();
    gateway = await startTestGateway({ model: stepped.model });
    const first = await postJson(`${gateway.url}/api/chat`, question);
    void stepped.next();
    void stepped.next();
    const before = await readEvents(first, (events) => events.length === 3, true);
    expect(texts(before)).toEqual(['<start>', 'one ', 'two ']);
    expect(before.every((event) => /^[0-9a-f-]{36}:\d+$/.test(event.id ?? ''))).toBe(true);

    // The model goes on while nobody is connected.
    await stepped.next();
    const resumed = await postJson(`${gateway.url}/api/chat`, question, { 'last-event-id': before[2]!.id! });
    expect(resumed.status).toBe(200);
    expect(resumed.headers.get('content-type')).toContain('text/event-stream');
    void (async () => {
      await stepped.next();
      await stepped.next();
    })();
    const after = await readEvents(resumed);
    expect(texts(after)).toEqual(['three ', 'four ', 'five ', '<finish>']);
    expect([...before, ...after].map((event) => Number(event.id!.split(':')[1]))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stepped.calls()).toBe(1);
    expect(stepped.aborted()).toBe(false);
  });

  it('a finished answer can still be taken up for its last events', async () => {
    gateway = await startTestGateway({ model: async function* () {
      yield { type: 'text-delta', delta: 'Net 30.' } satisfies ChatEvent;
      yield { type: 'finish', reason: 'stop' } satisfies ChatEvent;
    } });
    const whole = await readEvents(await postJson(`${gateway.url}/api/chat`, question));
    expect(texts(whole)).toEqual(['Net 30.', '<finish>']);
    const rest = await readEvents(await postJson(`${gateway.url}/api/chat`, question, { 'last-event-id': whole[0]!.id! }));
    expect(texts(rest)).toEqual(['<finish>']);
  });

  it("refuses another user's answer (404, none of its text), and an id it never gave", async () => {
    const secret = 'resume-test-secret-that-is-long-enough';
    const stepped = steppedModel();
    gateway = await startTestGateway({ model: stepped.model, jwtSecret: secret });
    const alice = (await mintDemoToken(secret, 'alice')).token;
    const bob = (await mintDemoToken(secret, 'bob')).token;
    void stepped.next();
    const seen = await readEvents(await postJson(`${gateway.url}/api/chat`, question, { authorization: `Bearer ${alice}` }), (events) => events.length === 2, true);
    void stepped.next();

    const stolen = await postJson(`${gateway.url}/api/chat`, question, { authorization: `Bearer ${bob}`, 'last-event-id': seen[0]!.id! });
    expect(stolen.status).toBe(404);
    const body = await stolen.text();
    expect(body).toContain('no answer to resume');
    expect(body).not.toContain('one');

    for (const id of ['00000000-0000-0000-0000-000000000000:0', 'not an id', `${seen[0]!.id!.split(':')[0]}:99`]) {
      const unknown = await postJson(`${gateway.url}/api/chat`, question, { authorization: `Bearer ${alice}`, 'last-event-id': id });
      expect(unknown.status, id).toBe(404);
      await unknown.text();
    }
    // Alice herself may.
    const own = await postJson(`${gateway.url}/api/chat`, question, { authorization: `Bearer ${alice}`, 'last-event-id': seen[1]!.id! });
    expect(own.status).toBe(200);
    await own.body!.cancel();
  });

  it('stops the model once nobody came back within the grace, and then the answer cannot be taken up', async () => {
    const stepped = steppedModel();
    const aborts: string[] = [];
    gateway = await startTestGateway({ model: stepped.model, resumeGraceMs: 150, onAbort: (info) => aborts.push(info.path) });
    void stepped.next();
    const seen = await readEvents(await postJson(`${gateway.url}/api/chat`, question), (events) => events.length === 2, true);
    const left = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(stepped.aborted()).toBe(false);
    await expect.poll(() => stepped.aborted(), { timeout: 2000, interval: 10 }).toBe(true);
    expect(Date.now() - left).toBeGreaterThanOrEqual(140);
    expect(aborts).toEqual(['/api/chat']);
    const late = await postJson(`${gateway.url}/api/chat`, question, { 'last-event-id': seen[1]!.id! });
    expect(late.status).toBe(404);
    await late.text();
  });

  it('a client that comes back within the grace keeps the model running', async () => {
    const stepped = steppedModel(['one', 'two']);
    const aborts: string[] = [];
    gateway = await startTestGateway({ model: stepped.model, resumeGraceMs: 150, onAbort: (info) => aborts.push(info.path) });
    const seen = await readEvents(await postJson(`${gateway.url}/api/chat`, question), (events) => events.length === 1, true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const resumed = await postJson(`${gateway.url}/api/chat`, question, { 'last-event-id': seen[0]!.id! });
    await new Promise((resolve) => setTimeout(resolve, 250));
    void (async () => {
      await stepped.next();
      await stepped.next();
    })();
    expect(texts(await readEvents(resumed))).toEqual(['one ', 'two ', '<finish>']);
    expect(stepped.aborted()).toBe(false);
    expect(aborts).toEqual([]);
  });

  it("a new question from the same user stops their answers nobody follows at once (a Stop, then asking again), not another user's", async () => {
    const secret = 'resume-test-secret-that-is-long-enough';
    const models = [steppedModel(), steppedModel(), steppedModel()];
    let made = 0;
    const aborts: string[] = [];
    gateway = await startTestGateway({ jwtSecret: secret, resumeGraceMs: 60_000, model: (request, signal) => models[made++]!.model(request, signal), onAbort: (info) => aborts.push(info.identity.user) });
    const alice = { authorization: `Bearer ${(await mintDemoToken(secret, 'alice')).token}` };
    const bob = { authorization: `Bearer ${(await mintDemoToken(secret, 'bob')).token}` };
    await readEvents(await postJson(`${gateway.url}/api/chat`, question, alice), (events) => events.length === 1, true);
    await readEvents(await postJson(`${gateway.url}/api/chat`, question, bob), (events) => events.length === 1, true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(models.map((model) => model.aborted())).toEqual([false, false, false]);

    const again = await postJson(`${gateway.url}/api/chat`, question, alice);
    await expect.poll(() => models[0]!.aborted(), { timeout: 2000, interval: 10 }).toBe(true);
    expect(models[1]!.aborted()).toBe(false);
    expect(aborts).toEqual(['alice']);
    await again.body!.cancel();
  });
});

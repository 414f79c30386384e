import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent } from './chat-event.js';
import { createClient, type ClientOptions } from './create-client.js';
import type { Emit, Frame, ProtocolAdapter, ResponseInfo } from './protocol-adapter.js';
import { replay } from './testing/replay.js';
import { useMswServer } from './testing/use-msw-server.js';
import type { Timers } from './timers.js';

const url = 'https://gateway.test/v1/chat/completions';
const server = useMswServer();

const encoder = new TextEncoder();
const chunk = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}}]}\n\n`;
const done = chunk('') .replace('"delta"', '"finish_reason":"stop","delta"') + 'data: [DONE]\n\n';
const sse = (body: string, init: ResponseInit = {}) =>
  new HttpResponse(body, { ...init, headers: { 'content-type': 'text/event-stream', ...(init.headers as Record<string, string>) } });

/** Waits are recorded, not slept: retries run at once and the test sees what the client would have waited. */
function fakeTimers(now = Date.UTC(2026, 10, 30, 12, 0, 0)) {
  const waits: number[] = [];
  const timers: Timers = {
    setTimeout(callback, ms) {
      waits.push(ms);
      return setImmediate(callback);
    },
    clearTimeout: (handle) => clearImmediate(handle as ReturnType<typeof setImmediate>),
    now: () => now,
    random: () => 0.5,
  };
  return { timers, waits };
}

function client(options: Partial<ClientOptions> = {}) {
  return createClient({ url, protocol: 'openai', model: 'deepseek-chat', idleTimeoutMs: 0, ...options });
}
const ask = { messages: [{ role: 'user' as const, content: 'Payment terms?' }] };

/** Serves the given responses in order, counting requests. */
function serve(...responses: (() => Response)[]) {
  const seen: Request[] = [];
  server.use(
    http.post(url, ({ request }) => {
      seen.push(request);
      const next = responses[Math.min(seen.length - 1, responses.length - 1)] as () => Response;
      return next();
    }),
  );
  return seen;
}

describe('createClient transport', () => {
  it('retries a 503 after the seconds in retry-after, then streams', async () => {
    const seen = serve(() => HttpResponse.json({ error: { message: 'busy', type: 'server_error' } }, { status: 503, headers: { 'retry-after': '3' } }), () => sse(chunk('Net 30') + done));
    const { timers, waits } = fakeTimers();
    const result = await client({ timers }).stream(ask).result;
    expect(result).toMatchObject({ text: 'Net 30', finishReason: 'stop', error: null });
    expect(seen).toHaveLength(2);
    expect(waits).toEqual([3000]);
  });

  it('honours retry-after as an HTTP date, and retry-after-ms before it', async () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    serve(
      () => new HttpResponse(null, { status: 429, headers: { 'retry-after': new Date(now + 5000).toUTCString() } }),
      () => new HttpResponse(null, { status: 529, headers: { 'retry-after-ms': '1250', 'retry-after': '9' } }),
      () => sse(chunk('ok') + done),
    );
    const { timers, waits } = fakeTimers(now);
    const result = await client({ timers }).stream(ask).result;
    expect(result.text).toBe('ok');
    expect(waits).toEqual([5000, 1250]);
  });

  it('backs off exponentially with jitter, then reports the gateway’s own error code', async () => {
    const seen = serve(() => HttpResponse.json({ error: { message: 'Internal', type: 'server_error', code: 'internal_error' } }, { status: 500 }));
    const { timers, waits } = fakeTimers();
    const result = await client({ timers, retry: { attempts: 4, baseMs: 1000, maxMs: 3000 } }).stream(ask).result;
    expect(seen).toHaveLength(4);
    // random() = 0.5 of a ceiling doubling from 1 s and capped at 3 s.
    expect(waits).toEqual([500, 1000, 1500]);
    expect(result).toMatchObject({ finishReason: 'error', error: { code: 'internal_error', status: 500, retryable: true } });
  });

  it('does not wait for a retry-after beyond the cap: the error carries retryAfterMs', async () => {
    const seen = serve(() => HttpResponse.json({ error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, { status: 429, headers: { 'retry-after': '120' } }));
    const { timers } = fakeTimers();
    const result = await client({ timers }).stream(ask).result;
    expect(seen).toHaveLength(1);
    expect(result.error).toEqual({ code: 'rate_limit_exceeded', message: 'Rate limit reached', status: 429, retryable: true, retryAfterMs: 120_000 });
  });

  it('follows x-should-retry over the status table', async () => {
    const { timers } = fakeTimers();
    const never = serve(() => HttpResponse.json({ error: { message: 'quota', code: 'insufficient_quota' } }, { status: 429, headers: { 'x-should-retry': 'false' } }));
    expect((await client({ timers }).stream(ask).result).error).toMatchObject({ code: 'insufficient_quota', retryable: false });
    expect(never).toHaveLength(1);
    const again = serve(() => new HttpResponse(null, { status: 400, headers: { 'x-should-retry': 'true' } }), () => sse(chunk('ok') + done));
    expect((await client({ timers }).stream(ask).result).text).toBe('ok');
    expect(again).toHaveLength(2);
  });

  it('retries network failures and sends nothing twice with retry: false', async () => {
    const seen = serve(() => HttpResponse.error(), () => sse(chunk('back') + done));
    const { timers } = fakeTimers();
    expect((await client({ timers }).stream(ask).result).text).toBe('back');
    expect(seen).toHaveLength(2);

    const once = serve(() => HttpResponse.error());
    const result = await client({ timers, retry: false }).stream(ask).result;
    expect(once).toHaveLength(1);
    expect(result).toMatchObject({ finishReason: 'error', error: { code: 'network', retryable: true } });
  });

  it('asks headers() again once on a 401 (telling it to refresh) and retries once, then gives up', async () => {
    const tokens: string[] = [];
    const refreshes: boolean[] = [];
    const headers = async ({ refresh }: { refresh: boolean }) => {
      refreshes.push(refresh);
      const token = `token-${tokens.length + 1}`;
      tokens.push(token);
      return { Authorization: `Bearer ${token}` };
    };
    const seen = serve(
      () => HttpResponse.json({ error: { message: 'expired', type: 'invalid_request_error', code: 'invalid_api_key' } }, { status: 401 }),
      () => sse(chunk('fresh') + done),
    );
    const result = await client({ headers }).stream(ask).result;
    expect(result.text).toBe('fresh');
    expect(seen.map((request) => request.headers.get('authorization'))).toEqual(['Bearer token-1', 'Bearer token-2']);
    // The retry after the 401 is the one told to drop a cached token; the first request is not.
    expect(refreshes).toEqual([false, true]);

    const again = serve(() => HttpResponse.json({ error: { message: 'no', code: 'invalid_api_key' } }, { status: 401 }));
    const failed = await client({ headers }).stream(ask).result;
    expect(again).toHaveLength(2);
    expect(failed.error).toMatchObject({ code: 'invalid_api_key', status: 401, retryable: false });
  });

  it('after a 401, retries only if headers() gives other headers: the same token would be refused again', async () => {
    const headers = async () => ({ authorization: 'Bearer cached' });
    const seen = serve(() => HttpResponse.json({ error: { message: 'expired', code: 'invalid_api_key' } }, { status: 401 }));
    const result = await client({ headers }).stream(ask).result;
    expect(seen).toHaveLength(1);
    expect(result.error).toMatchObject({ code: 'invalid_api_key', status: 401, retryable: false });
  });

  it('a headers() that gives what cannot be sent (a token not fetched yet) ends the stream before any request and says which header', async () => {
    const seen = serve(() => sse(chunk('never') + done));
    let token: string | undefined;
    const headers = async () => ({ authorization: token }) as unknown as Record<string, string>;
    const result = await client({ headers }).stream(ask).result;
    expect(seen).toHaveLength(0);
    expect(result).toMatchObject({ finishReason: 'error', error: { code: 'configuration', retryable: false } });
    expect(result.error!.message).toBe('headers: "authorization" is undefined, expected a string; nothing was sent.');
    // A Headers object is what fetch itself takes: it is sent as it is.
    const sent = serve(() => sse(chunk('ok') + done));
    token = 'Bearer fetched';
    expect((await client({ headers: async () => new Headers({ authorization: token! }) as unknown as Record<string, string> }).stream(ask).result).text).toBe('ok');
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer fetched');
  });

  it('a headers() that throws ends the stream before any request, as an error worth retrying later', async () => {
    const seen = serve(() => sse(chunk('never') + done));
    const headers = async () => {
      throw new Error('token endpoint answered 503');
    };
    const result = await client({ headers }).stream(ask).result;
    expect(seen).toHaveLength(0);
    expect(result).toMatchObject({ finishReason: 'error', error: { code: 'headers_failed', message: 'headers() threw: token endpoint answered 503', retryable: true } });
  });

  describe('an answer whose connection broke, from a gateway that numbers its events (Parley protocol)', () => {
    const event = (id: number, delta: string) => `id: answer-1:${id}\ndata: ${JSON.stringify({ type: 'text-delta', delta })}\n\n`;
    /** A body that sends `text`, then breaks. */
    const breaking = (text: string, headers: Record<string, string> = {}) => {
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pulls++ === 0) return controller.enqueue(encoder.encode(text));
          // Erroring drops what is queued: the client reads the text first, as over a network.
          await new Promise((resolve) => setTimeout(resolve, 5));
          controller.error(new Error('connection reset'));
        },
      });
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream', ...headers } });
    };

    it('asks for the rest after the last event (Last-Event-ID), a half event dropped, and shows the answer whole', async () => {
      const seen = serve(
        () => breaking(event(0, 'Net 30, ') + 'id: answer-1:1\ndata: {"type":"text-de'),
        () => sse(event(1, 'due on ') + event(2, 'receipt.') + 'id: answer-1:3\ndata: {"type":"finish","reason":"stop"}\n\n'),
      );
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
      expect(result).toMatchObject({ text: 'Net 30, due on receipt.', finishReason: 'stop', error: null });
      expect(seen.map((request) => request.headers.get('last-event-id'))).toEqual([null, 'answer-1:0']);
      expect(await seen[1]!.json()).toEqual(await seen[0]!.json());
    });

    it('waits for a network that takes seconds to come back (at least six tries of the resume, with backoff)', async () => {
      const seen = serve(
        () => breaking(event(0, 'Net 30, ')),
        () => HttpResponse.error(),
        () => HttpResponse.error(),
        () => HttpResponse.error(),
        () => HttpResponse.error(),
        () => sse(event(1, 'due.') + 'id: answer-1:2\ndata: {"type":"finish","reason":"stop"}\n\n'),
      );
      const { timers, waits } = fakeTimers();
      const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
      expect(result).toMatchObject({ text: 'Net 30, due.', finishReason: 'stop', error: null });
      expect(seen).toHaveLength(6);
      expect(seen.slice(1).every((request) => request.headers.get('last-event-id') === 'answer-1:0')).toBe(true);
      // Backoff with jitter (0.5 here): 0.5 s doubling, four waits.
      expect(waits.filter((ms) => ms >= 100)).toEqual([250, 500, 1000, 2000]);
    });

    it('with retry: false, each resume is tried once', async () => {
      const seen = serve(() => breaking(event(0, 'Net 30')), () => HttpResponse.error(), () => sse(event(1, ' never asked')));
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'parley', retry: false }).stream(ask).result;
      expect(result).toMatchObject({ text: 'Net 30', error: { code: 'network' } });
      // The break, then one try of the resume, which the network refused: the break stands.
      expect(seen).toHaveLength(2);
    });

    it('a resume that went on counts afresh: a proxy that cuts every response still gets a long answer through', async () => {
      let next = 0;
      const words = 12;
      const seen = serve(() => {
        const n = next++;
        return n < words - 1 ? breaking(event(n, `w${n} `)) : sse(event(n, `w${n}`) + `id: answer-1:${n + 1}\ndata: {"type":"finish","reason":"stop"}\n\n`);
      });
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
      expect(result).toMatchObject({ text: Array.from({ length: words }, (_, n) => `w${n}`).join(' '), finishReason: 'stop', error: null });
      expect(seen).toHaveLength(words);
    });

    it('takes it up at most five times in a row without progress, then the break stands with all the text that came', async () => {
      // Each resume answers, then breaks before its first event (only a keep-alive comes).
      const seen = serve(() => breaking(event(0, 'w0 ') + event(1, 'w1 ')), () => breaking(': keep-alive\n\n'));
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
      expect(seen).toHaveLength(6);
      expect(seen.map((request) => request.headers.get('last-event-id'))).toEqual([null, 'answer-1:1', 'answer-1:1', 'answer-1:1', 'answer-1:1', 'answer-1:1']);
      expect(result).toMatchObject({ text: 'w0 w1 ', finishReason: 'error', error: { code: 'network', retryable: true } });
      expect(result.error?.message).toContain('The connection broke while the answer was streaming');
    });

    it('a gateway that cannot take it up (404, or not an event stream): the break stands, text kept, nothing more asked', async () => {
      for (const refusal of [() => HttpResponse.json({ error: { code: 'not_found', message: 'no answer to resume' } }, { status: 404 }), () => HttpResponse.json({ choices: [] })]) {
        server.resetHandlers();
        const seen = serve(() => breaking(event(0, 'Net 30')), refusal);
        const { timers } = fakeTimers();
        const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
        expect(seen).toHaveLength(2);
        expect(result).toMatchObject({ text: 'Net 30', finishReason: 'error', error: { code: 'network', retryable: true } });
      }
    });

    it('events without ids: nothing is asked again (the gateway could only answer all over)', async () => {
      const seen = serve(() => breaking(`data: ${JSON.stringify({ type: 'text-delta', delta: 'Net 30' })}\n\n`));
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
      expect(seen).toHaveLength(1);
      expect(result).toMatchObject({ text: 'Net 30', finishReason: 'error', error: { code: 'network' } });
    });

    it('a server that ignored Last-Event-ID and answered all over (it numbers events but does not resume, or a proxy dropped the header): the break stands, nothing appended twice', async () => {
      const again = (answer: string) => `id: ${answer}:0\ndata: ${JSON.stringify({ type: 'text-delta', delta: 'Net 30, ' })}\n\nid: ${answer}:1\ndata: ${JSON.stringify({ type: 'text-delta', delta: 'due on receipt.' })}\n\nid: ${answer}:2\ndata: {"type":"finish","reason":"stop"}\n\n`;
      for (const restart of [() => sse(again('answer-2')), () => sse(again('answer-1'))]) {
        server.resetHandlers();
        const seen = serve(() => breaking(event(0, 'Net 30, ')), restart);
        const { timers } = fakeTimers();
        const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
        expect(seen).toHaveLength(2);
        expect(result).toMatchObject({ text: 'Net 30, ', finishReason: 'error', error: { code: 'network', retryable: true } });
        expect(result.error?.message).toContain('The connection broke while the answer was streaming');
      }
    });

    it('ids a resuming gateway would not give (not <answer>:<n>): nothing is asked again', async () => {
      const seen = serve(() => breaking(`id: 7f3a\ndata: ${JSON.stringify({ type: 'text-delta', delta: 'Net 30' })}\n\n`));
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'parley' }).stream(ask).result;
      expect(seen).toHaveLength(1);
      expect(result).toMatchObject({ text: 'Net 30', finishReason: 'error', error: { code: 'network' } });
    });

    it('lastEventId is the id of the last event handed over, so a reader can store it with what it made of it', async () => {
      serve(() => sse(event(0, 'Net 30, ') + event(1, 'due.') + 'id: answer-1:2\ndata: {"type":"finish","reason":"stop"}\n\n'));
      const stream = client({ protocol: 'parley' }).stream(ask);
      expect(stream.lastEventId).toBeUndefined();
      const seen: Array<[string, string | undefined]> = [];
      for await (const chatEvent of stream) seen.push([chatEvent.type === 'text-delta' ? chatEvent.delta : chatEvent.type, stream.lastEventId]);
      expect(seen).toEqual([
        ['Net 30, ', 'answer-1:0'],
        ['due.', 'answer-1:1'],
        // The finish the client sends itself, after the gateway's (held back for a usage event): no event of its own.
        ['finish', 'answer-1:1'],
      ]);
    });

    it('lastEventId stays undefined for events without <answer>:<n> ids and for other protocols', async () => {
      for (const [protocol, body] of [
        ['parley', `id: 7f3a\ndata: ${JSON.stringify({ type: 'text-delta', delta: 'Net 30' })}\n\ndata: {"type":"finish","reason":"stop"}\n\n`],
        ['openai', `id: answer-1:0\n${chunk('Net 30')}${done}`],
        // `auto` sends resumeAfter (its answer may be native), but this one turned out not to be.
        ['auto', `id: answer-1:0\n${chunk('Net 30')}${done}`],
      ] as const) {
        server.resetHandlers();
        serve(() => sse(body));
        const stream = client({ protocol }).stream(ask);
        for await (const chatEvent of stream) void chatEvent;
        expect((await stream.result).text).toBe('Net 30');
        expect(stream.lastEventId).toBeUndefined();
      }
    });

    it('resumeAfter takes an answer up from another page: the same request with Last-Event-ID, and only the rest', async () => {
      const seen = serve(() => sse(event(2, 'due on ') + event(3, 'receipt.') + 'id: answer-1:4\ndata: {"type":"finish","reason":"stop"}\n\n'));
      const stream = client({ protocol: 'parley' }).stream({ ...ask, resumeAfter: 'answer-1:1' });
      const deltas: string[] = [];
      for await (const chatEvent of stream) if (chatEvent.type === 'text-delta') deltas.push(chatEvent.delta);
      expect(deltas).toEqual(['due on ', 'receipt.']);
      expect(await stream.result).toMatchObject({ text: 'due on receipt.', finishReason: 'stop', error: null });
      expect(seen.map((request) => request.headers.get('last-event-id'))).toEqual(['answer-1:1']);
      expect(await seen[0]!.json()).toEqual({ model: 'deepseek-chat', messages: ask.messages });
      expect(stream.lastEventId).toBe('answer-1:3');
    });

    it('resumeAfter refused: a 404 or an answer from the start end the stream with nothing appended', async () => {
      const restart = `id: answer-2:0\ndata: ${JSON.stringify({ type: 'text-delta', delta: 'Net 30, ' })}\n\nid: answer-2:1\ndata: {"type":"finish","reason":"stop"}\n\n`;
      for (const [protocol, refusal, code] of [
        ['parley', () => HttpResponse.json({ error: { code: 'not_found', message: 'no answer to resume' } }, { status: 404 }), 'not_found'],
        ['parley', () => sse(restart), 'bad_response'],
        ['auto', () => sse(restart), 'bad_response'],
      ] as const) {
        server.resetHandlers();
        const seen = serve(refusal);
        const { timers } = fakeTimers();
        const stream = client({ timers, protocol }).stream({ ...ask, resumeAfter: 'answer-1:1' });
        for await (const chatEvent of stream) void chatEvent;
        const result = await stream.result;
        expect(result).toMatchObject({ text: '', finishReason: 'error', error: { code } });
        expect(stream.lastEventId).toBeUndefined();
        expect(seen).toHaveLength(1);
      }
    });

    it('resumeAfter of a protocol that never resumes (the page now configured for another gateway) is refused before any request', async () => {
      for (const protocol of ['openai', 'anthropic', 'ollama'] as const) {
        const seen = serve(() => sse(chunk('Net 30, ') + done));
        const stream = client({ protocol }).stream({ ...ask, resumeAfter: 'answer-1:1' });
        const result = await stream.result;
        expect(result).toMatchObject({ text: '', finishReason: 'error', error: { code: 'bad_request', retryable: false } });
        expect(result.error?.message).toContain(`the ${protocol} protocol does not take answers up`);
        expect(stream.lastEventId).toBeUndefined();
        expect(seen).toHaveLength(0);
      }
    });

    it('resumeAfter that no resuming gateway gives is refused before any request', async () => {
      const seen = serve(() => sse(event(0, 'x')));
      const result = await client({ protocol: 'parley' }).stream({ ...ask, resumeAfter: 'seven' }).result;
      expect(result.error).toMatchObject({ code: 'bad_request' });
      expect(result.error?.message).toContain('resumeAfter "seven"');
      expect(seen).toHaveLength(0);
    });

    describe('a custom adapter', () => {
      const token = (id: number, text: string) => `id: answer-1:${id}\ndata: ${JSON.stringify({ token: text })}\n\n`;
      const last = (id: number) => `id: answer-1:${id}\ndata: {"done":true}\n\n`;
      /** An in-house format whose gateway says per response (a header) whether it takes that answer up. */
      const acme = (resumable: { adapter?: boolean; decoder?: (response?: ResponseInfo) => boolean }) => {
        const decoder = vi.fn((response?: ResponseInfo) => ({
          frame(frame: Frame, emit: Emit) {
            const data = JSON.parse(frame.data) as { token?: string; done?: boolean };
            if (data.token) emit({ type: 'text-delta', delta: data.token });
            if (!data.done) return undefined;
            emit({ type: 'finish', reason: 'stop' });
            return 'done' as const;
          },
          end() {},
          ...(resumable.decoder && { resumable: resumable.decoder(response) }),
        }));
        const adapter: ProtocolAdapter = { name: 'acme', framing: 'sse', request: ({ messages }) => ({ body: { prompt: messages } }), decoder };
        return { adapter: resumable.adapter === undefined ? adapter : { ...adapter, resumable: resumable.adapter }, decoder };
      };
      const resumes = { 'x-acme-resumes': 'yes' };

      it('that declares resumable takes an answer up, after a break and with resumeAfter, where its response allows it', async () => {
        const { adapter } = acme({ adapter: true, decoder: (response) => response?.headers.get('x-acme-resumes') === 'yes' });
        const { timers } = fakeTimers();
        let seen = serve(() => breaking(token(0, 'Net 30, '), resumes), () => sse(token(1, 'due.') + last(2), { headers: resumes }));
        expect(await client({ timers, protocol: adapter }).stream(ask).result).toMatchObject({ text: 'Net 30, due.', finishReason: 'stop', error: null });
        expect(seen.map((request) => request.headers.get('last-event-id'))).toEqual([null, 'answer-1:0']);

        server.resetHandlers();
        seen = serve(() => sse(token(2, 'due on receipt.') + last(3), { headers: resumes }));
        const stream = client({ timers, protocol: adapter }).stream({ ...ask, resumeAfter: 'answer-1:1' });
        for await (const chatEvent of stream) void chatEvent;
        expect(await stream.result).toMatchObject({ text: 'due on receipt.', finishReason: 'stop', error: null });
        expect(stream.lastEventId).toBe('answer-1:2');
        expect(seen.map((request) => request.headers.get('last-event-id'))).toEqual(['answer-1:1']);

        // A response that does not allow it (no header): its break stands, nothing asked again.
        server.resetHandlers();
        seen = serve(() => breaking(token(0, 'Net 30, ')));
        expect(await client({ timers, protocol: adapter }).stream(ask).result).toMatchObject({ text: 'Net 30, ', finishReason: 'error', error: { code: 'network' } });
        expect(seen).toHaveLength(1);
      });

      it('that does not declare resumable is refused resumeAfter before any request, with no decoder built for it', async () => {
        // A decoder saying it resumes does not make its adapter one that does.
        const { adapter, decoder } = acme({ decoder: () => true });
        const seen = serve(() => sse(token(2, 'due.') + last(3)));
        const stream = client({ protocol: adapter }).stream({ ...ask, resumeAfter: 'answer-1:1' });
        const result = await stream.result;
        expect(result).toMatchObject({ text: '', finishReason: 'error', error: { code: 'bad_request', retryable: false } });
        expect(result.error?.message).toContain('the acme protocol does not take answers up');
        expect(seen).toHaveLength(0);
        expect(decoder).not.toHaveBeenCalled();
      });
    });

    it('under protocol auto, once the answer is known to be Parley', async () => {
      const seen = serve(() => breaking(event(0, 'Net 30, ')), () => sse(event(1, 'due.') + 'id: answer-1:2\ndata: {"type":"finish","reason":"stop"}\n\n'));
      const { timers } = fakeTimers();
      const result = await client({ timers, protocol: 'auto' }).stream(ask).result;
      expect(result).toMatchObject({ text: 'Net 30, due.', finishReason: 'stop', error: null });
      expect(seen).toHaveLength(2);
    });
  });

  it('never re-sends once content arrived: a body that breaks mid-stream ends with network, text kept', async () => {
    let breakConnection!: () => void;
    const textArrived = new Promise<void>((resolve) => (breakConnection = resolve));
    const seen = serve(() => {
      let pulls = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (pulls++ === 0) return controller.enqueue(encoder.encode(chunk('Net 30, due')));
          // The connection drops only once the client has shown the text.
          await textArrived;
          controller.error(new Error('connection reset'));
        },
      });
      return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
    });
    const { timers } = fakeTimers();
    const stream = client({ timers }).stream(ask);
    for await (const event of stream) if (event.type === 'text-delta') breakConnection();
    const result = await stream.result;
    expect(seen).toHaveLength(1);
    expect(result).toMatchObject({ text: 'Net 30, due', finishReason: 'error', error: { code: 'network' } });
  });

  it('reads a proxy’s HTML 502 page for its title; an HTML 200 is a bad_response', async () => {
    const page = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>';
    serve(() => new HttpResponse(page, { status: 502, headers: { 'content-type': 'text/html' } }));
    const failed = await client({ retry: false }).stream(ask).result;
    expect(failed.error).toMatchObject({ code: 'http_502', status: 502, retryable: true, message: expect.stringContaining('502 Bad Gateway') });

    serve(() => new HttpResponse('<html><body>Sign in</body></html>', { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    expect((await client().stream(ask).result).error).toMatchObject({ code: 'bad_response', status: 200 });
  });

  it("takes the error code from Anthropic, Dify and Ollama error bodies", async () => {
    const cases: [Response, object][] = [
      [HttpResponse.json({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_1' }, { status: 529 }), { code: 'overloaded_error', message: 'Overloaded' }],
      [HttpResponse.json({ code: 'invalid_param', message: 'Query is required', status: 400 }, { status: 400 }), { code: 'invalid_param', message: expect.stringContaining('Query is required') }],
      [HttpResponse.json({ error: 'model "qwen9" not found, try pulling it first' }, { status: 404 }), { code: 'http_404', message: expect.stringContaining('not found') }],
    ];
    for (const [response, error] of cases) {
      serve(() => response);
      expect((await client({ retry: false }).stream(ask).result).error).toMatchObject(error);
    }
  });

  it('says what to change when a retry cannot help (404, 413, 400, 422), once, without retrying', async () => {
    const cases: [Response, object][] = [
      // Express's answer when nothing is mounted at the path.
      [
        new HttpResponse('<!DOCTYPE html><html><head><title>Error</title></head><body><pre>Cannot POST /v1/chat/completions</pre></body></html>', { status: 404, headers: { 'content-type': 'text/html' } }),
        { code: 'http_404', message: 'The endpoint /v1/chat/completions was not found (HTTP 404): check the endpoint URL.' },
      ],
      [
        new HttpResponse('<html><head><title>413 Request Entity Too Large</title></head><body>nginx</body></html>', { status: 413, headers: { 'content-type': 'text/html' } }),
        { code: 'http_413', message: expect.stringContaining('too large for the gateway (HTTP 413): the conversation or its attachments are too big') },
      ],
      [
        HttpResponse.json({ error: { message: "'messages' must contain at least one user message", type: 'invalid_request_error', code: null } }, { status: 400 }),
        { code: 'invalid_request_error', message: "The gateway refused the request (HTTP 400): 'messages' must contain at least one user message" },
      ],
      [
        HttpResponse.json({ detail: `messages.0.content: ${'x'.repeat(5000)}` }, { status: 422 }),
        { code: 'http_422', message: expect.stringMatching(/^The gateway refused the request \(HTTP 422\): messages\.0\.content: x{270,300}…$/) },
      ],
    ];
    for (const [response, error] of cases) {
      const seen = serve(() => response.clone());
      const result = await client({ url: `${url}?api-key=secret` }).stream(ask).result;
      expect(result.error).toEqual({ ...error, status: response.status, retryable: false });
      expect(result.error?.message).not.toContain('secret');
      expect(seen).toHaveLength(1);
    }
  });

  it('reads a JSON error answered with 200 instead of a stream', async () => {
    serve(() => HttpResponse.json({ error: { message: 'content policy', type: 'invalid_request_error', code: 'content_filter' } }));
    expect((await client().stream(ask).result).error).toMatchObject({ code: 'content_filter', status: 200 });
  });
});

describe('ChatStream', () => {
  const stalled = (first: string) =>
    new HttpResponse(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(first));
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );

  it('ends a silent stream with timeout and keeps what arrived', async () => {
    serve(() => stalled(': keep-alive\n\n' + chunk('Net 30')));
    const result = await client({ idleTimeoutMs: 50 }).stream(ask).result;
    expect(result).toMatchObject({ text: 'Net 30', finishReason: 'error', error: { code: 'timeout' } });
  });

  it('ends with timeout when the gateway never answers at all', async () => {
    server.use(http.post(url, () => new Promise<Response>(() => {})));
    const result = await client({ idleTimeoutMs: 50 }).stream(ask).result;
    expect(result).toMatchObject({ text: '', finishReason: 'error', error: { code: 'timeout' } });
  });

  it('aborts at once from stream.abort() and from the signal', async () => {
    serve(() => stalled(chunk('Net')));
    const stream = client().stream(ask);
    const events: ChatEvent[] = [];
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'text-delta') stream.abort();
    }
    expect(events.map((event) => event.type)).toEqual(['start', 'text-delta', 'error', 'finish']);
    expect(await stream.result).toMatchObject({ text: 'Net', finishReason: 'abort', error: { code: 'abort' } });

    const controller = new AbortController();
    const viaSignal = client().stream({ ...ask, signal: controller.signal });
    controller.abort();
    expect(await viaSignal.result).toMatchObject({ finishReason: 'abort', error: { code: 'abort' } });
  });

  it('runs to its result without being iterated, and a late iteration delivers each event once', async () => {
    serve(() => sse(chunk('Net') + chunk(' 30') + done));
    const stream = client().stream(ask);
    expect((await stream.result).text).toBe('Net 30');
    const first: string[] = [];
    for await (const event of stream) first.push(event.type);
    expect(first).toEqual(['start', 'text-delta', 'text-delta', 'finish']);
    const second: string[] = [];
    for await (const event of stream) second.push(event.type);
    expect(second).toEqual([]);
  });

  it('ends an event larger than maxEventSize with bad_response and keeps the earlier text', async () => {
    const huge = chunk('x'.repeat(5 * 1024 * 1024));
    serve(() => sse(chunk('Before') + huge + done));
    const result = await client({ maxEventSize: 1024 * 1024 }).stream(ask).result;
    expect(result).toMatchObject({ text: 'Before', finishReason: 'error', error: { code: 'bad_response' } });
  });

  it('reads a 5 MB event whole under the default 8 MB limit', async () => {
    serve(() => sse(chunk('y'.repeat(5 * 1024 * 1024)) + done));
    const result = await client().stream(ask).result;
    expect(result.text).toHaveLength(5 * 1024 * 1024);
    expect(result.error).toBeNull();
  });

  it('reports a body cut in the middle of an event as bad_response, text kept', async () => {
    serve(() => sse(chunk('Net 30') + 'data: {"choices":[{"index":0,"delta":{"content":"du'));
    expect(await client().stream(ask).result).toMatchObject({ text: 'Net 30', finishReason: 'error', error: { code: 'bad_response' } });
  });

  it('calls a headers function for every request and merges body extras', async () => {
    const seen = serve(() => sse(done));
    let calls = 0;
    const c = client({ headers: () => ({ 'x-call': String(++calls) }), body: { temperature: 0.2 } });
    await c.stream(ask).result;
    await c.stream(ask).result;
    expect(seen.map((request) => request.headers.get('x-call'))).toEqual(['1', '2']);
    expect(await seen[0]?.json()).toMatchObject({ model: 'deepseek-chat', temperature: 0.2, stream: true });
  });
});

describe('a protocol named by string', () => {
  it('loads its adapter again after a failed load, so Retry recovers', async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock('./protocols/openai.js', async () => {
      if (loads++ === 0) throw new Error('Failed to fetch dynamically imported module');
      return vi.importActual('./protocols/openai.js');
    });
    try {
      const { createClient: create } = await import('./create-client.js');
      serve(() => sse(chunk('Net 30') + done));
      const retrying = create({ url, protocol: 'openai', idleTimeoutMs: 0 });
      const failed = await retrying.stream(ask).result;
      expect(failed.error).toMatchObject({ code: 'network', retryable: true, message: expect.stringContaining('protocol could not be loaded') });
      const retried = await retrying.stream(ask).result;
      expect(retried).toMatchObject({ text: 'Net 30', error: null });
      expect(loads).toBe(2);
    } finally {
      vi.doUnmock('./protocols/openai.js');
    }
  });
});

describe('the request code, loaded with the first request', () => {
  it('reports a failed load as a retryable error and loads it again on the next request', async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock('./run-chat-request.js', async () => {
      if (loads++ === 0) throw new Error('Failed to fetch dynamically imported module');
      return vi.importActual('./run-chat-request.js');
    });
    try {
      const { createClient: create } = await import('./create-client.js');
      const seen = serve(() => sse(chunk('Net 30') + done));
      const retrying = create({ url, protocol: 'openai', idleTimeoutMs: 0 });
      const failed = await retrying.stream(ask).result;
      expect(failed.error).toMatchObject({ code: 'network', retryable: true, message: expect.stringContaining('request code could not be loaded') });
      // The whole result, though the code that folds results came with the request code.
      expect(failed).toEqual({ text: '', reasoning: '', citations: [], toolCalls: [], finishReason: 'error', usage: null, error: failed.error });
      expect(seen).toHaveLength(0);
      const retried = await retrying.stream(ask).result;
      expect(retried).toMatchObject({ text: 'Net 30', error: null });
      expect(loads).toBe(2);
    } finally {
      vi.doUnmock('./run-chat-request.js');
    }
  });

  it('can be loaded ahead of the first request, with the adapter, by preload()', async () => {
    vi.resetModules();
    let loads = 0;
    vi.doMock('./run-chat-request.js', async () => {
      loads++;
      return vi.importActual('./run-chat-request.js');
    });
    try {
      const { createClient: create } = await import('./create-client.js');
      const seen = serve(() => sse(chunk('Net 30') + done));
      const warmed = create({ url, protocol: 'openai', idleTimeoutMs: 0 });
      await warmed.preload();
      expect(loads).toBe(1);
      expect(seen).toHaveLength(0);
      expect(await warmed.stream(ask).result).toMatchObject({ text: 'Net 30', error: null });
      expect(loads).toBe(1);
    } finally {
      vi.doUnmock('./run-chat-request.js');
    }
  });

  it('ends with timeout when its chunk never arrives (a proxy holding the request), like a silent gateway', async () => {
    vi.resetModules();
    vi.doMock('./run-chat-request.js', () => new Promise(() => {}));
    try {
      const { createClient: create } = await import('./create-client.js');
      const seen = serve(() => sse(chunk('Net 30') + done));
      const result = await create({ url, protocol: 'openai', idleTimeoutMs: 50 }).stream(ask).result;
      expect(result).toMatchObject({ text: '', finishReason: 'error', error: { code: 'timeout', retryable: true } });
      expect(seen).toHaveLength(0);
    } finally {
      vi.doUnmock('./run-chat-request.js');
    }
  });

  it('does not count a slow headers() (a sign-in) after the load as silence', async () => {
    serve(() => sse(chunk('Net 30') + done));
    // The sign-in takes three idle windows; the window itself is wide enough that a loaded CI
    // machine's round trip to the mock gateway never fills it (50 ms did, once).
    const headers = () => new Promise<Record<string, string>>((resolve) => setTimeout(() => resolve({ authorization: 'Bearer t' }), 1200));
    const signingIn = client({ idleTimeoutMs: 400, headers });
    await signingIn.preload?.();
    expect(await signingIn.stream(ask).result).toMatchObject({ text: 'Net 30', error: null });
  });

  it('aborts at once while it is still loading: no request goes out', async () => {
    const seen = serve(() => sse(chunk('Net 30') + done));
    const stream = client().stream(ask);
    stream.abort();
    expect(await stream.result).toMatchObject({ text: '', finishReason: 'abort', error: { code: 'abort' } });
    expect(seen).toHaveLength(0);
  });
});

describe('createClient options', () => {
  it('throws at once, naming the bad field', () => {
    expect(() => createClient({ url: '' })).toThrow(/options\.url/);
    expect(() => createClient({ url, retry: { attempts: 0 } })).toThrow(/options\.retry\.attempts/);
    expect(() => createClient({ url, protocol: 'grpc' as never })).toThrow(/options\.protocol/);
    expect(() => createClient({ url, idleTimeout: 5 } as never)).toThrow(/idleTimeout/);
    expect(() => client().stream({ messages: [{ role: 'robot', content: 'x' }] } as never)).toThrow(/messages\.0\.role/);
  });

  it('says what is wrong with a bound, a number or a map', () => {
    expect(() => createClient({ url: '' })).toThrow('createClient: options.url: must not be empty');
    expect(() => createClient({ url, retry: { attempts: 21 } })).toThrow('options.retry.attempts: must be at most 20');
    expect(() => createClient({ url, retry: { attempts: 2.5 } })).toThrow('options.retry.attempts: expected an integer');
    expect(() => createClient({ url, maxEventSize: 0 })).toThrow('options.maxEventSize: must be at least 1');
    expect(() => createClient({ url, idleTimeoutMs: -1 })).toThrow('options.idleTimeoutMs: must be at least 0');
    expect(() => createClient({ url, headers: { authorization: 42 } as never })).toThrow('options.headers: expected an object of strings or a function returning one');
    expect(() => createClient({ url, headers: new Map() as never })).toThrow(/options\.headers/);
    expect(() => createClient({ url, body: [] as never })).toThrow(/options\.body/);
    expect(() => client().stream({ ...ask, context: 'acme' as never })).toThrow('client.stream: options.context: expected an object');
    expect(() => client().stream({ ...ask, tools: [{ name: '', parameters: {} }] })).toThrow('options.tools.0.name: must not be empty');
  });

  it('lists the protocol names when one is mistyped', () => {
    expect(() => createClient({ url, protocol: 'gpt' as never })).toThrow(
      'createClient: options.protocol: expected one of "openai", "openai-responses", "anthropic", "ollama", "ai-sdk", "dify", "parley", "auto", or an adapter object',
    );
  });

  it('keeps its own copy of headers, body and context', async () => {
    const seen = serve(() => sse(done));
    const headers: Record<string, string> = { 'x-tenant': 'acme' };
    const body: Record<string, unknown> = { temperature: 0.2 };
    const context: Record<string, unknown> = { page: 'orders' };
    const c = client({ headers, body, protocol: 'parley' });
    const stream = c.stream({ ...ask, context });
    headers['x-tenant'] = 'other';
    body.temperature = 1;
    context.page = 'settings';
    await stream.result;
    expect(seen[0]?.headers.get('x-tenant')).toBe('acme');
    expect(await seen[0]?.json()).toMatchObject({ temperature: 0.2, context: { page: 'orders' } });
  });
});

describe('custom adapters', () => {
  const acme = (failOn?: string): ProtocolAdapter => ({
    name: 'acme',
    framing: 'ndjson',
    request: ({ model, messages }) => ({ body: { model, prompt: messages, stream: true } }),
    decoder: () => ({
      frame(frame, emit) {
        const data = JSON.parse(frame.data) as { token?: string; done?: boolean };
        if (failOn !== undefined && data.token === failOn) throw new Error(`cannot read ${failOn}`);
        if (data.token) emit({ type: 'text-delta', delta: data.token });
        if (data.done) {
          emit({ type: 'finish', reason: 'stop' });
          return 'done';
        }
        return undefined;
      },
      end() {},
    }),
  });
  const body = '{"token":"Net"}\n{"token":" 30"}\n{"done":true}\n';

  it('streams an in-house format through the README example adapter', async () => {
    const { result, requests } = await replay(acme(), body, 1, { client: { model: 'acme-1' } });
    expect(result).toMatchObject({ text: 'Net 30', finishReason: 'stop', error: null });
    expect(requests[0]).toEqual({ model: 'acme-1', prompt: [{ role: 'user', content: 'Hello' }], stream: true });
  });

  it('turns a throw from frame() into bad_response, keeping the text before it', async () => {
    const { result } = await replay(acme(' 30'), body);
    expect(result).toMatchObject({ text: 'Net', finishReason: 'error', error: { code: 'bad_response', message: expect.stringContaining('cannot read') } });
  });
});

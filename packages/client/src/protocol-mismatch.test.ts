import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createClient, type ClientOptions } from './create-client.js';
import type { AdapterName } from './protocol-name.js';
import { useMswServer } from './testing/use-msw-server.js';

const url = 'https://gateway.test/api/chat';
const server = useMswServer();

const ask = { messages: [{ role: 'user' as const, content: 'Payment terms?' }] };
const answer = (protocol: ClientOptions['protocol']) => createClient({ url, protocol, retry: false, idleTimeoutMs: 0 }).stream(ask).result;
const serve = (body: string | Buffer, contentType = 'text/event-stream') => server.use(http.post(url, () => new HttpResponse(body, { headers: { 'content-type': contentType } })));

/** One recorded answer per protocol, as its servers stream it. */
const recorded: Record<AdapterName, [file: string, contentType: string]> = {
  parley: ['parley/complete.sse', 'text/event-stream'],
  openai: ['openai/deepseek-reasoner.sse', 'text/event-stream'],
  'openai-responses': ['openai-responses/function-calls.sse', 'text/event-stream'],
  anthropic: ['anthropic/tool-use-with-thinking.sse', 'text/event-stream'],
  ollama: ['ollama/thinking-then-answer.ndjson', 'application/x-ndjson'],
  'ai-sdk': ['ai-sdk/reasoning-text-sources.sse', 'text/event-stream'],
  dify: ['dify/chatbot-with-citations.sse', 'text/event-stream'],
};
const names = Object.keys(recorded) as AdapterName[];
const fixture = (name: AdapterName) => readFileSync(new URL(`../test-fixtures/${recorded[name][0]}`, import.meta.url));

describe('a protocol named for a gateway that speaks another', () => {
  it('ends with a bad_response that names the protocol the gateway speaks, for every pair of built-in ones', async () => {
    const outcomes: string[] = [];
    for (const speaks of names) {
      serve(fixture(speaks), recorded[speaks][1]);
      for (const named of names) {
        // The AI SDK stream grew out of Parley's events: it reads a Parley answer as it is.
        if (named === speaks || (named === 'ai-sdk' && speaks === 'parley')) continue;
        const { error, finishReason } = await answer(named);
        const said = `The gateway does not answer in the ${named} protocol but in ${speaks} (${recorded[speaks][1]}; first frame: `;
        if (error?.code !== 'bad_response' || error.retryable !== false || !error.message.startsWith(said) || finishReason !== 'error') {
          outcomes.push(`${speaks} named ${named}: ${finishReason} ${JSON.stringify(error)}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it('says so for the README page (protocol="openai" before a Parley gateway, [DONE] or not), not for an openai answer cut off or empty', async () => {
    const parleyAnswer =
      'data: {"type":"start","messageId":"m1"}\n\ndata: {"type":"text-delta","delta":"Net 30."}\n\ndata: {"type":"usage","usage":{"inputTokens":12,"outputTokens":3}}\n\ndata: {"type":"finish","reason":"stop"}\n\n';
    for (const body of [parleyAnswer, `${parleyAnswer}data: [DONE]\n\n`]) {
      serve(body);
      const result = await answer('openai');
      expect(result).toMatchObject({ text: '', finishReason: 'error' });
      // No usage of zeros read off the Parley stream's own usage event: a host counting cost sees none.
      expect(result.usage).toBeNull();
      expect(result.error).toEqual({
        code: 'bad_response',
        reason: 'protocol-mismatch',
        status: 200,
        retryable: false,
        message: 'The gateway does not answer in the openai protocol but in parley (text/event-stream; first frame: {"type":"start","messageId":"m1"}). Set protocol to "parley", or "auto" to detect it.',
      });
    }

    // An answer of the named protocol that stops early is still a retryable cut-off, an empty one complete.
    const role = 'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}\n\n';
    serve(role);
    expect((await answer('openai')).error).toMatchObject({ code: 'network', retryable: true });
    serve(`${role}data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n`);
    expect(await answer('openai')).toMatchObject({ text: '', finishReason: 'stop', error: null });
  });

  it('names what arrived when the stream is no protocol it knows', async () => {
    serve('data: {"answer":"Net 30.","seq":1}\n\ndata: {"answer":"","seq":2,"end":true}\n\n', 'text/event-stream; charset=utf-8');
    expect((await answer('anthropic')).error).toEqual({
      code: 'bad_response',
      reason: 'protocol-mismatch',
      status: 200,
      retryable: false,
      message:
        'The response did not look like the anthropic protocol: nothing in it was recognised (text/event-stream; charset=utf-8; first frame: {"answer":"Net 30.","seq":1}). Set protocol to the one the gateway speaks, or "auto".',
    });
  });
});

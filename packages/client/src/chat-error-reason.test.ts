import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { chatEventSchema } from './chat-event.js';
import type { ConversationMessage } from './conversation-message.js';
import { parseStoredConversation, serializeConversation } from './conversation-persistence.js';
import { createClient, type ClientOptions } from './create-client.js';
import { createConversation } from './create-conversation.js';
import { useMswServer } from './testing/use-msw-server.js';

const url = 'https://gateway.test/v1/chat/completions';
const server = useMswServer();

const ask = { messages: [{ role: 'user' as const, content: 'Payment terms?' }] };
const chunk = (content: string) => `data: {"choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}}]}\n\n`;
const client = (options: Partial<ClientOptions> = {}) => createClient({ url, protocol: 'openai', model: 'deepseek-chat', retry: false, idleTimeoutMs: 0, ...options });
const serve = (respond: () => Response) => server.use(http.post(url, respond));
const body = (text: string | null, contentType: string, status = 200) => () => new HttpResponse(text, { status, headers: { 'content-type': contentType } });
const errorOf = async (options?: Partial<ClientOptions>) => (await client(options).stream(ask).result).error;

describe('the errors the client makes itself carry a reason a program can translate', () => {
  it('an HTML login page where a stream was expected, labelled text/html or not', async () => {
    const login = '<!doctype html><html><head><title>Sign in · ACME SSO</title></head><body><form>…</form></body></html>';
    serve(body(login, 'text/html; charset=utf-8'));
    expect(await errorOf()).toMatchObject({ code: 'bad_response', reason: 'html-page', status: 200, retryable: false, message: expect.stringContaining('HTML page') });
    // A proxy that labels its login page as the stream it replaced.
    serve(body(login, 'text/event-stream'));
    expect(await errorOf()).toMatchObject({ code: 'bad_response', reason: 'html-page', message: expect.stringContaining('HTML page') });
  });

  it('a JSON document (streaming turned off), but not a gateway’s own JSON error', async () => {
    serve(body('{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Net 30."}}]}', 'application/json'));
    expect(await errorOf()).toMatchObject({ code: 'bad_response', reason: 'json-document', message: expect.stringContaining('JSON document') });
    serve(body('{"error":{"code":"model_not_found","message":"No model deepseek-chat"}}', 'application/json'));
    const gateways = await errorOf();
    expect(gateways).toMatchObject({ code: 'model_not_found', message: 'No model deepseek-chat' });
    expect(gateways).not.toHaveProperty('reason');
  });

  it('an empty body, or none at all', async () => {
    serve(body('', 'text/event-stream'));
    expect(await errorOf()).toMatchObject({ code: 'bad_response', reason: 'empty-body', message: 'The gateway answered with an empty body.' });
    serve(() => new HttpResponse(null, { status: 204 }));
    expect(await errorOf()).toMatchObject({ code: 'bad_response', reason: 'empty-body', status: 204 });
  });

  it('a stream in another protocol than the one named, or in none the client knows', async () => {
    serve(body('data: {"type":"start","messageId":"m1"}\n\ndata: {"type":"text-delta","delta":"Net 30."}\n\ndata: {"type":"finish","reason":"stop"}\n\n', 'text/event-stream'));
    expect(await errorOf()).toMatchObject({ code: 'bad_response', reason: 'protocol-mismatch', message: expect.stringContaining('but in parley') });
    serve(body('data: {"answer":"Net 30.","seq":1}\n\n', 'text/event-stream'));
    expect(await errorOf({ protocol: 'anthropic' })).toMatchObject({ code: 'bad_response', reason: 'protocol-mismatch', message: expect.stringContaining('nothing in it was recognised') });
  });

  it('an event over maxEventSize, the text before it kept', async () => {
    serve(body(chunk('Before') + chunk('x'.repeat(4096)), 'text/event-stream'));
    const result = await client({ maxEventSize: 1024 }).stream(ask).result;
    expect(result).toMatchObject({ text: 'Before', finishReason: 'error', error: { code: 'bad_response', reason: 'event-too-large', message: expect.stringContaining('exceeded 1024 characters') } });
  });

  it('a request that could not be built, before anything is sent', async () => {
    let requests = 0;
    serve(() => (requests++, new HttpResponse('')));
    const error = await errorOf({
      body: () => {
        throw new Error('tenant missing');
      },
    });
    expect(error).toMatchObject({ code: 'bad_request', reason: 'request-not-built', retryable: false, message: expect.stringContaining('tenant missing') });
    expect(requests).toBe(0);
  });

  it('none on what the gateway said or an adapter could not read', async () => {
    serve(body('{"error":{"message":"busy","type":"server_error"}}', 'application/json', 500));
    expect(await errorOf()).not.toHaveProperty('reason');
    serve(body(chunk('Net 30') + 'data: {"choices":[{"index":0,"delta":{"content":"du', 'text/event-stream'));
    const cut = await errorOf();
    expect(cut).toMatchObject({ code: 'bad_response' });
    expect(cut).not.toHaveProperty('reason');
  });

  it('reaches the conversation, a stored answer and a native error event', async () => {
    serve(body('<html><body>Sign in</body></html>', 'text/html'));
    const conversation = createConversation({ client: client() });
    await conversation.send('Payment terms?');
    expect(conversation.getSnapshot().error).toMatchObject({ reason: 'html-page' });
    const failed = conversation.getSnapshot().messages.at(-1) as ConversationMessage;
    expect(failed.error).toMatchObject({ reason: 'html-page' });
    expect(parseStoredConversation(serializeConversation('x', [failed]), 'x')![0]!.error).toMatchObject({ reason: 'html-page' });
    const event = { type: 'error', error: { code: 'bad_response', message: 'The gateway answered with an HTML page.', reason: 'html-page' } };
    expect(chatEventSchema.parse(event)).toEqual(event);
  });

  it('a reason this version does not know (a newer client’s) is kept, not a reason to refuse the answer', () => {
    const stored: ConversationMessage = {
      id: 'a1',
      role: 'assistant',
      parts: [{ type: 'text', text: 'Net 30' }],
      createdAt: 1,
      finishReason: 'error',
      error: { code: 'bad_response', message: 'The gateway answered in a format from the future.', reason: 'future-format', retryable: false },
    };
    expect(parseStoredConversation(serializeConversation('x', [stored]), 'x')).toEqual([stored]);
    const event = { type: 'error', error: { code: 'bad_response', message: 'Relayed.', reason: 'future-format' } };
    expect(chatEventSchema.parse(event)).toEqual(event);
  });
});

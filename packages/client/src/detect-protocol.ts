import { errorMessage } from './error-message.js';
import type { Emit, Frame, FrameDecoder, ProtocolAdapter, ResponseInfo } from './protocol-adapter.js';
import type { AdapterName } from './protocol-name.js';
import { parley, parleyRequestBody } from './protocols/parley.js';

/** Parts only the AI SDK UI message stream has (its `start`, `text-delta`, `finish` look like ChatEvents). */
const aiSdkTypes = new Set([
  'text-start', 'text-end', 'reasoning-start', 'reasoning-end', 'start-step', 'finish-step', 'tool-input-start',
  'tool-input-delta', 'tool-input-available', 'tool-input-error', 'tool-output-available', 'tool-output-error',
  'tool-approval-request', 'tool-output-denied', 'source-url', 'source-document', 'file', 'message-metadata', 'abort',
]);
const parleyTypes = new Set(['text-delta', 'reasoning-delta', 'citation', 'tool-call', 'status', 'data', 'usage', 'finish', 'error']);

/**
 * Which protocol a response speaks, from its headers and one frame. `undefined` when the frame
 * cannot tell (a `start` both the AI SDK and Parley send): look at the next one.
 */
export function detectProtocol(frame: Frame, response: ResponseInfo): AdapterName | undefined {
  if (response.headers.get('x-vercel-ai-ui-message-stream') !== null || response.headers.get('x-vercel-ai-data-stream') !== null) return 'ai-sdk';
  if (response.contentType.includes('ndjson')) return 'ollama';
  if (frame.event === 'message_start') return 'anthropic';
  if (frame.event?.startsWith('response.')) return 'openai-responses';
  if (frame.data === '[DONE]') return undefined;
  // An AI SDK 4 data stream line (`f:{"messageId":…}`, `0:"text"`).
  if (/^[0-9a-k]:/.test(frame.data)) return 'ai-sdk';
  let json: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(frame.data);
    if (typeof value !== 'object' || value === null) return undefined;
    json = value as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const type = typeof json.type === 'string' ? json.type : undefined;
  if (type === 'message_start' || type?.startsWith('content_block_') || type === 'message_delta' || type === 'ping') return 'anthropic';
  if (type?.startsWith('response.')) return 'openai-responses';
  // Anthropic and the Responses API both send `{type:"error",error:{…}}`; only the latter numbers its events.
  if (type === 'error') {
    // Only the Responses API numbers its events (both of its shapes); Anthropic's error names a `type`, Parley's a `code`.
    if ('sequence_number' in json) return 'openai-responses';
    const error = json.error;
    if (typeof error === 'object' && error !== null) return typeof (error as Record<string, unknown>).type === 'string' ? 'anthropic' : 'parley';
  }
  if (typeof json.event === 'string') return 'dify';
  if (json.object === 'chat.completion.chunk' || 'choices' in json || json.object === 'error' || (type === undefined && 'error' in json)) return 'openai';
  if (typeof json.done === 'boolean' || (typeof json.message === 'object' && 'created_at' in json)) return 'ollama';
  if (type === undefined) return undefined;
  if (aiSdkTypes.has(type) || type.startsWith('data-') || 'id' in json || 'errorText' in json || 'finishReason' in json) return 'ai-sdk';
  if (parleyTypes.has(type)) return 'parley';
  return undefined;
}

/**
 * Endpoint paths only one protocol's servers answer on. A match starts loading that adapter when
 * the client first needs `auto` (with `preload()`, while the person types), so the answer does not
 * wait a round trip for it after the response headers. Only a head start: the response decides.
 */
const pathProtocols: [RegExp, AdapterName][] = [
  [/\/chat\/completions$/, 'openai'],
  [/\/v1\/responses$/, 'openai-responses'],
  [/\/v1\/messages$/, 'anthropic'],
  [/\/chat-messages$/, 'dify'],
];

/** Frames held while the protocol is still undecided; past this many, the response is not one we know. */
const maxUndecidedFrames = 32;

/**
 * `protocol: 'auto'`: sends the native Parley request (plus `stream: true`, which OpenAI-style
 * and Ollama gateways need) and decides from the response which adapter decodes it. `load`
 * fetches that adapter on first use (one `import()` each, see `resolveProtocol`), so a page pays
 * for the detection and the one format its gateway speaks, not for all seven. The native adapter
 * comes with the request body it shares, so a lone `start` at the end needs no load. `url` is the
 * endpoint, for the head start above.
 */
export function autoProtocol(load: (name: AdapterName) => Promise<ProtocolAdapter>, url = ''): ProtocolAdapter {
  // Loaded adapters, so later responses decode without waiting; a load that failed is not kept.
  const native = parley();
  const loaded: Partial<Record<AdapterName, ProtocolAdapter>> = { parley: native };
  const path = url.split(/[?#]/)[0]!;
  const hinted = pathProtocols.find(([pattern]) => pattern.test(path))?.[1];
  // A failed head start is not reported: the response's own load tries again and says so.
  if (hinted) load(hinted).then((adapter) => void (loaded[hinted] ??= adapter), () => {});
  return {
    name: 'auto',
    framing: 'auto',
    acceptsContext: true,
    // The answer may turn out native: `resumeAfter` is sent, and each decoder says whether its response resumes.
    resumable: true,
    request: (request) => ({ body: { ...parleyRequestBody(request), stream: true } }),
    decoder(response): FrameDecoder {
      const info: ResponseInfo = response ?? { status: 200, contentType: '', headers: new Headers() };
      let inner: FrameDecoder | undefined;
      // Whether the adapter the response turned out to speak takes answers up (none until it is known).
      let resumable = false;
      let loading = false;
      const held: Frame[] = [];
      // Built-in adapters decode synchronously, so their results are read as they are.
      const replay = (adapter: ProtocolAdapter, emit: Emit) => {
        const decoder = adapter.decoder(info);
        inner = decoder;
        resumable = adapter.resumable === true;
        for (const frame of held.splice(0)) if (decoder.frame(frame, emit) === 'done') return 'done';
        return undefined;
      };
      const choose = (name: AdapterName, emit: Emit) => {
        const adapter = loaded[name];
        if (adapter) return replay(adapter, emit);
        loading = true;
        // The client reads no further until this settles, so the idle watchdog and abort still end a load that hangs.
        return load(name).then(
          (adapter) => {
            loaded[name] = adapter;
            return replay(adapter, emit);
          },
          (cause: unknown) => {
            emit({ type: 'error', error: { code: 'network', message: `The ${name} protocol could not be loaded: ${errorMessage(cause)}`, retryable: true } });
            return 'done' as const;
          },
        );
      };
      return {
        frame(frame, emit) {
          if (inner) return inner.frame(frame, emit);
          const name = detectProtocol(frame, info);
          held.push(frame);
          if (name !== undefined) return choose(name, emit);
          if (held.length > maxUndecidedFrames) throw new Error(`could not tell the protocol from the response (first frame: ${held[0]?.data.slice(0, 120)})`);
          return undefined;
        },
        end(emit) {
          // Only ambiguous frames came (a lone `start`): they are read as the native protocol. An
          // adapter that failed to load (or a stream failing while it loads) leaves nothing to flush.
          if (!inner && !loading && held.length > 0 && replay(native, emit) === 'done') return;
          inner?.end(emit);
        },
        get resumable() {
          return resumable && inner?.resumable !== false;
        },
      };
    },
  };
}

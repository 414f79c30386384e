import * as z from './zod.js';
import { chatMessageSchema, toolDefinitionSchema, type ChatMessage, type ToolDefinition } from './chat-message.js';
import type { ChatStream } from './chat-stream.js';
import { defaultContextMessage, type ContextMessage } from './context-message.js';
import type { HeadersOption, HeadersRequest } from './fetch-with-retry.js';
import type { AdapterRequest, ProtocolAdapter } from './protocol-adapter.js';
import { protocolNameSchema, type ProtocolName } from './protocol-name.js';
import { atLeast, isPlainObject, nonEmpty, recordSchema, wholeNumber } from './schema-checks.js';
import { retryOptionsSchema, retryPolicy, type RetryOptions } from './retry-policy.js';
import { loadOnce } from './load-once.js';
import { loadRequestCode, startChatStream } from './start-chat-stream.js';
import { resolveProtocol } from './resolve-protocol.js';
import { realTimers, type Timers } from './timers.js';

const isFunction = (value: unknown) => typeof value === 'function';

const adapterSchema = z.custom<ProtocolAdapter>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProtocolAdapter).name === 'string' &&
    ['sse', 'ndjson', 'auto'].includes((value as ProtocolAdapter).framing) &&
    isFunction((value as ProtocolAdapter).request) &&
    isFunction((value as ProtocolAdapter).decoder),
);

export const clientOptionsSchema = z.strictObject({
  /** The gateway endpoint the client POSTs to. */
  url: z.union([z.string().check(nonEmpty()), z.instanceof(URL)]),
  // The union's own message: without it a mistyped name reads "invalid (invalid_union)", listing no name.
  protocol: z.optional(
    z.union([protocolNameSchema, adapterSchema], {
      message: `expected one of ${protocolNameSchema.def.values.map((name) => `"${name}"`).join(', ')}, or an adapter object { name, framing: "sse" | "ndjson", request(), decoder() }`,
    }),
  ),
  model: z.optional(z.string()),
  headers: z.optional(
    z.union([recordSchema((value): value is string => typeof value === 'string'), z.custom<(request: HeadersRequest) => Record<string, string> | Promise<Record<string, string>>>(isFunction)], {
      message: 'expected an object of strings or a function returning one',
    }),
  ),
  /** Extra fields merged into every request body (`temperature`, a gateway's own switches). */
  body: z.optional(
    z.union([recordSchema(), z.custom<(request: AdapterRequest) => Record<string, unknown>>(isFunction)], {
      message: 'expected an object or a function returning one',
    }),
  ),
  fetch: z.optional(z.custom<typeof globalThis.fetch>(isFunction, { message: 'expected a fetch function' })),
  retry: z.optional(z.union([z.literal(false), retryOptionsSchema], { message: 'expected false or { attempts, baseMs, maxMs }' })),
  /** A stream that sends no byte (keep-alive comments count) for this long ends with a `timeout` error. 0 turns it off. */
  idleTimeoutMs: z.optional(z.number().check(atLeast(0))),
  /** The largest single event (characters) before the stream ends with `bad_response`. */
  maxEventSize: z.optional(z.number().check(wholeNumber(), atLeast(1))),
  /** How `context` becomes a message for protocols without a context field. */
  contextMessage: z.optional(z.custom<ContextMessage>(isFunction, { message: 'expected a function' })),
  /** The clock and timers waits are measured with (tests inject fake ones). */
  timers: z.optional(
    z.custom<Timers>((value) => typeof value === 'object' && value !== null && isFunction((value as Timers).setTimeout), {
      message: 'expected { setTimeout, clearTimeout, now, random }',
    }),
  ),
});

/** Options of `createClient`. Only `url` is required. */
export interface ClientOptions {
  url: string | URL;
  /** A protocol name, `'auto'` (the default: decided from the response) or an adapter object. */
  protocol?: ProtocolName | ProtocolAdapter;
  model?: string;
  headers?: HeadersOption;
  body?: Record<string, unknown> | ((request: AdapterRequest) => Record<string, unknown>);
  fetch?: typeof globalThis.fetch;
  retry?: false | RetryOptions;
  idleTimeoutMs?: number;
  maxEventSize?: number;
  contextMessage?: ContextMessage;
  timers?: Timers;
}

export interface StreamOptions {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  signal?: AbortSignal;
  /** Overrides the client's `model` for this request. */
  model?: string;
  /** What the user is looking at in the host app; sent natively by `parley`, as a system message elsewhere. */
  context?: Record<string, unknown>;
  /**
   * Takes up an answer that was streaming when the page went away, after its last event
   * (`ChatStream.lastEventId`), instead of asking for a new one: the rest of it streams, with the
   * same `messages` as the request that started it. Only a gateway that resumes answers (the
   * native protocol) can; any other reply ends the stream with an error and nothing appended.
   */
  resumeAfter?: string;
}

export interface ChatClient {
  stream(options: StreamOptions): ChatStream;
  /**
   * Loads what the first request needs (the protocol adapter and the request code, which load on
   * first use) ahead of it: call it when the person starts typing. Never rejects; a load that
   * fails here is tried again by the request.
   */
  preload?(): Promise<void>;
}

/** A reasoning model can think for a long time, but gateways send keep-alives well within a minute. */
export const defaultIdleTimeoutMs = 60_000;

/** The largest single event a stream may carry by default: far above any real one, far below a runaway body. */
export const defaultMaxEventSize = 8 * 1024 * 1024;

const streamOptionsSchema = z.object({
  messages: z.array(chatMessageSchema),
  tools: z.optional(z.array(toolDefinitionSchema)),
  signal: z.optional(z.custom<AbortSignal>((value) => typeof value === 'object' && value !== null && 'aborted' in value, { message: 'expected an AbortSignal' })),
  model: z.optional(z.string()),
  context: z.optional(recordSchema()),
  resumeAfter: z.optional(z.string()),
});

/** Throws a TypeError naming the first bad field, e.g. `createClient: options.retry.attempts: must be at least 1`. */
function parseOrThrow<T>(schema: z.ZodMiniType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue && issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
  throw new TypeError(`${where}: options${path}: ${issue ? describeIssue(issue) : 'invalid'}`);
}

/** zod/mini ships no messages (they would weigh on every bundle), so the common cases are worded here. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'string' || issue.origin === 'array' ? ' long' : ''}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    default:
      return issue.message && issue.message !== 'Invalid input' ? issue.message : `invalid (${issue.code})`;
  }
}

/**
 * A client for one gateway endpoint. Invalid options throw at once (a TypeError naming the field);
 * everything that goes wrong on the wire later is reported in the stream instead.
 */
export function createClient(options: ClientOptions): ChatClient & Required<Pick<ChatClient, 'preload'>> {
  const valid = parseOrThrow(clientOptionsSchema, options, 'createClient') as ClientOptions;
  const protocol = valid.protocol ?? 'auto';
  const url = String(valid.url);
  const config = {
    url,
    adapter: typeof protocol === 'string' ? loadOnce(() => resolveProtocol(protocol, url)) : () => protocol,
    model: valid.model,
    // Copied, as a record schema would: the host changing its object later changes no request.
    headers: isPlainObject(valid.headers) ? { ...valid.headers } : valid.headers,
    body: isPlainObject(valid.body) ? { ...valid.body } : valid.body,
    // Looked up per request (not captured) so a fetch patched later, by a test or an SSO shim, is used.
    fetch: valid.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init)),
    policy: retryPolicy(valid.retry),
    idleTimeoutMs: valid.idleTimeoutMs ?? defaultIdleTimeoutMs,
    maxEventSize: valid.maxEventSize ?? defaultMaxEventSize,
    contextMessage: valid.contextMessage ?? defaultContextMessage,
    timers: valid.timers ?? realTimers,
  };
  return {
    stream(streamOptions) {
      const input = parseOrThrow(streamOptionsSchema, streamOptions, 'client.stream') as StreamOptions;
      if (input.context) input.context = { ...input.context };
      return startChatStream(config, input);
    },
    preload: () => Promise.all([config.adapter(), loadRequestCode()]).then(
      () => undefined,
      () => undefined,
    ),
  };
}

import * as z from './zod.js';

/**
 * The one event model every wire format is normalised into (DESIGN.md, "One event model").
 * The native `parley` protocol is exactly this union, one JSON event per SSE `data:` line.
 */

export const citationSchema = z.looseObject({
  id: z.string(),
  title: z.optional(z.string()),
  url: z.optional(z.string()),
  snippet: z.optional(z.string()),
  source: z.optional(z.string()),
  page: z.optional(z.union([z.number(), z.string()])),
  // Any JSON object. A zod kind, not a custom check, so the wire schemas convert with
  // z.toJSONSchema; looseObject rather than z.record, which costs the script tag 0.6 KB gzip
  // more for the same verdict on JSON (keys are always strings there).
  meta: z.optional(z.looseObject({})),
});
export type Citation = z.output<typeof citationSchema>;

export const toolCallSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Parsed JSON arguments. When the model sent arguments that are not valid JSON, the raw string. */
  args: z.unknown(),
});
export type ToolCall = z.output<typeof toolCallSchema>;

export const statusStateSchema = z.literal(['running', 'done', 'error']);
export const statusStepSchema = z.object({
  id: z.string(),
  label: z.string(),
  state: statusStateSchema,
  detail: z.optional(z.string()),
});
export type StatusStep = z.output<typeof statusStepSchema>;

export const usageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  reasoningTokens: z.optional(z.number()),
});
export type Usage = z.output<typeof usageSchema>;

export const finishReasonSchema = z.literal(['stop', 'length', 'tool-calls', 'content-filter', 'abort', 'error']);
export type FinishReason = z.output<typeof finishReasonSchema>;

/**
 * Why the client itself failed a response or request, for the failures it names rather than the
 * gateway (each `retryable: false`), so an interface can say them in its own words and language:
 * - `html-page`: a 2xx HTML page where a stream was expected (a proxy's or single sign-on login page).
 * - `json-document`: a 2xx JSON document that is no error either (streaming turned off).
 * - `empty-body`: a 2xx with no body, or an empty one.
 * - `protocol-mismatch`: the body speaks another protocol than the one named, or none the client knows.
 * - `event-too-large`: one event grew past `maxEventSize`.
 * - `request-not-built`: the adapter or the `body()` option threw while building the request.
 */
export const chatErrorReasonSchema = z.literal(['html-page', 'json-document', 'empty-body', 'protocol-mismatch', 'event-too-large', 'request-not-built']);
export type ChatErrorReason = z.output<typeof chatErrorReasonSchema>;

export const chatErrorSchema = z.object({
  /** The gateway's own code where it sent one (`rate_limit_exceeded`), else `http_<status>`, `network`, `timeout`, `bad_response`, `abort`. */
  code: z.string(),
  /** In English, for developers and logs; `reason` says the same for a program, where the client made the error itself. */
  message: z.string(),
  /**
   * Which error the client made itself (a `ChatErrorReason`); the client never sets it on what a
   * gateway said. Any string is read, not only the known ones: a newer client may name more, and
   * an answer it stored, or an error event it relayed, must not be refused here for that. A reader
   * that does not know the reason shows `message`.
   */
  reason: z.optional(z.string() as unknown as z.ZodMiniType<ChatErrorReason | (string & {})>),
  retryable: z.optional(z.boolean()),
  status: z.optional(z.number()),
  retryAfterMs: z.optional(z.number()),
});
export type ChatError = z.output<typeof chatErrorSchema>;

export const chatEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('start'), messageId: z.optional(z.string()), model: z.optional(z.string()) }),
  z.object({
    type: z.literal('text-delta'),
    delta: z.string(),
    /**
     * `true`: `delta` replaces all answer text and reasoning so far instead of extending it (Dify's
     * `message_replace`, sent when output moderation swaps the answer; the openai adapter's answer
     * from an R1-named model that streamed it as reasoning, with no `</think>`). Consumers must
     * honour it: appending would keep what moderation removed, or show the answer twice.
     */
    replace: z.optional(z.boolean()),
  }),
  z.object({ type: z.literal('reasoning-delta'), delta: z.string() }),
  z.object({ type: z.literal('citation'), citation: citationSchema }),
  z.object({ type: z.literal('tool-call'), toolCall: toolCallSchema }),
  z.object({ type: z.literal('status'), status: statusStepSchema }),
  z.object({ type: z.literal('data'), name: z.string(), data: z.unknown(), id: z.optional(z.string()) }),
  z.object({ type: z.literal('usage'), usage: usageSchema }),
  z.object({ type: z.literal('finish'), reason: finishReasonSchema }),
  z.object({ type: z.literal('error'), error: chatErrorSchema }),
]);
export type ChatEvent = z.output<typeof chatEventSchema>;
export type ChatEventType = ChatEvent['type'];
/** The event of one `type`, e.g. `ChatEventOf<'citation'>`. */
export type ChatEventOf<T extends ChatEventType> = Extract<ChatEvent, { type: T }>;

import type { ChatError } from './chat-event.js';
import { isRetryableStatus } from './retry-timing.js';

/** What a gateway's own error body says, before the client fills in what it lacks. */
export interface GatewayError {
  code?: string;
  message?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** vLLM and OpenRouter put the HTTP status in `code` (`400`): `http_400` then, unless a named type is given. */
function numericCode(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? `http_${value}` : undefined;
}

/**
 * Reads the error out of a parsed error body or data frame, in every shape gateways use:
 * OpenAI / vLLM / LiteLLM `{"error":{code|type,message}}`, Anthropic
 * `{"type":"error","error":{type,message}}`, vLLM `{"object":"error",code,type,message}`,
 * Dify `{code,message,status}`, Ollama `{"error":"…"}`, FastAPI `{"detail":"…"}`.
 * `undefined` when the value does not look like an error.
 */
export function gatewayError(value: unknown): GatewayError | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const body = value as Record<string, unknown>;
  const nested = body.error;
  if (typeof nested === 'string') return { message: nested };
  if (typeof nested === 'object' && nested !== null) {
    const error = nested as Record<string, unknown>;
    // OpenAI sends `code: null` beside a useful `type` (`server_error`), so `code` only wins when set.
    return { code: text(error.code) ?? text(error.type) ?? numericCode(error.code), message: text(error.message) ?? text(body.message) };
  }
  if (body.object === 'error' || body.type === 'error' || ((text(body.code) ?? numericCode(body.code)) !== undefined && text(body.message) !== undefined)) {
    return { code: text(body.code) ?? (body.type === 'error' ? undefined : text(body.type)) ?? numericCode(body.code), message: text(body.message) };
  }
  if (typeof body.detail === 'string') return { message: body.detail };
  return undefined;
}

/** The first characters of an HTML error page's `<title>` (a proxy's "502 Bad Gateway"), for the message. */
function htmlTitle(body: string): string | undefined {
  const match = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(body);
  return match?.[1]?.trim() || undefined;
}

/** The ChatError for a non-2xx response, from its (bounded) body text. */
export function httpError(status: number, contentType: string, body: string, retryAfter: number | undefined): ChatError {
  let found: GatewayError | undefined;
  if (!contentType.includes('html')) {
    try {
      found = gatewayError(JSON.parse(body));
    } catch {
      // Not JSON: a plain-text body is itself the message.
      const plain = body.trim();
      if (plain !== '') found = { message: plain.slice(0, 500) };
    }
  }
  const title = contentType.includes('html') ? htmlTitle(body) : undefined;
  const message =
    found?.message ??
    (contentType.includes('html')
      ? `The gateway answered HTTP ${status} with an HTML page${title ? ` ("${title}")` : ''}, not a stream: a proxy or login page is in the way.`
      : `The gateway answered HTTP ${status}.`);
  const error: ChatError = { code: found?.code ?? `http_${status}`, message, status, retryable: isRetryableStatus(status) };
  if (retryAfter !== undefined) error.retryAfterMs = retryAfter;
  return error;
}

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

/** A gateway's own words go into the message, but a runaway body (a stack trace, a page of JSON) does not. */
const maxSaidChars = 300;

function bounded(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > maxSaidChars ? `${trimmed.slice(0, maxSaidChars)}…` : trimmed;
}

/** The path of the endpoint, for a 404: never its query string, which may carry a key. */
function pathOf(url: string): string {
  return url.replace(/^[a-z][\w+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0] || '/';
}

/**
 * The ChatError for a non-2xx response, from its (bounded) body text and the URL it came from.
 * Statuses that retrying cannot fix say what to change; the gateway's own message is kept in them.
 */
export function httpError(status: number, contentType: string, body: string, retryAfter: number | undefined, url: string): ChatError {
  const html = contentType.includes('html');
  let found: GatewayError | undefined;
  // Set when the body is the gateway's JSON error, not a plain-text or HTML page from whatever else answered.
  let json = false;
  if (!html) {
    try {
      found = gatewayError(JSON.parse(body));
      json = found !== undefined;
    } catch {
      // Not JSON: a plain-text body is itself the message.
      if (body.trim() !== '') found = { message: body };
    }
  }
  const said = found?.message === undefined ? undefined : bounded(found.message);
  let message: string;
  if (status === 404 && !json) {
    // A static server or a proxy answered. A gateway's own JSON 404 is kept as it is said: it
    // names what is missing, often a model (Ollama, OpenAI), so the endpoint is not the problem.
    message = `The endpoint ${pathOf(url)} was not found (HTTP 404): check the endpoint URL.${said ? ` The server said: ${said}` : ''}`;
  } else if (status === 413) {
    message = `The request is too large for the gateway (HTTP 413): the conversation or its attachments are too big.${said ? ` The gateway said: ${said}` : ''}`;
  } else if (status === 400 || status === 422) {
    message = `The gateway refused the request (HTTP ${status})${said ? `: ${said}` : '.'}`;
  } else if (said) {
    message = said;
  } else if (html) {
    const title = htmlTitle(body);
    message = `The gateway answered HTTP ${status} with an HTML page${title ? ` ("${title}")` : ''}, not a stream: a proxy or login page is in the way.`;
  } else {
    message = `The gateway answered HTTP ${status}.`;
  }
  const error: ChatError = { code: found?.code ?? `http_${status}`, message, status, retryable: isRetryableStatus(status) };
  if (retryAfter !== undefined) error.retryAfterMs = retryAfter;
  return error;
}

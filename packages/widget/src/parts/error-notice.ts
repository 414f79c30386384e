import { html, nothing, type TemplateResult } from 'lit';
import type { ChatError, ChatErrorReason } from '@parley/client';
import { formatSeconds } from '../i18n/format.js';
import type { ParleyTranslation } from '../i18n/translation.js';

export type ErrorKind = 'blocked' | 'signed-out' | 'rate-limited' | 'unavailable' | 'timeout' | 'permanent' | 'generic';

/** Which of the ways out a failure calls for, from the client's error code and HTTP status. */
export function errorKind(error: ChatError): ErrorKind {
  const code = error.code.toLowerCase();
  if (code === 'blocked') return 'blocked';
  if (error.status === 401 || error.status === 403 || /unauthori[sz]ed|forbidden|auth/.test(code)) return 'signed-out';
  // The client knows retrying will not help on its own (a wrong endpoint or protocol, a refused
  // request, a broken stream, Anthropic's spending-limit 429, a 501): its words say what went wrong.
  if (error.retryable === false) return 'permanent';
  if (error.status === 429 || /rate.?limit|too.?many/.test(code)) return 'rate-limited';
  if (code === 'timeout') return 'timeout';
  if (code === 'network' || (error.status ?? 0) >= 500 || /overloaded|unavailable/.test(code)) return 'unavailable';
  return 'generic';
}

/** `detail`: the client's own English words, where `hint` says them in the person's language. */
export function describeError(error: ChatError, t: ParleyTranslation): { message: string; hint: string; detail?: string | undefined } {
  const waitHint = error.retryAfterMs ? t.errorRetryAfter(formatSeconds(t.locale, error.retryAfterMs)) : t.errorRateLimitedHint;
  switch (errorKind(error)) {
    case 'blocked':
      // The host's own reason (a sensitive-word filter in `beforeSend`), already in its language.
      return { message: error.message, hint: '' };
    case 'signed-out':
      return { message: t.errorSignedOut, hint: t.errorSignedOutHint };
    case 'rate-limited':
      return { message: t.errorRateLimited, hint: waitHint };
    case 'unavailable':
      // Only a connection that failed or broke is the person's to check; a gateway that answered
      // 5xx or "overloaded" (Anthropic's, also mid-stream) is busy: wait, then retry.
      return { message: t.errorUnavailable, hint: error.code === 'network' ? t.errorUnavailableHint : waitHint };
    case 'timeout':
      return { message: t.errorTimeout, hint: t.errorTimeoutHint };
    case 'permanent': {
      // A failure the client names is said in the person's language where the table can; its English words stay below.
      // A reason is any string (a newer client's, a gateway's event): only a string found is words (`toString` is not).
      const said = t.errorReasons?.[error.reason as ChatErrorReason];
      return typeof said === 'string' ? { message: t.errorGeneric, hint: said, detail: error.message } : { message: t.errorGeneric, hint: error.message };
    }
    default:
      return { message: t.errorGeneric, hint: t.errorGenericHint };
  }
}

/**
 * Whether the notice for `error` offers Retry. A blocked message was never sent: retrying would
 * re-ask the previous question instead. A request the gateway refused (HTTP 4xx) or that could not
 * be made (no endpoint) would fail the same way; a stream that broke after a 2xx may not.
 */
export function offersRetry(error: ChatError): boolean {
  const kind = errorKind(error);
  return kind !== 'blocked' && !(kind === 'permanent' && (error.status ?? 400) >= 300);
}

/** Why the answer failed, in the person's language, with the way out (`role="alert"`, WCAG 3.3.1). */
export function renderErrorNotice(error: ChatError, t: ParleyTranslation, retry: (() => void) | undefined): TemplateResult {
  const { message, hint, detail } = describeError(error, t);
  const kind = errorKind(error);
  const canRetry = retry !== undefined && offersRetry(error);
  return html`<div class="error" role="alert" data-error-kind=${kind}>
    <span class="error-message">${message}</span>
    ${hint ? html`<span class="error-hint">${hint}</span>` : nothing}
    ${canRetry ? html`<button class="button retry" @click=${retry}>${t.retry}</button>` : nothing}
    ${detail ? html`<span class="error-detail" lang="en">${detail}</span>` : nothing}
  </div>`;
}

import type { ActionEvent, AuditEvent, ChatError, Citation, ConversationMessage } from '@parley/client';

/** `parley-send`: the person (or `send()`) sent a message. */
export interface ParleySendDetail {
  text: string;
}

/** `parley-response`: an answer finished streaming (stopped and failed answers included). */
export interface ParleyResponseDetail {
  message: ConversationMessage;
}

/**
 * `parley-error`: a request failed; `error.code` is the gateway's code or `http_<status>`, `network`, `timeout`…
 * or `plugin_error` when a plug-in hook threw (then `plugin` and `hook` name it; its part fell back to the default).
 */
export interface ParleyErrorDetail {
  error: ChatError;
  plugin?: string;
  hook?: string;
}

/**
 * `parley-citation-open`: a person activated a source card (cancelable: `preventDefault()` means
 * the host opened it, so neither a plug-in's `citation.open` nor the card's link runs).
 */
export interface ParleyCitationOpenDetail {
  citation: Citation;
  /** The number the card and its inline markers show. */
  number: number;
  messageId: string;
}

/**
 * `parley-action`: one decision about one agent action, for the host's audit trail — the
 * conversation's `onAction` event as is (`type`: requested, approved, rejected, ran, failed).
 */
export type ParleyActionDetail = ActionEvent;

/**
 * `parley-audit`: one record of the audit trail (message sent or blocked, action proposed, edited,
 * approved, rejected, its result, feedback), with the element's `user`; the schema is the client's
 * `AuditEvent` (packages/client/README.md). Forward it to the host's own audit log.
 */
export type ParleyAuditDetail = AuditEvent;

/** `parley-feedback`: thumbs up or down on an answer. */
export interface ParleyFeedbackDetail {
  messageId: string;
  rating: 'up' | 'down';
  comment?: string;
}

/** Every `<parley-chat>` event bubbles and crosses shadow roots. */
export function parleyEvent<K extends keyof ParleyEventDetails>(type: K, detail: ParleyEventDetails[K]): CustomEvent<ParleyEventDetails[K]> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

export interface ParleyEventDetails {
  'parley-send': ParleySendDetail;
  'parley-response': ParleyResponseDetail;
  'parley-error': ParleyErrorDetail;
  'parley-action': ParleyActionDetail;
  'parley-feedback': ParleyFeedbackDetail;
  'parley-citation-open': ParleyCitationOpenDetail;
  'parley-audit': ParleyAuditDetail;
  'parley-open': Record<string, never>;
  'parley-close': Record<string, never>;
}

/** The `<parley-chat>` events by name, as listeners receive them. */
export interface ParleyEventMap {
  'parley-send': CustomEvent<ParleySendDetail>;
  'parley-response': CustomEvent<ParleyResponseDetail>;
  'parley-error': CustomEvent<ParleyErrorDetail>;
  'parley-action': CustomEvent<ParleyActionDetail>;
  'parley-feedback': CustomEvent<ParleyFeedbackDetail>;
  'parley-citation-open': CustomEvent<ParleyCitationOpenDetail>;
  'parley-audit': CustomEvent<ParleyAuditDetail>;
  'parley-open': CustomEvent<Record<string, never>>;
  'parley-close': CustomEvent<Record<string, never>>;
}

declare global {
  interface HTMLElementEventMap extends ParleyEventMap {}
  // The events bubble and are composed, so a page can listen on `document` too.
  interface DocumentEventMap extends ParleyEventMap {}
}

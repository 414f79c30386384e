import type { ActionEvent, ChatError, ConversationMessage } from '@parley/client';

/** `parley-send`: the person (or `send()`) sent a message. */
export interface ParleySendDetail {
  text: string;
}

/** `parley-response`: an answer finished streaming (stopped and failed answers included). */
export interface ParleyResponseDetail {
  message: ConversationMessage;
}

/** `parley-error`: a request failed; `error.code` is the gateway's code or `http_<status>`, `network`, `timeout`… */
export interface ParleyErrorDetail {
  error: ChatError;
}

/**
 * `parley-action`: one decision about one agent action, for the host's audit trail — the
 * conversation's `onAction` event as is (`type`: requested, approved, rejected, ran, failed).
 */
export type ParleyActionDetail = ActionEvent;

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
  'parley-open': CustomEvent<Record<string, never>>;
  'parley-close': CustomEvent<Record<string, never>>;
}

declare global {
  interface HTMLElementEventMap extends ParleyEventMap {}
  // The events bubble and are composed, so a page can listen on `document` too.
  interface DocumentEventMap extends ParleyEventMap {}
}

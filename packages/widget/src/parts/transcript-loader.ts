import type { TemplateResult } from 'lit';
import type { ConversationMessage } from '@parley/client';
import { LazyPart } from './lazy-part.js';
import { renderMessageAsWritten } from './message-fallback.js';
import type { MessageViewState } from './message-view.js';
import type { RenderContext } from './render-context.js';
import type { TranscriptViews } from './transcript-views.js';

/**
 * The transcript views (bubbles, reasoning, steps, answer tools, the lazy card frames, their
 * styles) and `<parley-markdown>` (lexer, renderer, streaming engine, styles) are one chunk, not in
 * the code a page loads at start: an empty conversation needs none of it. It starts loading when
 * the person first types or sends (alongside the gateway request), Retry or regenerate, when a
 * restored history has messages, or when a message is rendered, whichever comes first.
 */
const transcriptViews = new LazyPart<TranscriptViews>(() => import('./transcript-views.js').then((module) => module.defineTranscriptViews()));

/**
 * One message: its full view once the chunk is in; until then (a send without typing first, a
 * slow or failed chunk) the message as written, still readable and, for a pending action, still
 * decidable. Arrival (or failure) re-renders the element, so every message gets its full view.
 */
export function renderTranscriptMessage(message: ConversationMessage, state: MessageViewState, ctx: RenderContext): TemplateResult {
  const { extensions: ext } = ctx;
  const loaded = transcriptViews.get(ext.rerender);
  if (!loaded.module) return renderMessageAsWritten(message, state, ctx, loaded.failed ? () => transcriptViews.retry(ext.rerender) : undefined);
  for (const styles of loaded.module.styles) ext.adoptStyles(styles);
  return loaded.module.renderMessage(message, state, ctx);
}

/**
 * The messages from `first` on (older ones may be held back, see parley-chat.ts) in groups
 * (transcript-groups.ts), once the views are in; until then `undefined`: one by one.
 */
export function renderGroups(messages: readonly ConversationMessage[], first: number, one: (message: ConversationMessage) => unknown): unknown {
  const views = messages.length > 0 && transcriptViews.get(noop).module;
  return views ? views.renderGroups(messages, first, one) : undefined;
}

/**
 * A new turn of the person (typing, a send, Retry, regenerate) will bring an answer: the chunk
 * starts loading now, and again if an earlier load failed.
 */
export function loadViews(changed: () => void): void {
  transcriptViews.preload(changed);
}

/**
 * A restored history: its views start loading before its messages render, and while a long one
 * is still being read (`restoring`; with an async storage adapter, also one that turns out
 * empty). Not after a failed load: renders come often, a person's new turn tries again.
 */
export function loadViewsFor(history: { readonly messages: readonly ConversationMessage[]; readonly restoring: boolean }, changed: () => void): void {
  if (history.restoring || history.messages.length > 0) transcriptViews.get(changed);
}

/** A message in `messages` would render before its views are in (as written). */
export function awaitsViews(messages: readonly ConversationMessage[]): boolean {
  return messages.length > 0 && !transcriptViews.get(noop).module;
}

/** How long a restored history waits for its views: a chunk the network holds must not hide it. */
const restorePatienceMs = 3000;

/**
 * Resolves once the views are in or their code could not be loaded (again, if an earlier load
 * failed), or after `patienceMs` at most: a restored history is shown then, in full or else as
 * written (and in full once the views arrive).
 */
export function viewsSettled(patienceMs = restorePatienceMs): Promise<void> {
  return new Promise((resolve) => {
    const loaded = transcriptViews.preload(resolve);
    if (loaded.module || loaded.failed) resolve();
    else setTimeout(resolve, patienceMs);
  });
}

/** Resolves once `<parley-markdown>` is defined (its code loads on first use); rejects if that code could not be loaded. */
export function defineMarkdown(): Promise<void> {
  return new Promise((resolve, reject) => {
    const settled = (): void =>
      customElements.get('parley-markdown') ? resolve() : reject(new Error('<parley-markdown> could not be loaded: serve every chunk next to the script.'));
    if (transcriptViews.preload(settled).module) settled();
  });
}

function noop(): void {}

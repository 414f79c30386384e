import type { CSSResult } from 'lit';
import { defineMarkdownElement } from '../markdown/markdown-element.js';
import { renderMessage } from './message-view.js';
import { messageStyles } from './message-view.styles.js';
import { renderMessageGroups } from './transcript-groups.js';

/** What `transcript-loader.ts` gets once the chunk is in: the views of messages and the styles they need. */
export interface TranscriptViews {
  renderMessage: typeof renderMessage;
  renderGroups: typeof renderMessageGroups;
  styles: readonly CSSResult[];
}

/**
 * The chunk `<parley-chat>` loads (one request) when it first has messages to show: the message
 * views with their part views and styles, the groups they are shown in, and `<parley-markdown>`
 * (defined here) for answers.
 */
export function defineTranscriptViews(): TranscriptViews {
  return { renderMessage, renderGroups: renderMessageGroups, styles: [defineMarkdownElement(), messageStyles] };
}

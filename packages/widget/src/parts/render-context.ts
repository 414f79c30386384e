import type { ConversationMessage } from '@parley/client';
import type { ParleyTranslation } from '../i18n/translation.js';
import type { PartExtensions } from './part-extensions.js';

/**
 * What the part renderers get from the element: strings, policy and the person's commands.
 * Renderers never touch the conversation directly, so a plug-in renderer (issue 5) can be
 * handed the same context.
 */
export interface RenderContext {
  t: ParleyTranslation;
  imageHosts: readonly string[];
  /** A turn is running (streaming or waiting on an action): regenerate and retry wait. */
  busy: boolean;
  /** Id of the answer whose text was just copied, to show "Copied". */
  copiedMessageId: string | undefined;
  /** An answer's text is on the clipboard (its Copy button says so). */
  copied(messageId: string): void;
  regenerate(): void;
  /**
   * Rewrites a question the person asked and asks again (`conversation.edit`): `false` if refused.
   * Absent when the host turned editing off (`no-edit`).
   */
  edit: ((messageId: string, text: string) => Promise<boolean>) | undefined;
  /** Says `words` in the element's live region (gone a second later). */
  announce(words: string): void;
  feedback(messageId: string, rating: 'up' | 'down', comment?: string): void;
  /** Plug-ins, action titles and drafts, citation opening (issue 5). */
  extensions: PartExtensions;
}

import type { MarkdownLabels } from '../markdown/markdown-labels.js';
import type { ParleyTranslation } from './translation.js';

const cache = new WeakMap<ParleyTranslation, Partial<MarkdownLabels>>();

/**
 * The markdown element's strings from the widget's table; the same object per table, so Lit sees no
 * change. Strings a table leaves out (English has no `markdown`) come from `englishMarkdownLabels`.
 */
export function markdownLabelsOf(t: ParleyTranslation): Partial<MarkdownLabels> {
  let labels = cache.get(t);
  if (!labels) {
    labels = {
      ...t.markdown,
      copy: t.codeCopy,
      copied: t.codeCopied,
      copyFailed: t.codeCopyFailed,
      code: t.codeLabel,
      imageBlocked: t.imageBlocked,
      imageInvalid: t.imageInvalid,
      citation: t.citationMarker,
      taskDone: t.taskDone,
      taskOpen: t.taskOpen,
    };
    cache.set(t, labels);
  }
  return labels;
}

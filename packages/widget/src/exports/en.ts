import { en as startEnglish } from '../i18n/en.js';
import type { CompleteTranslation } from '../i18n/translation.js';
import { englishMarkdownLabels } from '../markdown/markdown-labels.js';
import { actionCardEnglish } from '../parts/action-card-english.js';
import { feedbackCommentEnglish } from '../parts/feedback-comment-english.js';
import { transcriptEnglish } from '../parts/transcript-english.js';

function completeEnglish(): CompleteTranslation {
  const { copy, copied, copyFailed, code, imageBlocked, imageInvalid, citation, taskDone, taskOpen, linkConfirm, mailConfirm, linkDataWarning, mailPrefilled, linkOpen, linkCancel, colon } = englishMarkdownLabels;
  return {
    ...startEnglish,
    codeCopy: copy,
    codeCopied: copied,
    codeCopyFailed: copyFailed,
    codeLabel: code,
    imageBlocked,
    imageInvalid,
    citationMarker: citation,
    taskDone,
    taskOpen,
    ...transcriptEnglish,
    ...actionCardEnglish,
    ...feedbackCommentEnglish,
    markdown: { linkConfirm, mailConfirm, linkDataWarning, mailPrefilled, linkOpen, linkCancel, colon },
  };
}

/**
 * The whole English table, for translators and for overrides spread from it: the start table
 * (i18n/en.ts, what the element shows before anything loads) with the English that each lazily
 * loaded part brings along. Built here, where only the ES module barrel looks (the script tag's
 * entry is define.ts), and only if an app names it (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const en: CompleteTranslation = /* @__PURE__ */ completeEnglish();

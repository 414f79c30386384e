import type { ParleyTranslation } from '../i18n/translation.js';

/**
 * The comment form's English, for the strings the start table leaves out (`ParleyTranslation`); a
 * locale's or a host's win. A module of its own, as the action card's.
 */
export const feedbackCommentEnglish: Required<Pick<ParleyTranslation, 'feedbackCommentLabel' | 'feedbackCommentSend' | 'feedbackCommentDismiss' | 'feedbackThanks'>> = {
  feedbackCommentLabel: 'Tell us more (optional)',
  feedbackCommentSend: 'Send feedback',
  feedbackCommentDismiss: 'No thanks',
  feedbackThanks: 'Thank you for your feedback.',
};

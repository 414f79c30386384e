import type { ParleyTranslation } from '../i18n/translation.js';

/**
 * The action card's English, for the strings the start table leaves out (`ParleyTranslation`); a
 * locale's or a host's win. A module of its own: the card's chunk and the complete English table
 * (`exports/en.ts`) share it without the one pulling in the other.
 */
export const actionCardEnglish: Required<Pick<ParleyTranslation, 'actionPending' | 'actionRunning' | 'actionDone' | 'actionRejected' | 'actionFailed' | 'actionEdit' | 'actionCancelEdit' | 'actionArgumentsLabel' | 'actionInvalidJson' | 'actionRejectReason' | 'actionEdited' | 'actionNotAwaiting' | 'actionResult'>> = {
  actionPending: 'Waiting for your approval',
  actionRunning: 'Running…',
  actionDone: 'Done',
  actionRejected: 'Rejected',
  actionFailed: 'Failed',
  actionEdit: 'Edit',
  actionCancelEdit: 'Cancel editing',
  actionArgumentsLabel: 'Arguments (JSON)',
  actionInvalidJson: (problem) => `The arguments are not valid JSON: ${problem}`,
  actionRejectReason: 'Reason for rejecting (optional)',
  actionEdited: 'Arguments edited before approval',
  actionNotAwaiting: 'No longer awaits a decision here.',
  actionResult: (summary) => `Result: ${summary}`,
};

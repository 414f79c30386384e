import type { ParleyTranslation } from './translation.js';

/**
 * The start table: the English the element shows before anything loads. Strings only lazily
 * loaded parts show come with them (optional keys of `ParleyTranslation`); the package exports
 * the complete English table as `en` (exports/en.ts). `actionNumbered` is optional for other
 * tables, which get this one's, and here at start since the frame an action shows before its card's
 * code is numbered too.
 */
export const en: ParleyTranslation & Required<Pick<ParleyTranslation, 'actionNumbered'>> = {
  locale: 'en',
  heading: 'Assistant',
  placeholder: 'Ask a question…',
  inputLabel: 'Message',
  messagesLabel: 'Conversation',
  emptyState: 'Ask anything to get started.',
  you: 'You',
  assistant: 'Assistant',
  send: 'Send',
  stop: 'Stop',
  retry: 'Retry',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  clear: 'New conversation',
  responding: 'Responding…',
  stopped: 'Stopped',
  interrupted: 'This answer was interrupted.',
  answerAnnouncement: (answer) => `Assistant: ${answer}`,
  stoppedAnnouncement: (answer) => (answer ? `Stopped. Assistant: ${answer}` : 'Stopped.'),
  thinking: 'Thinking…',
  actionRequested: (name) => `The assistant wants to run “${name}”`,
  actionNumbered: (label, position, count) => `${label} (${position} of ${count})`,
  approve: 'Approve',
  reject: 'Reject',
  awaitingAction: 'Approve or reject the action above to continue.',
  modelLabel: 'Model',
  suggestionsLabel: 'Suggested questions',
  errorUnavailable: 'The assistant cannot be reached right now.',
  errorUnavailableHint: 'Check your connection, then retry.',
  errorRateLimited: 'Too many requests at the moment.',
  errorRateLimitedHint: 'Wait a moment, then retry.',
  errorRetryAfter: (seconds) => `You can retry in ${seconds} s.`,
  errorSignedOut: 'You are signed out.',
  errorSignedOutHint: 'Sign in again, then retry.',
  errorTimeout: 'The answer stopped arriving.',
  errorTimeoutHint: 'Retry to ask again.',
  errorGeneric: 'Something went wrong.',
  errorGenericHint: 'Retry to ask again.',
  partLoading: 'Loading…',
  partLoadFailed: 'This part of the answer could not be loaded.',
};

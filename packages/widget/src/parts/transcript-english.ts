import type { ParleyTranslation } from '../i18n/translation.js';

type TranscriptKeys =
  | 'regenerate'
  | 'copy'
  | 'copied'
  | 'helpful'
  | 'notHelpful'
  | 'sentAt'
  | 'reasoning'
  | 'thoughtFor'
  | 'sources'
  | 'citationPage'
  | 'statusRunning'
  | 'statusDone'
  | 'statusError'
  | 'retryWaiting'
  | 'reconnecting'
  | 'editQuestion'
  | 'editQuestionName'
  | 'editQuestionLabel'
  | 'editCancel'
  | 'editDropsLater'
  | 'questionEdited';

/** A table with every string the transcript views show. */
export type TranscriptStrings = ParleyTranslation & Required<Pick<ParleyTranslation, TranscriptKeys>>;

/**
 * The English of what only the transcript views show (answer tools, reasoning, progress steps,
 * sources, the question editor): with their code, loaded on first use, not in the start table
 * (translation.ts: optional keys).
 */
export const transcriptEnglish: Required<Pick<ParleyTranslation, TranscriptKeys>> = {
  regenerate: 'Regenerate',
  copy: 'Copy answer',
  copied: 'Copied',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
  sentAt: (time) => `Sent at ${time}`,
  reasoning: 'Reasoning',
  thoughtFor: (seconds) => `Thought for ${seconds} s`,
  sources: 'Sources',
  citationPage: (page) => `p. ${page}`,
  statusRunning: 'In progress',
  statusDone: 'Done',
  statusError: 'Failed',
  retryWaiting: 'The gateway is busy; trying again shortly…',
  reconnecting: 'The connection was lost; reconnecting…',
  editQuestion: 'Edit',
  editQuestionName: (question) => `Edit ${question}`,
  editQuestionLabel: 'Edit your question',
  editCancel: 'Cancel',
  editDropsLater: 'The questions and answers after this one will be removed.',
  questionEdited: 'Question edited; the messages after it were removed.',
};

const complete = new WeakMap<ParleyTranslation, TranscriptStrings>();

/** `t` with English for any of those strings it leaves out; the same object per table (tables are cached per language and overrides). */
export function transcriptStrings(t: ParleyTranslation): TranscriptStrings {
  let strings = complete.get(t);
  if (!strings) complete.set(t, (strings = { ...transcriptEnglish, ...t }));
  return strings;
}

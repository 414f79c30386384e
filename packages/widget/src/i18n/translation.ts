import type { ChatErrorReason } from '@parley/client';
import type { MarkdownLabels } from '../markdown/markdown-labels.js';

/**
 * Every string `<parley-chat>` shows or announces. English is the fallback for any key a locale or
 * a host override leaves out: the start table (`en`) for the required keys, and for the optional
 * ones the lazily loaded part that shows them. Functions take values already formatted for the
 * active locale (`Intl` for a locale that is not built in).
 */
export interface ParleyTranslation {
  /** BCP 47 tag of this table, used for `Intl` formatting and the `lang` of rendered text. */
  locale: string;
  heading: string;
  placeholder: string;
  inputLabel: string;
  messagesLabel: string;
  emptyState: string;
  you: string;
  assistant: string;
  send: string;
  stop: string;
  retry: string;
  /**
   * The answer tools, a message's time, reasoning, sources and progress steps: shown only by the
   * transcript views. Optional: their English comes with that lazily loaded code
   * (`parts/transcript-english.ts`), not in the start table; a table or host override that leaves
   * one out gets the English. The complete English table is the `en` the package exports.
   */
  regenerate?: string;
  copy?: string;
  copied?: string;
  helpful?: string;
  notHelpful?: string;
  openChat: string;
  closeChat: string;
  clear: string;
  responding: string;
  stopped: string;
  interrupted: string;
  /** The live-region announcement of a finished answer. */
  answerAnnouncement: (answer: string) => string;
  /** The live-region announcement of an answer the person stopped; `answer` is what had arrived (may be empty). */
  stoppedAnnouncement: (answer: string) => string;
  /** Accessible timestamp of a message, e.g. "Sent at 14:03". */
  sentAt?: (time: string) => string;
  reasoning?: string;
  thinking: string;
  thoughtFor?: (seconds: string) => string;
  sources?: string;
  citationPage?: (page: string) => string;
  actionRequested: (name: string) => string;
  approve: string;
  reject: string;
  /**
   * The accessible names of a card's Approve and Reject: the shown word first (voice control), then
   * the action's title. Optional: a table that leaves them out gets its `approve` / `reject` and
   * the title joined by a space, as in English ("Approve Create purchase order"); so does one whose
   * wording does not contain its `approve` / `reject` (overrides that changed only the word).
   */
  approveAction?: (name: string) => string;
  rejectAction?: (name: string) => string;
  awaitingAction: string;
  /**
   * The action card's states, argument editing and rejection reason, and the comment form after a
   * thumb. Optional: their English comes with that lazily loaded code (`actionCardEnglish`,
   * `feedbackCommentEnglish`), not in the start table; a table or host override that leaves one
   * out gets the English.
   */
  actionPending?: string;
  actionRunning?: string;
  actionDone?: string;
  actionRejected?: string;
  actionFailed?: string;
  actionEdit?: string;
  actionCancelEdit?: string;
  actionArgumentsLabel?: string;
  actionInvalidJson?: (problem: string) => string;
  actionRejectReason?: string;
  actionEdited?: string;
  /** Approve refused because the call no longer awaits a decision here (another tab of the app decided it). */
  actionNotAwaiting?: string;
  actionResult?: (summary: string) => string;
  /**
   * A card's title and its buttons' names when the answer asks for the same action more than once,
   * so a screen reader's lists tell them apart: `label` is the title or name, `position` which of
   * the `count` cards of that action this one is ("… (2 of 3)"). English is in the start table: the
   * frame shown before the card's code is numbered too.
   */
  actionNumbered?: (label: string, position: string, count: string) => string;
  feedbackCommentLabel?: string;
  feedbackCommentSend?: string;
  feedbackCommentDismiss?: string;
  feedbackThanks?: string;
  /** Accessible names of the model picker and of the starter prompts. */
  modelLabel: string;
  suggestionsLabel: string;
  statusRunning?: string;
  statusDone?: string;
  statusError?: string;
  errorUnavailable: string;
  errorUnavailableHint: string;
  errorRateLimited: string;
  errorRateLimitedHint: string;
  errorRetryAfter: (seconds: string) => string;
  errorSignedOut: string;
  errorSignedOutHint: string;
  errorTimeout: string;
  errorTimeoutHint: string;
  errorGeneric: string;
  errorGenericHint: string;
  /**
   * What went wrong, by `ChatError.reason`, for the failures the client names itself (an HTML
   * login page where the answer should stream, an event over `maxEventSize`, …): shown instead of
   * the client's English words, which stay on a line below for whoever is asked to fix it.
   * Optional: English needs none (the client's words are English), so the start chunk carries no
   * table; a reason left out shows the client's words as before.
   */
  errorReasons?: Partial<Record<ChatErrorReason, string>>;
  /** A part of an answer (action card, sources, comment form) whose code is still loading, or failed to. */
  partLoading: string;
  partLoadFailed: string;
  /**
   * Strings of `<parley-markdown>` (code blocks, blocked images, citation markers, task lists);
   * `{host}` / `{id}` are replaced. Optional: their English comes with the markdown element
   * (`englishMarkdownLabels`), not in the start table; a table that leaves one out gets the English.
   */
  codeCopy?: string;
  codeCopied?: string;
  codeCopyFailed?: string;
  codeLabel?: string;
  imageBlocked?: string;
  imageInvalid?: string;
  citationMarker?: string;
  taskDone?: string;
  taskOpen?: string;
  /**
   * Further strings of `<parley-markdown>` under its own names (the link confirmation: `linkConfirm`,
   * `linkOpen`, …). Optional: English ones come with the markdown element (`englishMarkdownLabels`),
   * so they cost the start chunk nothing; the names above win over the same names here. A host's
   * `labels.markdown` replaces the active language's whole object: spread it (`...zhCN.markdown`)
   * to change one string and keep the rest translated. Its `colon` also joins an action's state
   * and the reason it was rejected or failed (`: ` in English, `：` in Chinese).
   */
  markdown?: Partial<MarkdownLabels>;
  /**
   * Shown (and, as a status, announced) in an answer while the client waits before trying a
   * refused request again (a 429's Retry-After). Optional for the same reason: the English is in
   * the transcript views, not at start.
   */
  retryWaiting?: string;
  /** The same while the gateway cannot be reached (the network is away, or an answer's connection broke and is being taken up again). */
  reconnecting?: string;
  /**
   * The Edit button under a question the person asked; the name of the text box it opens, its
   * Cancel (its Send is `send`), the note when later questions go too, and what is announced once
   * the edited question is asked again (followed by `responding`). Optional for the same reason:
   * the English is in the transcript views.
   */
  editQuestion?: string;
  /**
   * The accessible name of a question's Edit: the shown word first (voice control), then the
   * question's start, which tells one Edit from another. As `approveAction`, a table whose wording
   * does not contain its `editQuestion` gets the two joined by a space.
   */
  editQuestionName?: (question: string) => string;
  editQuestionLabel?: string;
  editCancel?: string;
  editDropsLater?: string;
  questionEdited?: string;
}

/** What a host may pass to override strings: any subset of the table. */
export type ParleyTranslationOverrides = Partial<ParleyTranslation>;

/** The strings `<parley-markdown>` takes under `markdown` (the others have names of their own in the table). */
type FurtherMarkdownLabels = Pick<MarkdownLabels, 'linkConfirm' | 'mailConfirm' | 'linkDataWarning' | 'mailPrefilled' | 'linkOpen' | 'linkCancel' | 'colon'>;

/** Every string of the table, `markdown` too, but `errorReasons` (English shows the client's own words): the exported `en`, `zhCN` and `zhTW`. */
export type CompleteTranslation = Required<Omit<ParleyTranslation, 'errorReasons' | 'markdown'>> & { markdown: FurtherMarkdownLabels };

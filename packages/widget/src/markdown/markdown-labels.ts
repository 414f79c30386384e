/**
 * The strings `<parley-markdown>` shows or announces. The widget's translation table supplies them;
 * English is the fallback for any string a host leaves out.
 */
export interface MarkdownLabels {
  /** Copy button of a code block. */
  copy: string;
  /** Announced (and shown next to the button) after the code was copied. */
  copied: string;
  /** Shown when the clipboard refused the copy. */
  copyFailed: string;
  /** Language label of a code block whose fence names no language. */
  code: string;
  /** Placeholder for an image whose host is not allowed; `{host}` is replaced. */
  imageBlocked: string;
  /** Placeholder for an image whose address cannot be parsed. */
  imageInvalid: string;
  /** Accessible name of a citation marker; `{id}` is replaced. */
  citation: string;
  /** Accessible names of the two task-list states. */
  taskDone: string;
  taskOpen: string;
  /** A link to a host nobody allowed is held for a confirmation titled this; `{host}` is replaced. */
  linkConfirm: string;
  /** The same for a `mailto:` link; `{address}` is replaced. */
  mailConfirm: string;
  /** Shown when the link's address looks like it carries data (long or encoded); `{host}` is replaced. */
  linkDataWarning: string;
  /** Shown when a `mailto:` link comes with a subject, body or more recipients. */
  mailPrefilled: string;
  /** The confirmation's buttons. */
  linkOpen: string;
  linkCancel: string;
  /** Joins a label and what it names ("Image blocked: chart"); Chinese and Japanese use the full-width `：`. */
  colon: string;
}

export const englishMarkdownLabels: MarkdownLabels = {
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Copy failed',
  code: 'Code',
  imageBlocked: 'Image blocked from {host}',
  imageInvalid: 'Image blocked',
  citation: 'Source {id}',
  taskDone: 'Done',
  taskOpen: 'Not done',
  linkConfirm: 'Open this link to {host}?',
  mailConfirm: 'Write an email to {address}?',
  linkDataWarning: 'This link may send data from this conversation to {host}.',
  mailPrefilled: 'The email comes with a prefilled message, which may send data from this conversation.',
  linkOpen: 'Open',
  linkCancel: 'Cancel',
  colon: ': ',
};

/**
 * `labels` over the English: a string left out, or `undefined` (the widget's table passes its
 * markdown strings as they are, and English keeps them here rather than in the start table), is English.
 */
export function withEnglish(labels: Partial<MarkdownLabels> | undefined): MarkdownLabels {
  const all = { ...englishMarkdownLabels };
  for (const [name, label] of Object.entries(labels ?? {})) if (label !== undefined) all[name as keyof MarkdownLabels] = label;
  return all;
}

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a bad translation is noticed. */
export function formatLabel(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? (values[name] as string) : whole,
  );
}

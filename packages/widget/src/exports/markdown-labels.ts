import { englishMarkdownLabels as labels, type MarkdownLabels } from '../markdown/markdown-labels.js';

/**
 * The English strings of `<parley-markdown>` (markdown/markdown-labels.ts). A binding of its own,
 * not a re-export: they load with the markdown renderer on first use, and an app's esbuild keeps
 * them there (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const englishMarkdownLabels: MarkdownLabels = labels;

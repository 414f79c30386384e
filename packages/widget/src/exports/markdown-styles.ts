import type { CSSResult } from 'lit';
import { markdownStyles as styles } from '../markdown/markdown-styles.js';

/**
 * Styles for what `<parley-markdown>` renders (markdown/markdown-styles.ts). A binding of its own,
 * not a re-export: they load with the markdown renderer on first use, and an app's esbuild keeps
 * them there (docs/decisions/barrel-names-for-lazy-modules.md).
 */
export const markdownStyles: CSSResult = styles;

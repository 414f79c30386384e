import { Lexer, type Links, type MarkedOptions, type TokensList } from 'marked';
import { ensureLegacyApis } from './legacy-apis.js';

/**
 * Our own options object, so a host page that calls `marked.use()` on a shared marked (an HTML
 * extension, say) can never change how model output is tokenised.
 */
const options: MarkedOptions = { gfm: true, breaks: false, pedantic: false, silent: false };

/**
 * Test seam for the render-cost budget: sees every string handed to the lexer. Internal; not
 * exported from the package.
 */
export const markdownLexerProbe: { onLex: ((source: string) => void) | null } = { onLex: null };

/** Lexes `source` with reference definitions found earlier in the document already known. */
export function lexMarkdown(source: string, links?: Links): TokensList {
  ensureLegacyApis();
  markdownLexerProbe.onLex?.(source);
  const lexer = new Lexer(options);
  if (links) Object.assign(lexer.tokens.links, links);
  try {
    return lexer.lex(source);
  } catch {
    // marked throws on inputs it cannot make progress on; the text must still show, as text.
    const fallback = [{ type: 'paragraph', raw: source, text: source, tokens: [{ type: 'text', raw: source, text: source }] }];
    return Object.assign(fallback, { links: lexer.tokens.links }) as TokensList;
  }
}

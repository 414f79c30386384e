/**
 * The tokens `markdown-lexer` produces and `render-tokens` turns into Lit templates. Shaped like
 * marked's (the renderer was first written against marked), trimmed to what an answer can contain.
 * Every token's `raw` is the source it came from, so top-level raws tile the text exactly.
 */
export interface LinkDefinition {
  href: string;
  title: string | null;
}

/** Reference definitions by normalised label. */
export type Links = Record<string, LinkDefinition>;

export type TableAlign = 'left' | 'center' | 'right' | null;

export type InlineToken =
  | { type: 'text' | 'escape' | 'codespan' | 'html'; raw: string; text: string }
  | { type: 'strong' | 'em' | 'del'; raw: string; text: string; tokens: InlineToken[] }
  | { type: 'br'; raw: string }
  | { type: 'link'; raw: string; href: string; title: string | null; text: string; tokens: InlineToken[] }
  | { type: 'image'; raw: string; href: string; title: string | null; text: string }
  | { type: 'checkbox'; raw: string; checked: boolean };

export interface TableCell {
  text: string;
  tokens: InlineToken[];
  align: TableAlign;
}

export interface ListItem {
  type: 'list_item';
  raw: string;
  task: boolean;
  checked: boolean;
  loose: boolean;
  tokens: Token[];
}

export type Token =
  | { type: 'space' | 'hr'; raw: string }
  /** `text` is a tight list item's content: inline tokens without a paragraph around them. */
  | { type: 'paragraph' | 'text'; raw: string; text: string; tokens: InlineToken[] }
  | { type: 'heading'; raw: string; depth: number; text: string; tokens: InlineToken[] }
  | { type: 'code'; raw: string; lang: string; text: string; codeBlockStyle?: 'indented' }
  | { type: 'blockquote'; raw: string; tokens: Token[] }
  | { type: 'list'; raw: string; ordered: boolean; start: number | ''; loose: boolean; items: ListItem[] }
  | { type: 'table'; raw: string; header: TableCell[]; rows: TableCell[][] }
  /** Raw HTML: shown as text, never interpreted. */
  | { type: 'html'; raw: string; text: string }
  | { type: 'def'; raw: string; tag: string; href: string; title: string | null };

export type TokenList = Token[] & { links: Links };

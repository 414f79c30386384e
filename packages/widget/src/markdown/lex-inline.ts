import type { InlineToken, Links } from './markdown-token.js';

/** CommonMark's reference label matching: case-insensitive, inner whitespace collapsed. */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase();
}

const asciiPunctuation = /[!-/:-@[-`{-~]/;
const punctuation = /[!-/:-@[-`{-~\p{P}\p{S}]/u;
const whitespace = /\s/;
/** Han, kana, Hangul and CJK/full-width punctuation: Chinese and Japanese put no spaces around markers (markdown-cjk-friendly). */
const cjk = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

/** Backslash escapes in a URL or title: `\(` means `(`. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

const autolink = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/y;
const emailAutolink = /<([\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/y;
const htmlTag =
  /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<!--[\s\S]*?-->/y;
/** GFM's extended autolinks: a bare `https://…` or `www.…` in text. */
const bareUrl = /(?:https?:\/\/|www\.)[^\s<\u3000-\u303f\uff00-\uffef]+/y;
const linkTitle = /\s*("(?:\\[\s\S]|[^"\\])*"|'(?:\\[\s\S]|[^'\\])*'|\((?:\\[\s\S]|[^()\\])*\))?\s*\)/y;

/** A run of `*`, `_` or `~` that may open or close emphasis (CommonMark's flanking rules). */
interface Delimiter {
  char: string;
  count: number;
  length: number;
  open: boolean;
  close: boolean;
}

interface Frame {
  delimiter: Delimiter;
  tokens: InlineToken[];
}

/** Appends, joining neighbouring text so a citation like `[1]` stays one string for the renderer. */
function append(tokens: InlineToken[], token: InlineToken): void {
  const last = tokens[tokens.length - 1];
  if (token.type === 'text' && last?.type === 'text') {
    tokens[tokens.length - 1] = { type: 'text', raw: last.raw + token.raw, text: last.text + token.text };
  } else if (token.type !== 'text' || token.text !== '') {
    tokens.push(token);
  }
}

const textToken = (text: string): InlineToken => ({ type: 'text', raw: text, text });

function rawOf(tokens: readonly InlineToken[]): string {
  let raw = '';
  for (const token of tokens) raw += token.raw;
  return raw;
}

/**
 * For each `[`, the index of its `]` (escapes and code spans skipped), found in one pass so that
 * thousands of unclosed brackets cost linear time, not quadratic.
 */
function bracketPairs(src: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (c === '[') open.push(i);
    else if (c === ']' && open.length > 0) pairs.set(open.pop() as number, i);
    else if (c === '`') {
      let n = 1;
      while (src[i + n] === '`') n++;
      const end = closingBackticks(src, i + n, n);
      i = end === -1 ? i + n - 1 : end + n - 1;
    }
  }
  return pairs;
}

function closingBackticks(src: string, from: number, length: number): number {
  for (let i = src.indexOf('`', from); i !== -1; i = src.indexOf('`', i)) {
    let n = 1;
    while (src[i + n] === '`') n++;
    if (n === length) return i;
    i += n;
  }
  return -1;
}

/** `(destination "title")` after a link's `]`; the index after `)` or -1. */
function inlineDestination(src: string, open: number): { href: string; title: string | null; end: number } | null {
  let i = open + 1;
  while (src[i] === ' ' || src[i] === '\t' || src[i] === '\n') i++;
  let href: string;
  if (src[i] === '<') {
    const close = src.indexOf('>', i);
    const candidate = close === -1 ? '' : src.slice(i + 1, close);
    if (close === -1 || /[<\n]/.test(candidate)) return null;
    href = candidate;
    i = close + 1;
  } else {
    const start = i;
    let depth = 0;
    for (; i < src.length; i++) {
      const c = src[i] as string;
      if (c === '\\' && asciiPunctuation.test(src[i + 1] ?? '')) i++;
      else if (c === '(') depth++;
      else if (c === ')' && --depth < 0) break;
      else if (c <= ' ') break;
    }
    href = src.slice(start, i);
  }
  linkTitle.lastIndex = i;
  const title = linkTitle.exec(src);
  // A title must be separated from the destination by whitespace.
  if (!title || (title[1] !== undefined && !/^\s/.test(title[0]))) return null;
  return {
    href: unescapeMarkdown(href),
    title: title[1] === undefined ? null : unescapeMarkdown(title[1].slice(1, -1)),
    end: linkTitle.lastIndex,
  };
}

/**
 * Inline markdown (code spans, emphasis, strike-through, links, images, autolinks, breaks,
 * escapes, raw tags shown as text) to tokens. Character references stay as written: the
 * renderer decodes them for display and `safe-url` for URLs.
 */
export function lexInline(src: string, links: Links, inLink = false): InlineToken[] {
  const root: InlineToken[] = [];
  const stack: Frame[] = [];
  // Emphasis searches never look again below where they last failed (keeps `*a *a *a …` linear).
  const floor: Record<string, number> = {};
  let out = root;
  let text = '';
  const flush = (): void => {
    if (text !== '') append(out, textToken(text));
    text = '';
  };
  const emit = (token: InlineToken): void => {
    flush();
    append(out, token);
  };

  const pairs = src.indexOf('[') === -1 ? undefined : bracketPairs(src);
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const next = src[i + 1] ?? '';
    if (c === '\\') {
      if (next === '\n') emit({ type: 'br', raw: '\\\n' });
      else if (asciiPunctuation.test(next)) emit({ type: 'escape', raw: c + next, text: next });
      else {
        text += c;
        i++;
        continue;
      }
      i += 2;
    } else if (c === '`') {
      let n = 1;
      while (src[i + n] === '`') n++;
      const end = closingBackticks(src, i + n, n);
      if (end === -1) text += src.slice(i, i + n);
      else {
        let code = src.slice(i + n, end).replace(/\n/g, ' ');
        if (/^ [\s\S]*[^ ][\s\S]* $/.test(code)) code = code.slice(1, -1);
        emit({ type: 'codespan', raw: src.slice(i, end + n), text: code });
      }
      i = end === -1 ? i + n : end + n;
    } else if (c === '*' || c === '_' || c === '~') {
      let n = 1;
      while (src[i + n] === c) n++;
      const before = i === 0 ? ' ' : (src[i - 1] as string);
      const after = src[i + n] ?? ' ';
      const leftFlanking = !whitespace.test(after) && (!punctuation.test(after) || whitespace.test(before) || punctuation.test(before) || cjk.test(before));
      const rightFlanking = !whitespace.test(before) && (!punctuation.test(before) || whitespace.test(after) || punctuation.test(after) || cjk.test(after));
      const delimiter: Delimiter = {
        char: c,
        count: n,
        length: n,
        open: leftFlanking && (c !== '_' || !rightFlanking || punctuation.test(before)),
        close: rightFlanking && (c !== '_' || !leftFlanking || punctuation.test(after)),
      };
      i += n;
      if (c === '~' && n > 2) {
        text += src.slice(i - n, i);
        continue;
      }
      flush();
      if (delimiter.close) closeEmphasis(delimiter);
      if (delimiter.count > 0) {
        if (delimiter.open) {
          stack.push({ delimiter, tokens: [] });
          out = (stack[stack.length - 1] as Frame).tokens;
        } else append(out, textToken(c.repeat(delimiter.count)));
      }
    } else if ((c === '[' && !inLink) || (c === '!' && next === '[')) {
      const link = linkAt(src, c === '!' ? i + 1 : i, c === '!', links, pairs);
      if (link) {
        emit(link.token);
        i = link.end;
      } else {
        text += c;
        i++;
      }
    } else if (c === '<') {
      const token = angleAt(src, i, inLink);
      if (token) emit(token);
      else text += c;
      i += token ? token.raw.length : 1;
    } else if (c === '\n') {
      const hard = / {2,}$/.test(text);
      text = text.replace(/ +$/, '');
      if (hard) emit({ type: 'br', raw: '  \n' });
      else text += '\n';
      i++;
      while (src[i] === ' ') i++;
    } else if ((c === 'h' || c === 'w') && !inLink && (i === 0 || /[\s*_~(]/.test(src[i - 1] as string))) {
      bareUrl.lastIndex = i;
      const match = bareUrl.exec(src);
      let url = match?.[0] ?? '';
      // Trailing punctuation ends the sentence, not the URL; so does a `)` that opened outside it.
      for (let trimmed = true; trimmed; ) {
        trimmed = false;
        const last = url[url.length - 1];
        if (last && /[?!.,:*_~'";]/.test(last)) (url = url.slice(0, -1)), (trimmed = true);
        else if (last === ')' && url.split('(').length < url.split(')').length) (url = url.slice(0, -1)), (trimmed = true);
      }
      if (/^(?:https?:\/\/|www\.)[^.\s]/.test(url)) {
        emit(linkToken(url, url.startsWith('www.') ? `http://${url}` : url, url));
        i += url.length;
      } else {
        text += c;
        i++;
      }
    } else {
      text += c;
      i++;
    }
  }
  flush();
  while (stack.length > 0) collapse(stack.length - 1);
  return root;

  /** Folds frames above `index` (and the frame at `index`) back into plain text in their parent. */
  function collapse(index: number): void {
    while (stack.length > index) {
      const frame = stack.pop() as Frame;
      out = stack.length > 0 ? (stack[stack.length - 1] as Frame).tokens : root;
      append(out, textToken(frame.delimiter.char.repeat(frame.delimiter.count)));
      for (const token of frame.tokens) append(out, token);
    }
    for (const key in floor) floor[key] = Math.min(floor[key] as number, stack.length);
  }

  function closeEmphasis(closer: Delimiter): void {
    while (closer.count > 0) {
      const key = `${closer.char}${closer.open ? 1 : 0}${closer.length % 3}${closer.char === '~' ? closer.count : ''}`;
      let found = -1;
      for (let k = stack.length - 1; k >= (floor[key] ?? 0); k--) {
        const opener = (stack[k] as Frame).delimiter;
        if (opener.char !== closer.char) continue;
        if (closer.char === '~' ? opener.count !== closer.count : (opener.close || closer.open) && (opener.length + closer.length) % 3 === 0 && (opener.length % 3 !== 0 || closer.length % 3 !== 0)) continue;
        found = k;
        break;
      }
      if (found === -1) {
        floor[key] = stack.length;
        return;
      }
      collapse(found + 1);
      const frame = stack[found] as Frame;
      const opener = frame.delimiter;
      const use = closer.char === '~' ? closer.count : opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      const mark = closer.char.repeat(use);
      const inner = frame.tokens;
      const type = closer.char === '~' ? 'del' : use === 2 ? 'strong' : 'em';
      const token: InlineToken = { type, raw: mark + rawOf(inner) + mark, text: rawOf(inner), tokens: inner };
      opener.count -= use;
      closer.count -= use;
      if (opener.count > 0) {
        frame.tokens = [token];
        out = frame.tokens;
      } else {
        stack.pop();
        out = stack.length > 0 ? (stack[stack.length - 1] as Frame).tokens : root;
        append(out, token);
      }
      for (const k in floor) floor[k] = Math.min(floor[k] as number, stack.length);
    }
  }
}

/** `<scheme:…>` and `<user@host>` autolinks; any other tag is raw HTML, kept as text. */
function angleAt(src: string, at: number, inLink: boolean): InlineToken | null {
  for (const pattern of inLink ? [htmlTag] : [autolink, emailAutolink, htmlTag]) {
    pattern.lastIndex = at;
    const match = pattern.exec(src);
    if (!match) continue;
    if (pattern === htmlTag) return { type: 'html', raw: match[0], text: match[0] };
    const target = match[1] as string;
    return linkToken(match[0], pattern === autolink ? target : `mailto:${target}`, target);
  }
  return null;
}

function linkToken(raw: string, href: string, text = href): InlineToken {
  return { type: 'link', raw, href, title: null, text, tokens: [textToken(text)] };
}

/** `[text](url "title")`, `[text][label]`, `[label][]`, `[label]` (and the same after `!`). */
function linkAt(src: string, start: number, image: boolean, links: Links, pairs: Map<number, number> | undefined): { token: InlineToken; end: number } | null {
  const close = pairs?.get(start);
  if (close === undefined) return null;
  const content = src.slice(start + 1, close);
  let target: { href: string; title: string | null } | undefined;
  let end = close + 1;
  if (src[end] === '(') {
    const inline = inlineDestination(src, end);
    if (inline) {
      target = inline;
      end = inline.end;
    }
  }
  if (!target) {
    let label = content;
    if (src[end] === '[') {
      const labelEnd = src.indexOf(']', end);
      const candidate = labelEnd === -1 ? '' : src.slice(end + 1, labelEnd);
      if (labelEnd === -1 || candidate.indexOf('[') !== -1) return null;
      if (candidate.trim() !== '') label = candidate;
      target = links[normalizeLabel(label)];
      end = labelEnd + 1;
    } else target = links[normalizeLabel(label)];
    if (!target) return null;
  }
  const raw = src.slice(image ? start - 1 : start, end);
  const base = { raw, href: target.href, title: target.title, text: content };
  return {
    token: image ? { type: 'image', ...base } : { type: 'link', ...base, tokens: lexInline(content, links, true) },
    end,
  };
}

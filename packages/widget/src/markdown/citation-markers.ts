export interface CitationMarker {
  /** The citation id as the model wrote it (`1` for `[1]`, `[^1]` and `【1】`). */
  id: string;
}

/**
 * `[^note]` footnote references, `[1]` / `[1, 2]` numeric references, and the full-width
 * `【1】` / `【4:0†source】` form Chinese-tuned and file-search models emit.
 */
const marker = /\[\^([A-Za-z0-9_-]{1,32})\]|\[(\d{1,4}(?:\s*,\s*\d{1,4}){0,15})\]|【(\d{1,4})(?:[:：]\d{1,4})?(?:†[^】\n]{0,80})?】/g;

/**
 * Splits plain text (never code) into text and citation markers. `[1]: …` and `[^1]: …` at the
 * start of a line are footnote definitions, not references, and stay text. So does a marker whose
 * id `cites` rejects (no such source): as written, or `[9]` for that id of `[1, 9]`.
 */
export function splitCitationMarkers(text: string, cites: (id: string) => boolean = () => true): Array<string | CitationMarker> {
  if (text.indexOf('[') === -1 && text.indexOf('【') === -1) return [text];
  const parts: Array<string | CitationMarker> = [];
  let last = 0;
  marker.lastIndex = 0;
  for (let match = marker.exec(text); match !== null; match = marker.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const atLineStart = start === 0 || text.charAt(start - 1) === '\n';
    if (match[3] === undefined && atLineStart && text.charAt(end) === ':') continue;
    const ids = (match[1] ?? match[3] ?? (match[2] as string)).split(',').map((id) => id.trim());
    if (!ids.some(cites)) continue;
    if (start > last) parts.push(text.slice(last, start));
    for (const id of ids) parts.push(cites(id) ? { id } : `[${id}]`);
    last = end;
  }
  if (last === 0) return [text];
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

import * as z from 'zod';

/** Front matter of a corpus file: who may see it matters as much as what it says. */
export const corpusFrontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes'),
  title: z.string().min(1),
  source: z.string().min(1),
  lang: z.string().default('en'),
  /** When present, only users holding one of these roles can retrieve, cite or open the document. */
  roles: z.array(z.string()).optional(),
});
export type CorpusFrontMatter = z.infer<typeof corpusFrontMatterSchema>;

export interface CorpusSection {
  /** The section heading ("4. Payment Terms"); "Overview" (概述) for the text before the first `##`. */
  heading: string;
  text: string;
}

export interface CorpusDocument extends CorpusFrontMatter {
  sections: CorpusSection[];
}

/** `key: value` and `key: [a, b]` lines: all the corpus needs, so no YAML library. */
function parseFrontMatter(block: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const line of block.split(/\r?\n/)) {
    const match = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, key = '', raw = ''] = match;
    const list = /^\[(.*)\]$/.exec(raw);
    fields[key] = list ? (list[1] ?? '').split(',').map((item) => item.trim()).filter(Boolean) : raw.replace(/^["']|["']$/g, '');
  }
  return fields;
}

/** Parses one corpus markdown file. Throws with the file name and field when the front matter is wrong. */
export function parseCorpusDocument(markdown: string, fileName: string): CorpusDocument {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(markdown);
  if (!match) throw new Error(`${fileName}: missing front matter (--- id/title/source ---)`);
  const parsed = corpusFrontMatterSchema.safeParse(parseFrontMatter(match[1] ?? ''));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${fileName}: front matter ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const sections: CorpusSection[] = [];
  let current: CorpusSection = { heading: parsed.data.lang.startsWith('zh') ? '概述' : 'Overview', text: '' };
  for (const line of (match[2] ?? '').split(/\r?\n/)) {
    if (/^#\s/.test(line)) continue;
    const heading = /^#{2,6}\s+(.*)$/.exec(line);
    if (heading) {
      if (current.text.trim()) sections.push({ ...current, text: current.text.trim() });
      current = { heading: (heading[1] ?? '').trim(), text: '' };
    } else {
      current.text += line + '\n';
    }
  }
  if (current.text.trim()) sections.push({ ...current, text: current.text.trim() });
  return { ...parsed.data, sections };
}

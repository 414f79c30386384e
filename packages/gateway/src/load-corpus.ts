import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCorpusDocument, type CorpusDocument } from './corpus-document.js';

/** Reads every `*.md` file of a corpus folder. Duplicate ids are an error: citations point at ids. */
export async function loadCorpus(dir: string): Promise<CorpusDocument[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.md')).sort();
  const documents = await Promise.all(files.map(async (name) => parseCorpusDocument(await readFile(join(dir, name), 'utf8'), name)));
  const seen = new Set<string>();
  for (const document of documents) {
    if (seen.has(document.id)) throw new Error(`corpus ${dir}: duplicate document id "${document.id}"`);
    seen.add(document.id);
  }
  return documents;
}

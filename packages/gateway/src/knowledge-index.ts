import MiniSearch from 'minisearch';
import type { CorpusDocument } from './corpus-document.js';
import type { Identity } from './identity.js';
import { expandQuery } from './query-expansion.js';
import { tokenize } from './tokenize.js';

/** One retrievable section of a document. */
export interface Passage {
  /** `<documentId>#<section index>` */
  id: string;
  documentId: string;
  title: string;
  source: string;
  lang: string;
  heading: string;
  text: string;
  roles?: string[];
}

export interface PassageHit extends Passage {
  score: number;
  /** Query terms (after tokenizing) that this passage matched. */
  matchedTerms: string[];
}

/** Terms the glossary added count less than the words the person typed. */
const expansionWeight = 0.6;

/** True when the identity may see a document restricted to `roles` (unrestricted documents: everyone). */
export function canSee(identity: Identity, roles: readonly string[] | undefined): boolean {
  return !roles || roles.length === 0 || roles.some((role) => identity.roles.includes(role));
}

/**
 * BM25 ranking (MiniSearch) over the corpus's sections. Permissions are enforced here, inside the
 * search, so a restricted passage can never reach an answer, a citation or a reasoning trace.
 */
export class KnowledgeIndex {
  readonly documents: readonly CorpusDocument[];
  readonly passageCount: number;
  readonly #search: MiniSearch<Passage>;

  constructor(documents: readonly CorpusDocument[]) {
    this.documents = documents;
    this.#search = new MiniSearch<Passage>({
      fields: ['title', 'heading', 'text'],
      storeFields: ['documentId', 'title', 'source', 'lang', 'heading', 'text', 'roles'],
      tokenize,
      processTerm: (term) => term,
    });
    const passages = documents.flatMap((document) =>
      document.sections.map((section, i): Passage => ({
        id: `${document.id}#${i}`,
        documentId: document.id,
        title: document.title,
        source: document.source,
        lang: document.lang,
        heading: section.heading,
        text: section.text,
        ...(document.roles ? { roles: document.roles } : {}),
      })),
    );
    this.#search.addAll(passages);
    this.passageCount = passages.length;
  }

  /** Documents this identity may see. */
  visibleDocuments(identity: Identity): CorpusDocument[] {
    return this.documents.filter((document) => canSee(identity, document.roles));
  }

  document(id: string, identity: Identity): CorpusDocument | undefined {
    const document = this.documents.find((candidate) => candidate.id === id);
    return document && canSee(identity, document.roles) ? document : undefined;
  }

  /**
   * The best passages for `query` that `identity` may see. `boostTitle` multiplies the score of a
   * document's passages by title (the entities a question names rank their documents higher).
   */
  search(query: string, identity: Identity, { limit = 6, boostTitle }: { limit?: number; boostTitle?: (title: string) => number } = {}): PassageHit[] {
    const typed = tokenize(query);
    // Each glossary phrase weighs as much as one typed word at most, however many tokens it becomes.
    const phrases = expandQuery(query).split(/\s+/).filter(Boolean).map(tokenize);
    const extra = phrases.flat();
    // A single Han character says little on its own; its bigrams carry the meaning.
    const weights = [...typed.map((term) => (/^\p{Script=Han}$/u.test(term) ? 0.3 : 1)), ...phrases.flatMap((tokens) => tokens.map(() => expansionWeight / tokens.length))];
    if (typed.length + extra.length === 0) return [];
    const results = this.#search.search([...typed, ...extra].join(' '), {
      boost: { title: 1.5, heading: 2 },
      prefix: (term) => term.length > 3 && /^[a-z]/.test(term),
      fuzzy: (term) => (term.length > 5 && /^[a-z]+$/.test(term) ? 0.15 : false),
      boostTerm: (_term, i) => weights[i] ?? expansionWeight,
      ...(boostTitle ? { boostDocument: (_id: unknown, _term: string, stored?: Record<string, unknown>) => boostTitle(String(stored?.['title'] ?? '')) } : {}),
      filter: (result) => canSee(identity, result['roles'] as string[] | undefined),
    });
    // MiniSearch multiplies a score by the number of query terms matched; Chinese text turns one
    // glossary word into several tokens, so count matched terms by their weight instead.
    const weightOf = new Map<string, number>();
    [...typed, ...extra].forEach((term, i) => weightOf.set(term, Math.max(weightOf.get(term) ?? 0, weights[i] ?? 0)));
    const rescored = results
      .map((result) => {
        const quality = result.queryTerms.reduce((sum, term) => sum + (weightOf.get(term) ?? expansionWeight), 0);
        return { result, score: (result.score / Math.max(1, result.queryTerms.length)) * quality };
      })
      .sort((a, b) => b.score - a.score);
    return rescored.slice(0, limit).map(({ result, score }) => ({
      id: String(result.id),
      documentId: result['documentId'] as string,
      title: result['title'] as string,
      source: result['source'] as string,
      lang: result['lang'] as string,
      heading: result['heading'] as string,
      text: result['text'] as string,
      ...(result['roles'] ? { roles: result['roles'] as string[] } : {}),
      score,
      matchedTerms: result.terms,
    }));
  }
}

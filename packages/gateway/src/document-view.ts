import type { CorpusDocument } from './corpus-document.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** What `GET /docs/<id>` returns to a script (`Accept: application/json`): the citation's `#section-n` anchors index `sections`. */
export function documentJson(document: CorpusDocument): Record<string, unknown> {
  return {
    id: document.id,
    title: document.title,
    source: document.source,
    lang: document.lang,
    restricted: Boolean(document.roles?.length),
    sections: document.sections.map((section, i) => ({ id: `section-${i}`, heading: section.heading, text: section.text })),
  };
}

/** A plain, escaped HTML view for people who open a citation link directly. */
export function documentHtml(document: CorpusDocument): string {
  const body = document.sections
    .map((section, i) => {
      const blocks = section.text
        .split(/\n{2,}/)
        .map((block) => {
          const lines = block.split('\n');
          if (lines.every((line) => /^\s*[-*]\s/.test(line))) {
            return `<ul>${lines.map((line) => `<li>${escapeHtml(line.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`;
          }
          return `<p>${escapeHtml(block)}</p>`;
        })
        .join('\n');
      return `<section id="section-${i}"><h2>${escapeHtml(section.heading)}</h2>\n${blocks}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(document.lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(document.title)}</title><link rel="stylesheet" href="/document.css"></head>
<body><main class="document"><p class="source">${escapeHtml(document.source)}</p><h1>${escapeHtml(document.title)}</h1>
${body}
</main></body>
</html>
`;
}

// Opens a cited company document inside the page. The document is fetched with the user's own
// token, so a restricted document opens only for users allowed to see it. Text goes in with
// textContent: document content is data, never markup.
import { setChildren } from './set-children.js';

export function createDocumentViewer(dialog, session, labels) {
  const title = dialog.querySelector('[data-viewer-title]');
  const source = dialog.querySelector('[data-viewer-source]');
  const body = dialog.querySelector('[data-viewer-body]');
  dialog.querySelector('[data-viewer-close]').addEventListener('click', () => dialog.close());

  /** `url`: a citation URL such as http://host/docs/acme-supply-agreement#section-4. */
  async function open(url) {
    const target = new URL(url, location.href);
    const match = /^\/docs\/([a-z0-9-]+)$/.exec(target.pathname);
    if (target.origin !== location.origin || !match) return false;
    title.textContent = labels().documentTitle;
    source.textContent = '';
    setChildren(body, [Object.assign(document.createElement('p'), { textContent: labels().loading })]);
    if (!dialog.open) dialog.showModal();
    // As the widget does: a 401 (the token the page holds was signed by a gateway since restarted)
    // asks for a new token once.
    const get = async (refresh) => fetch(target.pathname, { headers: { accept: 'application/json', ...(await session.headers({ refresh })) } });
    let response = await get(false);
    if (response.status === 401) response = await get(true);
    if (!response.ok) {
      setChildren(body, [Object.assign(document.createElement('p'), { textContent: labels().notVisible })]);
      return true;
    }
    const doc = await response.json();
    title.textContent = doc.title;
    source.textContent = doc.source;
    setChildren(body, [
      ...doc.sections.map((section) => {
        const element = document.createElement('section');
        element.id = 'doc-' + section.id;
        element.append(Object.assign(document.createElement('h3'), { textContent: section.heading }));
        section.text.split(/\n+/).forEach((line) => {
          const bullet = /^\s*[-*]\s+/.test(line);
          element.append(Object.assign(document.createElement('p'), { textContent: bullet ? '• ' + line.replace(/^\s*[-*]\s+/, '') : line, className: bullet ? 'bullet' : '' }));
        });
        if (target.hash === '#' + section.id) element.classList.add('cited');
        return element;
      }),
    ]);
    const cited = body.querySelector('.cited');
    if (cited) cited.scrollIntoView({ block: 'start' });
    return true;
  }

  return { open };
}

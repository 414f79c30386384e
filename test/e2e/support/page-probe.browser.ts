import { defaultForbiddenElements, findUnsafeDom } from '../../security/find-unsafe-dom.js';

/** What the probe needs of `<parley-chat>` (the page has only the script tag, no types). */
interface ChatElement extends HTMLElement {
  send(text: string): Promise<boolean>;
  clear(): void;
  updateComplete: Promise<boolean>;
  conversation: { getSnapshot(): { status: string; messages: Array<{ role: string; parts: Array<{ type: string; text?: string }> }> } };
}

declare global {
  interface Window {
    __xss?: () => void;
    __probe: typeof probe;
  }
}

const fired: string[] = [];
let current = '';
window.__xss = () => fired.push(current);

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

function chat(selector = 'parley-chat'): ChatElement {
  const el = document.querySelector<ChatElement>(selector);
  if (!el) throw new Error(`no ${selector} on the page`);
  return el;
}

/** Waits until every render the element (and its markdown) has scheduled is on screen. */
async function settled(el: ChatElement): Promise<void> {
  for (let round = 0; round < 2; round++) {
    await frame();
    await el.updateComplete;
    const markdown = Array.from(el.shadowRoot?.querySelectorAll('parley-markdown') ?? []) as unknown as ChatElement[];
    await Promise.all(markdown.map((md) => md.updateComplete));
  }
}

/** The text of the newest answer as the conversation holds it (the model's raw output). */
function answerSource(el: ChatElement): string {
  const last = el.conversation.getSnapshot().messages.at(-1);
  if (last?.role !== 'assistant') return '';
  return last.parts.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

/** The rendered model output of every answer (not the composer, not the element's own chrome). */
function modelOutput(el: ChatElement): Element[] {
  return Array.from(el.shadowRoot?.querySelectorAll('[part~="assistant"] .bubble') ?? []);
}

function unsafe(el: ChatElement, imageHosts: string[], forbiddenElements: readonly string[] = defaultForbiddenElements): string[] {
  return modelOutput(el).flatMap((root) => findUnsafeDom(root, { imageHosts, forbiddenElements }));
}

let watching: { observer: MutationObserver; problems: string[] } | undefined;

/** Checks the invariants on every DOM change of the element until `unwatch()`, which returns what it found. */
function watch(forbiddenElements: readonly string[] = defaultForbiddenElements): void {
  const el = chat();
  const problems: string[] = [];
  const observer = new MutationObserver(() => problems.push(...unsafe(el, [], forbiddenElements)));
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
  watching = { observer, problems };
}

function unwatch(forbiddenElements: readonly string[] = defaultForbiddenElements): string[] {
  const found = watching ? [...watching.problems, ...unsafe(chat(), [], forbiddenElements)] : ['watch() was not called'];
  watching?.observer.disconnect();
  watching = undefined;
  return [...new Set(found)];
}

/**
 * Streams one hostile answer through the element, one chunk per POST `/__step`, and checks the
 * invariants after every chunk is rendered, and on every DOM mutation in between.
 */
async function streamHostile(name: string, chunks: string[], imageHosts: string[] = []): Promise<{ problems: string[]; fired: string[]; text: string }> {
  const el = chat();
  current = name;
  const problems: string[] = [];
  el.clear();
  await settled(el);
  const observer = new MutationObserver(() => {
    for (const problem of unsafe(el, imageHosts)) problems.push(`between chunks: ${problem}`);
  });
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
  const done = el.send(`vector: ${name}`);
  let text = '';
  for (const [index, chunk] of chunks.entries()) {
    await fetch('/__step', { method: 'POST' });
    text += chunk;
    // A generous bound on a loaded machine; it only turns a hang into a readable failure.
    for (const deadline = performance.now() + 20_000; answerSource(el) !== text; ) {
      if (performance.now() > deadline) {
        problems.push(`chunk ${index} never arrived (have ${JSON.stringify(answerSource(el))})`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await settled(el);
    for (const problem of unsafe(el, imageHosts)) problems.push(`after chunk ${index} (${JSON.stringify(text)}): ${problem}`);
  }
  await done;
  await settled(el);
  observer.disconnect();
  for (const problem of unsafe(el, imageHosts)) problems.push(`finished: ${problem}`);
  const rendered = modelOutput(el).map((root) => root.textContent ?? '').join('');
  return { problems: [...new Set(problems)], fired: [...fired], text: rendered };
}

const probe = { chat, settled, answerSource, modelOutput, unsafe, streamHostile, watch, unwatch, fired, defaultForbiddenElements };
window.__probe = probe;

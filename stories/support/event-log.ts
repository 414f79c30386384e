/**
 * A visible log of the element's `parley-*` events under the story, so a reviewer sees what the
 * host page would receive (feedback, errors, opened sources) without opening the console.
 */
export function withEventLog(frame: HTMLElement, names: readonly string[], describe: (event: CustomEvent) => string = summarize): HTMLElement {
  const section = document.createElement('section');
  section.className = 'event-log';
  section.setAttribute('aria-label', 'Events the host page received');
  section.style.cssText = 'margin-top:12px;font:13px/1.4 system-ui,sans-serif;color:#1c1f24;background:#fff';
  const title = document.createElement('h2');
  title.textContent = 'Events the host page received';
  title.style.cssText = 'font-size:13px;margin:0 0 4px';
  const log = document.createElement('div');
  log.setAttribute('role', 'log');
  const list = document.createElement('ol');
  list.style.cssText = 'margin:0;padding-left:20px';
  log.append(list);
  section.append(title, log);
  for (const name of names) {
    frame.addEventListener(name, (event) => {
      const item = document.createElement('li');
      item.textContent = `${name}: ${describe(event as CustomEvent)}`;
      list.append(item);
    });
  }
  frame.append(section);
  return frame;
}

function summarize(event: CustomEvent): string {
  try {
    return JSON.stringify(event.detail, (key, value: unknown) => (key === 'message' && typeof value === 'object' ? '[message]' : value));
  } catch {
    return String(event.detail);
  }
}

/**
 * Whether the widget stopped the navigation `activate` starts (a click or a middle click on a
 * link). A listener on window runs after the widget's own and always cancels, so no test opens a
 * tab even when the widget lets a link go. Throws if no such event reached the page.
 */
export async function navigationStopped(type: 'click' | 'auxclick', activate: () => unknown): Promise<boolean> {
  let held: boolean | undefined;
  const last = (event: Event) => {
    held = event.defaultPrevented;
    event.preventDefault();
  };
  window.addEventListener(type, last);
  try {
    await activate();
  } finally {
    window.removeEventListener(type, last);
  }
  if (held === undefined) throw new Error(`no ${type} reached the page`);
  return held;
}

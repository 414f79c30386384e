/**
 * Puts `text` on the clipboard. The async Clipboard API needs a secure context and focus, and
 * intranet ERP pages are often plain http, so a selected textarea and `execCommand('copy')` stay
 * as the fallback. `scratchParent` is where that textarea goes (inside a shadow root, the
 * selection stays with the element that asked).
 */
export async function copyText(text: string, scratchParent: Node & ParentNode = document.body): Promise<boolean> {
  try {
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or not focused: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.setAttribute('aria-hidden', 'true');
  // CSSOM setters, not a style attribute: they work under a strict style-src.
  area.style.position = 'fixed';
  area.style.top = '0';
  area.style.left = '-9999px';
  area.style.opacity = '0';
  const active = document.activeElement;
  scratchParent.appendChild(area);
  try {
    area.select();
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    if (active instanceof HTMLElement) active.focus();
  }
}

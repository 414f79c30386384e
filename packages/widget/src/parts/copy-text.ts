/**
 * The Clipboard API needs a secure context, and intranet ERP pages are often plain http, so
 * fall back to a selected textarea and `execCommand('copy')` there.
 */
export async function copyText(text: string, scratchParent: Node & ParentNode): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or not focused: try the fallback.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  scratchParent.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

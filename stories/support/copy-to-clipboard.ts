/** The Clipboard API, or a selected textarea where it is unavailable (plain-http previews, iframes without permission). */
export async function copyToClipboard(text: string, scratchParent: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('aria-hidden', 'true');
    area.style.cssText = 'position:fixed;opacity:0;pointer-events:none';
    scratchParent.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

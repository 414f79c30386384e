/**
 * The side panel the theming stories put next to the chat: a heading and the CSS that styles it,
 * as text a product team copies into their stylesheet. `label` names the panel for a screen
 * reader; the caller appends what else belongs under the CSS (a copy button, the parts list).
 */
export function cssPanel(label: string, className: string, css: string, extraStyle = ''): { aside: HTMLElement; code: HTMLPreElement } {
  const aside = document.createElement('section');
  aside.setAttribute('aria-label', label);
  aside.style.cssText = `flex:1 1 280px;max-width:440px;background:#fff;padding:12px;border:1px solid #d5d9e0;border-radius:8px${extraStyle}`;
  const title = document.createElement('h2');
  title.textContent = 'Your CSS';
  title.style.cssText = 'font-size:16px;margin:0 0 8px';
  const code = document.createElement('pre');
  code.className = className;
  code.textContent = css;
  code.style.cssText = 'white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px;background:#f5f6f8;color:#1c1f24;padding:8px;margin:0 0 8px;border-radius:4px';
  aside.append(title, code);
  return { aside, code };
}

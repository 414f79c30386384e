import { copyText } from '../../packages/widget/src/parts/copy-text.js';
import { cssPanel } from '../support/css-panel.js';
import { renderChat, type ChatArgs } from '../support/render-chat.js';
import { tokenCss } from './design-tokens.js';

/**
 * The chat with the story's tokens applied, next to the CSS that produces it and a button that
 * copies that CSS: what a product team sees here is what their stylesheet will ship (on the
 * story's theme: the CSS names it).
 */
export function renderWorkbench(args: ChatArgs): HTMLElement {
  const css = tokenCss(args, args.theme);
  const layout = document.createElement('div');
  layout.className = 'token-workbench';
  layout.style.cssText = 'display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;font-family:system-ui,sans-serif;color:#1c1f24';

  const { aside } = cssPanel('Generated CSS', 'token-css', css);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Copy CSS';
  button.style.cssText = 'font:inherit;padding:6px 12px;border-radius:6px;border:1px solid #1f5fd1;background:#1f5fd1;color:#fff;cursor:pointer';
  const status = document.createElement('span');
  status.setAttribute('role', 'status');
  status.style.cssText = 'margin-left:8px;font-size:13px;color:#1c1f24';
  button.addEventListener('click', () => {
    void copyText(css, aside).then((copied) => {
      status.textContent = copied ? 'Copied to the clipboard.' : 'Copy blocked by the browser: select the text above instead.';
    });
  });
  aside.append(button, status);

  layout.append(renderChat({ frameWidth: '480px', ...args }), aside);
  return layout;
}

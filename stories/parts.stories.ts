import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { expect, waitFor } from 'storybook/test';
import customElements from '../packages/widget/custom-elements.json';
import { gateways } from './mocks/gateway-handlers.js';
import { purchaseOrderActions } from './mocks/purchase-order-action.js';
import { answerTimeout, chatIn, part, type ParleyChat } from './support/chat-queries.js';
import { cssPanel } from './support/css-panel.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/** Every `::part()` `<parley-chat>` documents, read from `custom-elements.json` as the docs page reads it. */
const documentedParts: Array<{ name: string; description: string }> = customElements.modules
  .flatMap((module) => (module.declarations ?? []) as Array<{ tagName?: string; cssParts?: Array<{ name: string; description?: string }> }>)
  .filter((declaration) => declaration.tagName === 'parley-chat')
  .flatMap((declaration) => declaration.cssParts ?? [])
  .map((cssPart) => ({ name: cssPart.name, description: cssPart.description ?? '' }));

/**
 * The parts that only exist in a state this story is not in, and the stories that show them: the
 * rest must all be on screen here, so a part the docs promise cannot silently go missing.
 */
const shownElsewhere: Record<string, string> = {
  launcher: 'Modes and sizes',
  stop: 'Answers → Streaming',
  edit: 'Answers → Edit a question',
  'edit-input': 'Answers → Edit a question',
  'edit-send': 'Answers → Edit a question',
  'edit-cancel': 'Answers → Edit a question',
  watermark: 'Branding → Watermark',
};

interface PartsArgs extends ChatArgs {
  /** The host stylesheet's `::part()` rules, as a product team writes them. */
  css: string;
  /** Outline every part on screen, to find what to select. */
  outlineParts: boolean;
}

const brandCss = `parley-chat::part(header) { text-transform: uppercase; letter-spacing: 0.04em; }
parley-chat::part(user-bubble) { border-radius: 16px 16px 4px 16px; }
parley-chat::part(message assistant) { border-left: 3px solid #c8102e; padding-left: 8px; }
parley-chat::part(citation) { border-left: 4px solid #c8102e; }
parley-chat::part(action) { border: 2px solid #c8102e; }
parley-chat::part(action-approve) { background: #c8102e; border-color: #c8102e; color: #ffffff; }
parley-chat::part(send) { text-transform: uppercase; }
`;

let frames = 0;

/**
 * The chat in a state with nearly every part on screen (reasoning, progress, sources, an action
 * waiting for approval, the model picker), styled by the story's CSS, next to that CSS and the
 * list of parts. The CSS is applied `@scope`d to the story, so the stories of a docs page do not
 * style each other; what you copy is the plain rules.
 */
function renderParts(args: PartsArgs): HTMLElement {
  const layout = document.createElement('div');
  layout.id = `parts-story-${++frames}`;
  layout.style.cssText = 'display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;font-family:system-ui,sans-serif;color:#1c1f24';
  const outline = documentedParts.map(({ name }) => `parley-chat::part(${name})`).join(',\n');
  const style = document.createElement('style');
  style.textContent = `@scope (#${layout.id}) {\n${args.css}\n${args.outlineParts ? `${outline} { outline: 2px dashed #c2185b; outline-offset: -2px; }\n` : ''}}`;

  const chat = renderChat({ frameWidth: '480px', ...args }, (element) => {
    element.actions = purchaseOrderActions();
    element.models = [
      { id: 'deepseek-r1', label: 'DeepSeek R1' },
      { id: 'qwen2.5-72b-instruct', label: 'Qwen 2.5 72B' },
    ];
  });

  const { aside, code } = cssPanel('Parts', 'part-css', args.css || '/* No rules yet: write yours in the css control. */', ';font-size:13px');
  code.style.marginBottom = '12px';
  const listTitle = document.createElement('h2');
  listTitle.textContent = 'Parts you can select';
  listTitle.style.cssText = 'font-size:16px;margin:0 0 8px';
  const list = document.createElement('dl');
  list.style.cssText = 'margin:0';
  for (const { name, description } of documentedParts) {
    const term = document.createElement('dt');
    term.textContent = `::part(${name})`;
    term.style.cssText = 'font-family:ui-monospace,monospace;font-weight:600';
    const detail = document.createElement('dd');
    detail.textContent = shownElsewhere[name] ? `${description} Not on screen here: see ${shownElsewhere[name]}.` : description;
    detail.style.cssText = 'margin:0 0 6px 12px';
    list.append(term, detail);
  }
  aside.append(listTitle, list);

  layout.append(style, chat, aside);
  return layout;
}

/**
 * Tokens cover most brands; `::part()`s style the pieces further. Edit the CSS control and the
 * chat restyles; turn on "outlineParts" to see every part on screen. Only the parts listed are
 * selectable: the error notice, the starter prompts and the tools under an answer follow the
 * tokens only.
 */
const meta = {
  title: 'Theming/Parts',
  component: 'parley-chat',
  render: (args) => renderParts(args),
  argTypes: {
    css: { control: 'text', description: 'Your stylesheet\'s `parley-chat::part(…)` rules.', table: { category: 'Parts' } },
    outlineParts: { control: 'boolean', description: 'Outline every part on screen.', table: { category: 'Parts' } },
  },
  args: {
    endpoint: gateways.parts,
    protocol: 'parley',
    persist: 'none',
    lang: 'en',
    theme: 'light',
    prompt: 'Who must approve a ¥60,000 order? Then order 200 M8 bolts from Huadong Steel.',
    css: brandCss,
    outlineParts: false,
  },
  parameters: { controls: { include: /^(css|outlineParts|theme|lang)$/ } },
} satisfies Meta<PartsArgs>;
export default meta;
type Story = StoryObj<PartsArgs>;

function partsNamed(chat: ParleyChat, names: string): HTMLElement | null {
  return chat.shadowRoot!.querySelector<HTMLElement>(names.trim().split(/\s+/).map((name) => `[part~="${name}"]`).join(''));
}

/**
 * Every documented part not listed as shown elsewhere is on screen, and every rule of the CSS
 * reaches its part: each declared property computes on the part as on a plain element given the
 * same declarations (a misspelt part name fails here, as it would silently do nothing on a page).
 */
async function expectPartsStyled(canvasElement: HTMLElement, css: string): Promise<void> {
  const chat = chatIn(canvasElement);
  await waitFor(() => expect(part(chat, 'action-approve')).not.toBeNull(), answerTimeout);
  await waitFor(() => expect(part(chat, 'citation')).not.toBeNull(), answerTimeout);
  const missing = documentedParts.filter(({ name }) => !shownElsewhere[name] && !part(chat, name)).map(({ name }) => name);
  await expect(missing).toEqual([]);
  const rules = Array.from(css.matchAll(/parley-chat::part\(([^)]+)\)\s*\{([^}]*)\}/g));
  await expect(rules.length).toBeGreaterThan(0);
  for (const [, names, declarations] of rules) {
    const element = partsNamed(chat, names!);
    await expect(element, `::part(${names}) is on screen`).not.toBeNull();
    // At the part's font size, so `em` values compute alike.
    const probe = document.createElement('div');
    probe.style.cssText = `font-size:${getComputedStyle(element!).fontSize};${declarations!}`;
    document.body.append(probe);
    const properties = declarations!.split(';').map((declaration) => declaration.split(':')[0]!.trim()).filter(Boolean);
    for (const property of properties) {
      await expect(getComputedStyle(element!).getPropertyValue(property), `${property} of ::part(${names})`).toBe(getComputedStyle(probe).getPropertyValue(property));
    }
    probe.remove();
  }
}

/** A brand's `::part()` rules on light: a red rule on answers, square-cornered bubbles, a framed action card. */
export const StyledParts: Story = {
  name: 'Styled parts',
  play: ({ canvasElement, args }) => expectPartsStyled(canvasElement, args.css),
};

/** Every part on screen outlined, with no other styling: the map of what a stylesheet can select. */
export const PartMap: Story = {
  name: 'Part map',
  args: { css: '', outlineParts: true },
  play: ({ canvasElement }) => expectPartsStyled(canvasElement, 'parley-chat::part(panel) { outline: 2px dashed #c2185b; outline-offset: -2px; }'),
};

/**
 * The same rules on the dark theme: `::part()` rules apply on every theme, so check colours there
 * too. A rule that sets a background sets the text colour with it: the dark theme's text on the
 * accent is dark, and would be dark on this red.
 */
export const StyledPartsDark: Story = {
  name: 'Styled parts (dark)',
  args: { theme: 'dark' },
  play: ({ canvasElement, args }) => expectPartsStyled(canvasElement, args.css),
};

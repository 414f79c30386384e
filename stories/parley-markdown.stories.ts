import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { http, HttpResponse } from 'msw';
import { expect, userEvent, waitFor } from 'storybook/test';
import { markdownStyles } from '../packages/widget/src/markdown/markdown-styles.js';
import { defineParleyMarkdown, type ParleyMarkdown } from '../packages/widget/src/markdown/parley-markdown.js';
import { englishAnswers } from './mocks/sample-answers.js';
import { answerTimeout, visibleText } from './support/chat-queries.js';
import { withClipboardObserved } from './support/clipboard-writes.js';

interface MarkdownArgs {
  text: string;
  /** Stream `text` in small chunks, the way `<parley-chat>` feeds an answer. */
  stream: boolean;
  'image-hosts': string;
}

/**
 * `<parley-markdown>` is the safe, incremental markdown renderer inside every answer. Model
 * output is untrusted: raw HTML shows as text, links keep only http(s) and mailto, images load
 * only from allowed hosts. It renders into its light DOM, so its host adds `markdownStyles` to
 * the shadow root it sits in, as these stories do.
 */
const meta = {
  title: 'parley-markdown',
  component: 'parley-markdown',
  render: (args) => renderMarkdownHost(args),
  args: { text: englishAnswers.markdown, stream: false, 'image-hosts': '' },
  argTypes: { text: { control: 'text' }, stream: { control: 'boolean' }, 'image-hosts': { control: 'text' } },
} satisfies Meta<MarkdownArgs>;
export default meta;
type Story = StoryObj<MarkdownArgs>;

// Used on its own, outside <parley-chat> (which defines it when its first answer needs it).
defineParleyMarkdown();

function renderMarkdownHost(args: MarkdownArgs): HTMLElement {
  const host = document.createElement('div');
  host.className = 'markdown-host';
  host.style.cssText = 'max-width:560px;font:14px/1.5 system-ui,sans-serif;color:#1c1f24;background:#fff';
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(markdownStyles.cssText);
  root.adoptedStyleSheets = [sheet];
  const markdown = document.createElement('parley-markdown') as ParleyMarkdown;
  markdown.setAttribute('image-hosts', args['image-hosts'].replace('{this-host}', location.host));
  root.append(markdown);
  if (!args.stream) {
    markdown.text = args.text;
    return host;
  }
  markdown.streaming = true;
  const chunks = args.text.match(/[\s\S]{1,6}/g) ?? [];
  let index = 0;
  const next = () => {
    if (index > 0 && !markdown.isConnected) return;
    if (index === chunks.length) {
      markdown.streaming = false;
      return;
    }
    markdown.text += chunks[index++];
    setTimeout(next, 16);
  };
  setTimeout(next, 16);
  return host;
}

function renderedIn(canvasElement: HTMLElement): HTMLElement {
  return canvasElement.querySelector<HTMLElement>('.markdown-host')!.shadowRoot!.querySelector<HTMLElement>('parley-markdown')!;
}

export const Document: Story = {
  play: async ({ canvasElement }) => {
    const markdown = renderedIn(canvasElement);
    await waitFor(() => expect(markdown.querySelectorAll('table tbody tr')).toHaveLength(3));
    await expect(markdown.querySelector('h2')?.textContent).toBe('Q1 spend by supplier');
    await expect(markdown.querySelector('.parley-code-language')?.textContent).toBe('sql');
  },
};

/** Chunks arrive every frame; finished blocks stay as they are while the tail grows. */
export const Streaming: Story = {
  args: { stream: true },
  play: async ({ canvasElement }) => {
    const markdown = renderedIn(canvasElement);
    await waitFor(() => expect(markdown.querySelector('h2')).not.toBeNull(), answerTimeout);
    const heading = markdown.querySelector('h2');
    await waitFor(() => expect(markdown.hasAttribute('streaming')).toBe(false), answerTimeout);
    // The heading finished first and was never re-rendered: the same node is still there.
    await expect(markdown.querySelector('h2')).toBe(heading);
    await expect(visibleText(markdown)).toContain('for the live view');
  },
};

/** Raw HTML is text, `javascript:` links are not links, and a copy button copies the code. */
export const UntrustedOutput: Story = {
  args: {
    text: [
      'A model tried <img src=x onerror="alert(1)"> and <script>steal()</script>.',
      '',
      '[Safe link](https://erp.example.com/po/117) · [Unsafe link](javascript:alert(1))',
      '',
      '```js',
      "console.log('copied');",
      '```',
    ].join('\n'),
  },
  play: async ({ canvasElement }) => {
    const markdown = renderedIn(canvasElement);
    await waitFor(() => expect(visibleText(markdown)).toContain('<img src=x onerror="alert(1)">'));
    await expect(markdown.querySelector('img, script')).toBeNull();
    const links = Array.from(markdown.querySelectorAll('a'));
    await expect(links.map((link) => link.textContent)).toEqual(['Safe link']);
    await expect(links[0]!.rel).toBe('noopener noreferrer');
    await withClipboardObserved(async (written) => {
      await userEvent.click(markdown.querySelector<HTMLButtonElement>('.parley-code-copy')!);
      await waitFor(() => expect(markdown.querySelector('.parley-code-status')).toHaveTextContent('Copied'));
      await expect(written).toEqual(["console.log('copied');"]);
    });
  },
};

const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80"><rect width="240" height="80" fill="#e8f0fe"/><rect x="20" y="30" width="60" height="40" fill="#1f5fd1"/><rect x="100" y="10" width="60" height="60" fill="#1f5fd1"/></svg>`;

/** Images load only from `image-hosts`; any other host becomes an inert placeholder naming it. */
export const ImagePolicy: Story = {
  args: {
    'image-hosts': '{this-host}',
    text: '![Spend chart](/media/spend-chart.svg)\n\n![Tracking pixel](https://tracker.example.net/p.gif?user=42)',
  },
  parameters: {
    msw: { handlers: { media: [http.get('/media/spend-chart.svg', () => new HttpResponse(chart, { headers: { 'content-type': 'image/svg+xml' } }))] } },
  },
  play: async ({ canvasElement }) => {
    const markdown = renderedIn(canvasElement);
    await waitFor(() => expect(markdown.querySelector('img')).not.toBeNull());
    await expect(markdown.querySelectorAll('img')).toHaveLength(1);
    await expect(markdown.querySelector('img')?.alt).toBe('Spend chart');
    await expect(visibleText(markdown.querySelector('.parley-image-blocked'))).toContain('tracker.example.net');
  },
};

/**
 * A link to a host nobody allowed (neither the page's own nor `link-hosts`) waits for a
 * confirmation that shows where it really goes, and warns when its URL looks like it carries data.
 */
export const LinkConfirmation: Story = {
  args: {
    text: 'Your order is at [https://erp.example/orders/7](https://attacker.example/collect?d=U0VDUkVUX0NPTlRFWFRfT0ZfVEhFX1VTRVI%3D).',
  },
  play: async ({ canvasElement }) => {
    const markdown = renderedIn(canvasElement);
    await waitFor(() => expect(markdown.querySelector('a')).not.toBeNull());
    await userEvent.click(markdown.querySelector('a')!);
    const box = markdown.querySelector<HTMLElement>('[role="alertdialog"]')!;
    await expect(visibleText(box)).toContain('attacker.example/collect?d=');
    await expect(visibleText(box)).toContain('may send data from this conversation');
    await expect(box.querySelectorAll('button')).toHaveLength(2);
  },
};

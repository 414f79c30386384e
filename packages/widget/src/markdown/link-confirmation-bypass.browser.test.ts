import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';

defineParleyMarkdown();
afterEach(() => document.body.replaceChildren());

async function mount(text: string, attributes: Record<string, string> = {}): Promise<ParleyMarkdown> {
  const el = document.createElement('parley-markdown');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.text = text;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

async function held(activate: () => unknown): Promise<boolean> {
  let prevented: boolean | undefined;
  const last = (event: Event) => {
    prevented = event.defaultPrevented;
    event.preventDefault();
  };
  window.addEventListener('click', last);
  try {
    await activate();
  } finally {
    window.removeEventListener('click', last);
  }
  return prevented!;
}

describe('the link confirmation', () => {
  it('is not skipped for a link whose real host only looks allowed after a second entity decode', async () => {
    // Rendered href: https://erp.example.com&sol;.attacker.example/... (a subdomain of attacker.example).
    // The click check decodes entities again and sees https://erp.example.com/.attacker.example/...
    const el = await mount('[the order](https://erp.example.com&amp;sol;.attacker.example/c?d=U0VDUkVUX0NPTlRFWFQ)', { 'link-hosts': 'erp.example.com' });
    const link = el.querySelector('a')!;
    expect(new URL(link.href).hostname).toBe('erp.example.com&sol;.attacker.example');
    expect(await held(() => userEvent.click(link))).toBe(true);
  });

  it('shows a mail address without bidi controls that reorder what the person reads', async () => {
    const el = await mount('[write to us](mailto:%E2%80%AEmoc.elpmaxe.pre@attacker.example)');
    await held(() => userEvent.click(el.querySelector('a')!));
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
      expect(await held(() => userEvent.click(link!))).toBe(true);
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
    expect(await held(() => userEvent.keyboard('{Enter}'))).toBe(true);
    expect(el.querySelector('.parley-link-confirm')).not.toBeNull();
  });
});

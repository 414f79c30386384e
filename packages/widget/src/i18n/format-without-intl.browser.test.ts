import { afterEach, describe, expect, it, vi } from 'vitest';
import { controlledSse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, lastAnswerText, mountChat, shadowPart } from '../testing/mount-chat.js';

// Its own file: format.ts keeps the formatters it built, so a test before this one in the same
// module graph would hide a formatter built here.
const builtIn = ['en', 'zh-CN', 'zh-TW'] as const;
const intlTime = (locale: string, at: number): string => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);

describe('a conversation in a built-in language', () => {
  const gateway = useMockGateway();
  const real = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat };
  afterEach(() => Object.assign(Intl, real));

  for (const lang of builtIn) {
    it(`shows times and "thought for" without building an Intl formatter, which would start ICU in that frame (${lang})`, async () => {
      const built: string[] = [];
      const counting = <T extends new (...args: never[]) => object>(name: string, target: T): T => new Proxy(target, { construct: (...args) => (built.push(name), Reflect.construct(...args)) });
      Intl.DateTimeFormat = counting('DateTimeFormat', real.DateTimeFormat);
      Intl.NumberFormat = counting('NumberFormat', real.NumberFormat);

      const { response, answer } = controlledSse();
      gateway.serve(gatewayUrl, () => response);
      const el = await mountChat({ lang });
      void el.send('status of PO-2025-0117?');
      answer.push({ type: 'reasoning-delta', delta: 'Check the shipment.' });
      await vi.waitFor(() => expect(shadowPart(el, '[part~="reasoning"]')?.textContent).toContain('Check the shipment.'));
      answer.text('It shipped on Monday.');
      answer.finish();
      await vi.waitFor(() => expect(idle(el)).toBe(true));
      await vi.waitFor(() => expect(lastAnswerText(el)).toContain('It shipped'));

      const times = Array.from(el.shadowRoot!.querySelectorAll('time.message-time'), (time) => time.textContent);
      expect(times).toHaveLength(2);
      expect(shadowPart(el, '[part~="reasoning"] summary')?.textContent).toMatch(/\d/);
      expect(built).toEqual([]);
      const sent = el.conversation.getSnapshot().messages[0]!.createdAt;
      expect(times[0]).toBe(intlTime(lang, sent));
    });
  }
});

import { describe, expect, it } from 'vitest';
import { strictCsp } from './support/chromium.js';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { openPage } from './support/open-page.js';

/**
 * Issue 5 and 10 under the strict policy of issue 8, from the script tag: a token-object theme
 * (CSSOM, no style attribute string), the CSS watermark, slots, plug-ins returning plain elements,
 * and an action edited before approval — with zero CSP violations and zero console errors.
 */
const site = useFaultGateway((gateway) =>
  gateway.page('/', {
    csp: strictCsp,
    body: `<parley-chat endpoint="/api/chat" protocol="parley" persist="none" watermark="Alice Chen · 09:00" suggestions='["Order 10 laptops from ACME"]'>
      <small slot="footer">AI answers may be wrong.</small>
    </parley-chat>`,
  }),
);

describe('<parley-chat> branding and plug-ins under a strict CSP (script tag)', () => {
  it('themes, watermarks, renders plug-ins and approves an edited action without a single violation', async () => {
    const { page, violations, errors } = await openPage(site.browser, `${site.gateway.origin}/`);
    const created: unknown[] = [];
    const opened: string[] = [];
    await page.exposeFunction('__created', (args: unknown) => created.push(args));
    await page.exposeFunction('__opened', (id: string) => opened.push(id));
    await page.evaluate(() => {
      type Hooks = { __created(args: unknown): Promise<void>; __opened(id: string): Promise<void> };
      const hooks = window as unknown as Hooks;
      const el = document.querySelector('parley-chat') as unknown as HTMLElement & Record<string, unknown>;
      el.theme = { base: 'dark', 'color-accent': 'rgb(200, 16, 46)' };
      el.actions = {
        create_po: {
          title: 'Create purchase order',
          description: 'Creates a purchase order',
          parameters: { type: 'object', properties: { vendor: { type: 'string' }, qty: { type: 'integer', minimum: 1 } }, required: ['vendor', 'qty'] },
          run: async (args: unknown) => {
            await hooks.__created(args);
            return { summary: 'PO-2026-0142 created' };
          },
        },
      };
      el.plugins = [
        {
          name: 'erp',
          citation: {
            render(citation: { id: string; title?: string }, ctx: { open(): void }) {
              const button = document.createElement('button');
              button.className = 'erp-doc';
              button.textContent = `ERP: ${citation.title}`;
              button.addEventListener('click', () => ctx.open());
              return button;
            },
            open: (citation: { id: string }) => void hooks.__opened(citation.id),
          },
          data: {
            'po-total': (data: { total: number }) => {
              const p = document.createElement('p');
              p.className = 'po-total';
              p.textContent = `Total ${data.total}`;
              return p;
            },
          },
        },
      ];
    });
    const shadow = (selector: string) => page.locator(`parley-chat ${selector}`);

    expect(await page.locator('parley-chat').getAttribute('theme')).toBe('dark');
    expect(await shadow('[part~="send"]').evaluate((node) => getComputedStyle(node).backgroundColor)).toBe('rgb(200, 16, 46)');
    expect(await shadow('.watermark-tile').count()).toBeGreaterThan(10);

    site.gateway.script(
      '',
      faults.events(
        { type: 'start' },
        { type: 'text-delta', delta: 'ACME has stock [1].' },
        { type: 'citation', citation: { id: '1', title: 'ACME price list', url: 'https://erp.example/acme' } },
        { type: 'data', name: 'po-total', data: { total: 9990 } },
        { type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { vendor: 'ACME', qty: 10 } } },
        { type: 'finish', reason: 'tool-calls' },
      ),
      faults.answer('Created ', 'PO-2026-0142 for 8 laptops.'),
    );
    // The starter prompt sits under the watermark: the click still reaches it.
    await shadow('.suggestion').click();
    await shadow('[part~="action-approve"]').waitFor();
    expect(await shadow('.po-total').textContent()).toBe('Total 9990');
    await shadow('.erp-doc').click();
    expect(opened).toEqual(['1']);

    await shadow('.action-edit-toggle').click();
    await shadow('.action-edit').fill('{"vendor":"ACME","qty":8}');
    await shadow('[part~="action-approve"]').click();
    await shadow('[part~="message"][part~="assistant"]').last().getByText('Created PO-2026-0142 for 8 laptops.').waitFor();
    expect(created).toEqual([{ vendor: 'ACME', qty: 8 }]);
    const body = JSON.parse(site.gateway.chatRequests().at(-1)!.body) as { messages: Array<{ role: string; content: string }> };
    const tool = body.messages.find((message) => message.role === 'tool')!;
    expect(JSON.parse(tool.content)).toEqual({ editedArgs: { vendor: 'ACME', qty: 8 }, result: { summary: 'PO-2026-0142 created' } });
    expect(await shadow('[part~="action"]').textContent()).toContain('PO-2026-0142 created');

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 90_000);
});

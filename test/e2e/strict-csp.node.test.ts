import { describe, expect, it } from 'vitest';
import { scriptTagSource, strictCsp } from './support/chromium.js';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { openPage } from './support/open-page.js';

/**
 * Issue 8, strict policies: the whole flow works on a page that allows nothing inline, no eval,
 * and enforces Trusted Types, with zero `securitypolicyviolation` events and zero console errors.
 */
const site = useFaultGateway((gateway) => gateway.page('/', { body: '<parley-chat endpoint="/api/chat" protocol="parley"></parley-chat>', csp: strictCsp }));

const answer = [
  'The order **PO-2025-0117** shipped [1].\n\n',
  '| Item | Qty |\n|---|---|\n| Laptop | 10 |\n\n',
  '```html\n<b onclick="x()">not bold</b>\n```\n\n',
  'See [the portal](https://erp.example/orders).',
];

describe('<parley-chat> under a strict CSP with Trusted Types', () => {
  it('streams markdown, code and citations, runs an approved action, shows an error and retries, with zero violations', async () => {
    const { page, violations, errors } = await openPage(site.browser, `${site.gateway.origin}/`);
    const created: unknown[] = [];
    await page.exposeFunction('__created', (args: unknown) => created.push(args));
    await page.evaluate(() => {
      const el = document.querySelector('parley-chat') as HTMLElement & { actions: unknown };
      el.actions = {
        create_po: {
          title: 'Create purchase order',
          description: 'Creates a purchase order',
          parameters: { type: 'object', properties: { vendor: { type: 'string' }, qty: { type: 'number' } }, required: ['vendor', 'qty'] },
          run: async (args: unknown) => {
            await (window as unknown as { __created(args: unknown): Promise<void> }).__created(args);
            return { id: 'PO-2026-0142' };
          },
        },
      };
    });
    const shadow = (selector: string) => page.locator(`parley-chat ${selector}`);

    site.gateway.script(
      '',
      faults.events(
        { type: 'start' },
        { type: 'citation', citation: { id: '1', title: 'Shipping log', url: 'https://erp.example/log', snippet: 'Shipped on 3 May' } },
        ...answer.map((delta) => ({ type: 'text-delta', delta })),
        { type: 'finish', reason: 'stop' },
      ),
    );
    await shadow('[part~="input"]').fill('Where is my order?');
    await shadow('[part~="input"]').press('Enter');
    const first = shadow('[part~="message"][part~="assistant"]').first();
    await first.getByText('See the portal').waitFor();
    expect(await first.locator('strong').textContent()).toBe('PO-2025-0117');
    expect(await first.locator('table td').allTextContents()).toEqual(['Laptop', '10']);
    expect(await first.locator('pre code').textContent()).toContain('<b onclick="x()">not bold</b>');
    expect(await first.locator('[part~="citation"]').textContent()).toContain('Shipping log');
    expect(await first.locator('a[href="https://erp.example/orders"]').getAttribute('rel')).toContain('noopener');

    site.gateway.script(
      '',
      faults.events({ type: 'start' }, { type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { vendor: 'ACME', qty: 10 } } }, { type: 'finish', reason: 'tool-calls' }),
      faults.answer('Created ', 'PO-2026-0142.'),
    );
    await shadow('[part~="input"]').fill('Order 10 laptops from ACME');
    await shadow('[part~="input"]').press('Enter');
    await shadow('[part~="action-approve"]').click();
    await shadow('[part~="message"][part~="assistant"]').last().getByText('Created PO-2026-0142.').waitFor();
    expect(created).toEqual([{ vendor: 'ACME', qty: 10 }]);
    const toolResult = JSON.parse(site.gateway.chatRequests().at(-1)!.body) as { messages: Array<{ role: string }> };
    expect(toolResult.messages.some((message) => message.role === 'tool')).toBe(true);

    // Every try fails (the client retries 503 on its own), then the person retries.
    site.gateway.script('', faults.unavailable(), faults.unavailable(), faults.unavailable(), faults.answer('Back again.'));
    await shadow('[part~="input"]').fill('Are you there?');
    await shadow('[part~="input"]').press('Enter');
    const notice = shadow('[role="alert"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The assistant cannot be reached right now.');
    await notice.getByRole('button', { name: 'Retry' }).click();
    await shadow('[part~="message"][part~="assistant"]').last().getByText('Back again.').waitFor();
    expect(await notice.count()).toBe(0);

    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 60_000);
});

describe('the script-tag bundle', () => {
  const source = scriptTagSource;

  it('contains no eval, no Function constructor and no string timers', () => {
    const text = source();
    // `eval(` as a call of the global (not `.eval(` methods or names that merely contain it).
    expect(text.match(/(?<![\w$.])eval\s*\(/g)).toBeNull();
    expect(text.match(/\bnew\s+Function\s*\(/g)).toBeNull();
    expect(text.match(/(?<![\w$.])Function\s*\(\s*["'`]/g)).toBeNull();
    expect(text.match(/\bset(?:Timeout|Interval)\s*\(\s*["'`]/g)).toBeNull();
  });

  it('the scan would notice them', () => {
    const planted = 'a=1;eval("x");b=new Function("return 1");setTimeout("y()",1);c.evaluate(1);';
    expect(planted.match(/(?<![\w$.])eval\s*\(/g)).toHaveLength(1);
    expect(planted.match(/\bnew\s+Function\s*\(/g)).toHaveLength(1);
    expect(planted.match(/\bset(?:Timeout|Interval)\s*\(\s*["'`]/g)).toHaveLength(1);
  });
});

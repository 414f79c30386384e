import { describe, expect, it } from 'vitest';
import { describeLinkDestination } from './link-destination.js';

const describe_ = (href: string, allowed: string[] = []) => describeLinkDestination(new URL(href), allowed, 'app.example');

describe('describeLinkDestination', () => {
  it('lets links to the page’s host and to allowed hosts open at once; any other host asks', () => {
    expect(describe_('https://app.example/orders/7').kind).toBe('allowed');
    expect(describe_('https://erp.example/orders/7', ['erp.example']).kind).toBe('allowed');
    expect(describe_('https://erp.example.attacker.example/', ['erp.example'])).toMatchObject({ kind: 'web', host: 'erp.example.attacker.example' });
  });

  it('warns of base64- or hex-looking runs and of long queries, not of slugs', () => {
    const carries = (href: string) => (describe_(href) as { carriesData: boolean }).carriesData;
    expect(carries('https://x.example/c?d=U0VDUkVUX0NPTlRFWFRfT0ZfVEhFX1VTRVI%3D')).toBe(true);
    expect(carries('https://x.example/p?t=9f86d081884c7d659a2feaa0c55ad015')).toBe(true);
    expect(carries('https://x.example/U0VDUkVUX0NPTlRFWFRfT0ZfVEhF.png')).toBe(true);
    expect(carries(`https://x.example/?${'a=1&'.repeat(30)}`)).toBe(true);
    expect(carries('https://x.example/docs/getting-started-with-the-configuration?lang=en#section-two')).toBe(false);
  });

  it('always asks before a mailto:, with its address and whether a message is prefilled', () => {
    expect(describe_('mailto:help@app.example')).toMatchObject({ kind: 'mail', address: 'help@app.example', prefilled: false });
    expect(describe_('mailto:a%40b.example?body=SECRET')).toMatchObject({ kind: 'mail', address: 'a@b.example', prefilled: true });
  });
});

import { describe, expect, it } from 'vitest';
import { decideImage, normalizeImageHosts, safeLinkUrl } from './safe-url.js';

const base = 'https://erp.example/app/page';

describe('safeLinkUrl', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['HTTP://Example.com', 'http://example.com/'],
    ['mailto:ops@example.com', 'mailto:ops@example.com'],
    ['/orders/1', 'https://erp.example/orders/1'],
    ['//other.example/x', 'https://other.example/x'],
    ['https://example.com/?a=1&amp;b=2', 'https://example.com/?a=1&b=2'],
    ['%6A%61vascript:alert(1)', 'https://erp.example/app/%6A%61vascript:alert(1)'],
  ])('keeps %j as %j', (destination, href) => {
    expect(safeLinkUrl(destination, base)?.href).toBe(href);
  });

  it.each([
    'javascript:alert(1)',
    ' \u0000JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java&#x09;script:alert(1)',
    'java&Tab;script:alert(1)',
    '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
    '&#x6A;avascript&#x3A;alert(1)',
    'javascript&colon;alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'blob:https://erp.example/uuid',
    'ftp://files.example/x',
    'tel:+861234',
  ])('rejects %j', (destination) => {
    expect(safeLinkUrl(destination, base)).toBeNull();
  });

  it('rejects a relative destination when there is no page to resolve it against', () => {
    expect(safeLinkUrl('/orders/1', undefined)).toBeNull();
  });
});

describe('decideImage', () => {
  const hosts = normalizeImageHosts([' CDN.Example.com ', 'img.example:8443', 'bad/entry', '']);

  it('normalises allow-list entries and drops ones that are not hosts', () => {
    expect(hosts).toEqual(['cdn.example.com', 'img.example:8443']);
  });

  it('allows only exact hosts over http(s)', () => {
    expect(decideImage('https://cdn.example.com/a.png', hosts, base)).toMatchObject({ kind: 'allowed' });
    expect(decideImage('https://img.example:8443/a.png', hosts, base)).toMatchObject({ kind: 'allowed' });
    expect(decideImage('https://img.example/a.png', hosts, base)).toEqual({ kind: 'blocked', host: 'img.example' });
    expect(decideImage('https://evil.cdn.example.com/a.png', hosts, base)).toEqual({ kind: 'blocked', host: 'evil.cdn.example.com' });
    expect(decideImage('https://cdn.example.com.evil.example/a.png', hosts, base)).toMatchObject({ kind: 'blocked' });
    expect(decideImage('https://cdn.example.com@evil.example/a.png', hosts, base)).toEqual({ kind: 'blocked', host: 'evil.example' });
    expect(decideImage('//cdn.example.com/a.png', hosts, 'http://erp.example/')).toMatchObject({ kind: 'allowed' });
    expect(decideImage('/local.png', hosts, base)).toEqual({ kind: 'blocked', host: 'erp.example' });
  });

  it('never allows other schemes, even on an allowed host', () => {
    expect(decideImage('data:image/png;base64,AAAA', hosts, base)).toEqual({ kind: 'invalid' });
    expect(decideImage('javascript:alert(1)', hosts, base)).toEqual({ kind: 'invalid' });
    expect(decideImage('ftp://cdn.example.com/a.png', hosts, base)).toEqual({ kind: 'blocked', host: 'cdn.example.com' });
    expect(decideImage('http://[::1', hosts, base)).toEqual({ kind: 'invalid' });
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBundle } from '../e2e/support/chromium.js';

/**
 * ERP vendors ship Parley inside their products: every package carries the Apache-2.0 licence and
 * the NOTICE, and whatever the script tag bundles is named in NOTICE with its licence text.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const packages = ['client', 'widget', 'gateway'];

describe('licence files', () => {
  it('every package carries the Apache-2.0 LICENSE and NOTICE of the root, and publishes them', () => {
    expect(read('LICENSE')).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(JSON.parse(read('package.json')).license).toBe('Apache-2.0');
    for (const name of packages) {
      const manifest = JSON.parse(read(`packages/${name}/package.json`)) as { license: string; files: string[] };
      expect(manifest.license, name).toBe('Apache-2.0');
      expect(manifest.files, name).toEqual(expect.arrayContaining(['LICENSE', 'NOTICE']));
      expect(read(`packages/${name}/LICENSE`), name).toBe(read('LICENSE'));
      expect(read(`packages/${name}/NOTICE`), name).toBe(read('NOTICE'));
    }
  });

  it('NOTICE names every third-party package inside the script tag, whose licence text ships with the widget', { timeout: 300_000 }, () => {
    ensureBundle();
    const chunks = join(root, 'packages/widget/dist/script/chunks');
    const maps = readdirSync(chunks).filter((name) => name.endsWith('.js.map'));
    expect(maps.length).toBeGreaterThan(0);
    const sources = maps.flatMap((name) => (JSON.parse(readFileSync(join(chunks, name), 'utf8')) as { sources: string[] }).sources);
    const bundled = [...new Set(sources.map((source) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1]).filter((name): name is string => !!name))];
    expect(bundled.length).toBeGreaterThan(0);
    const notice = read('NOTICE');
    const texts = read('packages/widget/THIRD-PARTY-LICENSES.txt');
    expect(JSON.parse(read('packages/widget/package.json')).files).toContain('THIRD-PARTY-LICENSES.txt');
    for (const name of bundled) {
      expect(notice, `NOTICE must name ${name}`).toMatch(new RegExp(`(^|[\\s,])${name.replace(/[/@.-]/g, '\\$&')}[\\s,(]`, 'm'));
      // `LICENSE`, `license`, `LICENSE.md`…: whatever the package calls it.
      const file = readdirSync(join(root, 'node_modules', name)).find((entry) => /^licen[cs]e(\.|$)/i.test(entry));
      expect(file, `${name} has a licence file`).toBeDefined();
      const licence = readFileSync(join(root, 'node_modules', name, file!), 'utf8').trim();
      expect(texts.includes(licence), `THIRD-PARTY-LICENSES.txt must hold ${name}'s LICENSE`).toBe(true);
    }
  });

  it('the script folder a host copies to its server carries the licence, NOTICE and third-party texts', { timeout: 300_000 }, () => {
    ensureBundle();
    for (const file of ['LICENSE', 'NOTICE', 'THIRD-PARTY-LICENSES.txt']) expect(read(`packages/widget/dist/script/${file}`), file).toBe(read(`packages/widget/${file}`));
  });
});

import { describe, expect, it } from 'vitest';
import { setCustomElementsManifest } from '@storybook/web-components';
// The entry Storybook's preview loads to build docs tables from the manifest; it ships no types.
// @ts-expect-error TS7016
import { parameters as argTypesEntry } from '@storybook/web-components/entry-preview-argtypes';
import manifest from '../../packages/widget/custom-elements.json';
import { docsManifest } from '../../stories/support/docs-manifest.js';

type Row = { name: string; table?: { category?: string } };
const extractArgTypes = (argTypesEntry as { docs: { extractArgTypes: (tagName: string) => Record<string, Row> } }).docs.extractArgTypes;

/** The rows of `<parley-chat>`'s docs table, as Storybook builds them from the manifest the preview sets. */
function docsTable(): Record<string, string[]> {
  setCustomElementsManifest(docsManifest(manifest));
  const rows = Object.values(extractArgTypes('parley-chat'));
  const table: Record<string, string[]> = {};
  for (const row of rows) (table[row.table?.category ?? ''] ??= []).push(row.name);
  return table;
}

describe("Storybook's docs table of <parley-chat>", () => {
  it('lists every slot and every attribute, though parts share their names', () => {
    const table = docsTable();
    expect(table.slots).toEqual(['logo', 'header', 'empty', 'footer']);
    expect(table.attributes).toEqual(expect.arrayContaining(['watermark', 'user', 'link-hosts', 'endpoint']));
    expect(table['css shadow parts']).toEqual(expect.arrayContaining(['::part(header)', '::part(watermark)', '::part(user)', '::part(message)']));
    expect(table['css shadow parts']).toHaveLength(26);
  });

  it('lists no private member of the element', () => {
    const declarations = manifest.modules.flatMap((module) => (module.declarations ?? []) as Array<{ tagName?: string; members?: Array<{ name: string; privacy?: string }> }>);
    const internals = declarations.find((declaration) => declaration.tagName === 'parley-chat')!.members!.filter((member) => member.privacy === 'private').map((member) => member.name);
    expect(internals).toContain('uiEpoch');
    expect(docsTable().properties!.filter((name) => internals.includes(name))).toEqual([]);
  });
});

import { expect, it, vi } from 'vitest';
import { accessibilityTree, type AXNode } from '../testing/accessibility-tree.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

/** The buttons a screen reader finds, by the name they are announced with, each with its description. */
async function buttons(): Promise<Array<{ name: string; description: string }>> {
  const tree: AXNode[] = await accessibilityTree();
  return tree.filter((node) => node.role?.value === 'button').map((node) => ({ name: node.name?.value ?? '', description: node.description?.value ?? '' }));
}

it('tells a screen reader which question each Edit, Copy answer and thumb is for, not "Edit, Edit, Edit"', async () => {
  let answer = 0;
  gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: `Answer ${++answer}.` }, { type: 'finish', reason: 'stop' }]));
  const el = await mountChat();
  await el.send('Where is PO-7?');
  await el.send('And PO-9?');
  await vi.waitFor(() => expect(shadowParts(el, 'button.copy')).toHaveLength(2));

  const all = await buttons();
  // Named by what they show first (a voice-control user says "click Edit"), then the question.
  expect(all.filter((button) => button.name.startsWith('Edit')).map((button) => button.name)).toEqual(['Edit Where is PO-7?', 'Edit And PO-9?']);
  for (const name of ['Copy answer', 'Helpful', 'Not helpful']) {
    expect(all.filter((button) => button.name === name).map((button) => button.description), name).toEqual(['Where is PO-7?', 'And PO-9?']);
  }
});

it('names the Edit of a long pasted question by its start, not the whole of it', async () => {
  gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'Seen.' }, { type: 'finish', reason: 'stop' }]));
  const el = await mountChat();
  const trace = `Why does this fail?\n\n${Array.from({ length: 60 }, (_, line) => `    at Order.post (orders.js:${line}:7)`).join('\n')}`;
  await el.send(trace);
  await vi.waitFor(() => expect(shadowParts(el, 'button.copy')).toHaveLength(1));

  const edit = (await buttons()).find((button) => button.name.startsWith('Edit'));
  expect(edit?.name).toBe('Edit Why does this fail? at Order.post (orders.js:0:7) at Order.p…');
});

for (const [lang, name] of [
  ['zh-CN', '编辑“PO-7 在哪里？”'],
  ['zh-TW', '編輯「PO-7 在哪裡？」'],
] as const) {
  it(`${lang}: names Edit as the table words it, not the word and the question joined by a space`, async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: '在仓库。' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat({ lang });
    await el.send(lang === 'zh-CN' ? 'PO-7 在哪里？' : 'PO-7 在哪裡？');
    await vi.waitFor(() => expect(shadowParts(el, 'button.copy')).toHaveLength(1));

    expect((await buttons()).map((button) => button.name)).toContain(name);
  });
}

// The second question holds 修改 too: the table's wording of it does, but not as the word on the button.
for (const question of ['PO-7 在哪里？', '修改 PO-7 的数量']) {
  it(`zh-CN with a host's own Edit word, asked "${question}": the name begins with the word shown, not the table's 编辑 (voice control)`, async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: '在仓库。' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat({ lang: 'zh-CN' }, (chat) => (chat.labels = { editQuestion: '修改' }));
    await el.send(question);
    await vi.waitFor(() => expect(shadowParts(el, 'button.copy')).toHaveLength(1));

    expect((await buttons()).map((button) => button.name)).toContain(`修改 ${question}`);
  });
}

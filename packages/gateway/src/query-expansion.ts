/**
 * The corpus mixes Chinese and English documents, and people ask across languages ("ACME的付款条件").
 * A small bilingual glossary of the demo's domain words bridges them; a real deployment would use a
 * multilingual embedding model instead.
 */
const glossary: ReadonlyArray<readonly [string, string]> = [
  ['付款', 'payment'],
  ['付款条件', 'payment terms'],
  ['笔记本', 'laptop'],
  ['电脑', 'laptop'],
  ['显示器', 'monitor'],
  ['键盘', 'keyboard'],
  ['耳机', 'headset'],
  ['扩展坞', 'docking station'],
  ['库存', 'stock inventory'],
  ['差旅', 'travel'],
  ['出差', 'travel'],
  ['住宿', 'hotel accommodation'],
  ['采购', 'procurement purchase'],
  ['审批', 'approval'],
  ['供应商', 'supplier'],
  ['订单', 'order'],
  ['协议', 'agreement'],
  ['合同', 'agreement contract'],
  ['价格', 'price pricing'],
  ['交货', 'delivery'],
  ['质保', 'warranty'],
  ['华东电子', 'huadong'],
  ['华东', 'huadong'],
];

/** Words to add to a query (the other language's equivalents); empty when none apply. */
export function expandQuery(query: string): string {
  const lower = query.toLowerCase();
  const extra = new Set<string>();
  for (const [chinese, english] of glossary) {
    if (query.includes(chinese)) extra.add(english);
    if (english.split(' ').some((word) => new RegExp(`\\b${word}`).test(lower))) extra.add(chinese);
  }
  return [...extra].join(' ');
}

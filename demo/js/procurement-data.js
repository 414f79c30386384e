// The ERP's data for the demo page. In a real host app this comes from the ERP's own API.

export const suppliers = [
  { id: 'acme', name: 'ACME Industrial Supplies', nameZh: 'ACME 工业供应', terms: 'Net 45 · 2/10', termsZh: '45 天账期 · 10 天内付款 2% 折扣', categories: 'Laptops, docking stations', categoriesZh: '笔记本电脑、扩展坞', agreement: 'ACME-MSA-2024-017' },
  { id: 'huadong', name: 'Huadong Electronics', nameZh: '华东电子', terms: 'Net 60 · 1/15', termsZh: '月结 60 天 · 15 天内付款 1% 折扣', categories: 'Monitors, keyboards, headsets', categoriesZh: '显示器、键盘、耳机', agreement: 'HD-2025-003' },
];

export const inventory = [
  { sku: 'LAP-PB14', name: 'ProBook 14 laptop', aliases: ['laptop', 'probook 14', '笔记本'], onHand: 23, reserved: 8, reorderPoint: 20 },
  { sku: 'LAP-PB16W', name: 'ProBook 16 workstation laptop', aliases: ['workstation', 'probook 16'], onHand: 6, reserved: 2, reorderPoint: 5 },
  { sku: 'MON-27Q', name: '27-inch QHD monitor', aliases: ['monitor', '27-inch', '显示器'], onHand: 64, reserved: 10, reorderPoint: 25 },
  { sku: 'MON-24F', name: '24-inch FHD monitor', aliases: ['24-inch'], onHand: 18, reserved: 0, reorderPoint: 15 },
  { sku: 'DOC-USBC', name: 'USB-C docking station', aliases: ['dock', 'docking station', '扩展坞'], onHand: 12, reserved: 4, reorderPoint: 15 },
  { sku: 'KEY-MECH', name: 'Mechanical keyboard', aliases: ['keyboard', '键盘'], onHand: 40, reserved: 5, reorderPoint: 20 },
  { sku: 'HDS-NC', name: 'Noise-cancelling headset', aliases: ['headset', '耳机'], onHand: 9, reserved: 3, reorderPoint: 10 },
];

/** The order open in the page: its data is what `<parley-chat>` gets as `context`. */
export const currentOrder = {
  id: 'PO-2025-0117',
  supplier: 'ACME Industrial Supplies',
  status: 'Awaiting CFO approval',
  amount: 48320,
  currency: 'USD',
  items: [
    { name: 'ProBook 14 laptop', sku: 'LAP-PB14', quantity: 40, unitPrice: 1150 },
    { name: 'USB-C docking station', sku: 'DOC-USBC', quantity: 16, unitPrice: 145 },
  ],
  requestedBy: 'Li Na (IT)',
  approver: 'Chief Financial Officer',
  expectedDelivery: '2026-12-14',
};

export const orders = [
  { id: 'PO-2025-0117', supplier: 'ACME Industrial Supplies', items: '40 × ProBook 14 laptop, 16 × USB-C docking station', amount: 48320, currency: 'USD', status: 'Awaiting CFO approval', created: '2026-11-27' },
  { id: 'PO-2025-0116', supplier: 'Huadong Electronics', items: '30 × 27-inch QHD monitor', amount: 38400, currency: 'CNY', status: 'Sent to supplier', created: '2026-11-25' },
  { id: 'PO-2025-0112', supplier: 'Huadong Electronics', items: '25 × Mechanical keyboard', amount: 8000, currency: 'CNY', status: 'Received', created: '2026-11-18' },
  { id: 'PO-2025-0108', supplier: 'ACME Industrial Supplies', items: '12 × USB-C docking station', amount: 1740, currency: 'USD', status: 'Paid', created: '2026-11-06' },
];

export function findInventoryItem(text) {
  const wanted = String(text || '').toLowerCase();
  return (
    inventory.find((item) => item.sku.toLowerCase() === wanted || item.name.toLowerCase() === wanted) ||
    inventory.find((item) => item.aliases.some((alias) => wanted.includes(alias))) ||
    inventory.find((item) => wanted && item.name.toLowerCase().includes(wanted))
  );
}

/** Who must approve an order of this size (Procurement Policy POL-FIN-004 §2; USD 1 = CNY 7.2). */
export function approvalStatus(amount, currency) {
  const usd = currency === 'CNY' ? amount / 7.2 : amount;
  if (usd > 100000) return 'Awaiting CEO approval';
  if (usd > 25000) return 'Awaiting CFO approval';
  if (usd > 5000) return 'Awaiting department head approval';
  return 'Awaiting line manager approval';
}

/**
 * What the demo model knows about items and suppliers, mirroring the bundled inventory sheet and
 * supplier agreements. It turns "order 10 laptops from ACME" into tool-call arguments.
 */

export interface CatalogSupplier {
  name: string;
  aliases: string[];
}

export interface CatalogItem {
  sku: string;
  name: string;
  aliases: string[];
  preferredSupplier: string;
  /** Contract prices by supplier name. */
  prices: Record<string, { unitPrice: number; currency: 'USD' | 'CNY' }>;
}

export const suppliers: CatalogSupplier[] = [
  { name: 'ACME Industrial Supplies', aliases: ['acme'] },
  { name: 'Huadong Electronics', aliases: ['huadong', '华东电子', '华东'] },
];

const acme = 'ACME Industrial Supplies';
const huadong = 'Huadong Electronics';

export const catalogItems: CatalogItem[] = [
  { sku: 'LAP-PB16W', name: 'ProBook 16 workstation laptop', aliases: ['workstation', 'probook 16', '工作站'], preferredSupplier: acme, prices: { [acme]: { unitPrice: 1890, currency: 'USD' } } },
  { sku: 'LAP-PB14', name: 'ProBook 14 laptop', aliases: ['laptop', 'notebook', 'probook', '笔记本', '电脑'], preferredSupplier: acme, prices: { [acme]: { unitPrice: 1150, currency: 'USD' } } },
  { sku: 'MON-24F', name: '24-inch FHD monitor', aliases: ['24-inch', '24 inch', '24寸', '24英寸'], preferredSupplier: huadong, prices: { [huadong]: { unitPrice: 890, currency: 'CNY' } } },
  {
    sku: 'MON-27Q',
    name: '27-inch QHD monitor',
    aliases: ['monitor', 'screen', 'display', '显示器', '屏幕'],
    preferredSupplier: huadong,
    prices: { [huadong]: { unitPrice: 1280, currency: 'CNY' }, [acme]: { unitPrice: 210, currency: 'USD' } },
  },
  { sku: 'DOC-USBC', name: 'USB-C docking station', aliases: ['dock', 'docking', '扩展坞', '拓展坞'], preferredSupplier: acme, prices: { [acme]: { unitPrice: 145, currency: 'USD' } } },
  { sku: 'KEY-MECH', name: 'Mechanical keyboard', aliases: ['keyboard', '键盘'], preferredSupplier: huadong, prices: { [huadong]: { unitPrice: 320, currency: 'CNY' } } },
  { sku: 'HDS-NC', name: 'Noise-cancelling headset', aliases: ['headset', 'headphone', '耳机'], preferredSupplier: huadong, prices: { [huadong]: { unitPrice: 560, currency: 'CNY' } } },
];

/** The first item named in the text; more specific items are listed first ("workstation laptop"). */
export function findItem(text: string): CatalogItem | undefined {
  const lower = text.toLowerCase();
  return catalogItems.find((item) => item.aliases.some((alias) => lower.includes(alias)));
}

export function findSupplier(text: string): CatalogSupplier | undefined {
  const lower = text.toLowerCase();
  return suppliers.find((supplier) => supplier.aliases.some((alias) => lower.includes(alias)));
}

/** The budget rate of the procurement policy (USD 1 = CNY 7.2). */
export function toUsd(amount: number, currency: 'USD' | 'CNY'): number {
  return currency === 'USD' ? amount : amount / 7.2;
}

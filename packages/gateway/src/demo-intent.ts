import { findItem, findSupplier, type CatalogItem, type CatalogSupplier } from './demo-catalog.js';

/** What the demo model decided the person wants, by rules (it is not a language model). */
export type DemoIntent =
  | { kind: 'order'; item: CatalogItem; supplier: CatalogSupplier | undefined; quantity: number }
  | { kind: 'stock'; item: CatalogItem }
  | { kind: 'current-document' }
  | { kind: 'research' }
  | { kind: 'question' };

const orderVerb = /\b(order|buy|purchase|reorder|procure)\b|订购|采购|购买|下单|订/i;
const questionOpening = /^\s*(how|what|when|who|why|which|where|is|are|does|do|can i|should)\b|如何|怎么|怎样|是否|什么|为什么/i;
const stockQuestion = /\bhow many\b|\bin stock\b|\bstock (level|of|for)\b|\bavailable\b|\bon hand\b|库存|还有多少|有多少|剩多少/i;
const currentDocument = /\b(this|current|the open|that)\s+(purchase order|order|po|document|invoice)\b|这个订单|该订单|此订单|当前订单|这张订单|这份订单|本订单/i;
const research = /^\s*(compare|research|analy[sz]e|investigate|contrast)\b|\bvs\.?\b|\bversus\b|\bcompared? (to|with)\b|对比|比较|研究|分析/i;

const chineseNumerals: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function findQuantity(text: string): number | undefined {
  const digits = /(?<!\d)(\d{1,5})(?!\d)(?!\s*(?:%|days|天|月|inch|英寸|寸|-inch))/i.exec(text.replace(/\b(?:24|27)[- ]inch\b|24寸|27寸/gi, ''));
  if (digits) return Number(digits[1]);
  const numeral = /([一两二三四五六七八九十])\s*(台|个|件|副|套|部)/.exec(text);
  return numeral ? chineseNumerals[numeral[1] ?? ''] : undefined;
}

export function detectIntent(text: string): DemoIntent {
  // Without context the answer says so, rather than guessing which order "this" is.
  if (currentDocument.test(text)) return { kind: 'current-document' };
  const item = findItem(text);
  if (item && orderVerb.test(text) && !questionOpening.test(text)) {
    const quantity = findQuantity(text);
    if (quantity && quantity > 0) return { kind: 'order', item, supplier: findSupplier(text), quantity };
  }
  if (item && stockQuestion.test(text)) return { kind: 'stock', item };
  if (research.test(text)) return { kind: 'research' };
  return { kind: 'question' };
}

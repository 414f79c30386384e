import { cached } from './format.js';

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** A message's time ("03:05 PM", "15:05", "下午03:05"): the built-in tables' locales without Intl (see format.ts). */
export function formatTime(locale: string, epochMs: number): string {
  const date = new Date(epochMs);
  const hours = date.getHours();
  const minutes = twoDigits(date.getMinutes());
  const clock12 = `${twoDigits(hours % 12 || 12)}:${minutes}`;
  if (locale === 'en') return `${clock12} ${hours < 12 ? 'AM' : 'PM'}`;
  if (locale === 'zh-TW') return `${hours < 12 ? '上午' : '下午'}${clock12}`;
  if (locale === 'zh-CN') return `${twoDigits(hours)}:${minutes}`;
  return cached(`time|${locale}`, () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })).format(epochMs);
}

import { html, type TemplateResult } from 'lit';

const maxDepth = 6;

/**
 * Action arguments as a person reads them: objects as definition lists (nested ones nested),
 * arrays as lists, scalars as text. Everything is text content; nothing is parsed as markup.
 */
export function renderValue(value: unknown, depth = 0): TemplateResult | string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'object') return String(value);
  if (depth >= maxDepth) return safeJson(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return html`<ol class="readable-list">${value.map((item) => html`<li>${renderValue(item, depth + 1)}</li>`)}</ol>`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '—';
  return html`<dl class="action-args">${entries.map(([key, item]) => html`<dt>${key}</dt><dd>${renderValue(item, depth + 1)}</dd>`)}</dl>`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

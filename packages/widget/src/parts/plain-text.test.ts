import { describe, expect, it } from 'vitest';
import { markdownToPlainText, messageText } from './plain-text.js';

describe('the text an answer is read out as', () => {
  it('keeps the underscores of identifiers and drops those of emphasis', () => {
    expect(markdownToPlainText('Order **PO_1234** is _late_; see `snake_case_id` and `__init__`.')).toBe('Order PO_1234 is late; see snake_case_id and __init__.');
  });

  it('keeps text parts apart when something else came between them, and together around a citation', () => {
    const parts = [
      { type: 'reasoning', text: 'The person wants the status.' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool-call' },
      { type: 'text', text: 'It shipped [1]' },
      { type: 'citation' },
      { type: 'text', text: ' on Monday.' },
    ];
    expect(messageText(parts)).toBe('Let me check.\n\nIt shipped [1] on Monday.');
  });
});

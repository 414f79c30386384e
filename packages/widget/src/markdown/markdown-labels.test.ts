import { describe, expect, it } from 'vitest';
import { formatLabel } from './markdown-labels.js';

describe('formatLabel', () => {
  it('fills known placeholders and leaves others visible', () => {
    expect(formatLabel('Source {id} {constructor} {missing}', { id: '3' })).toBe('Source 3 {constructor} {missing}');
  });
});

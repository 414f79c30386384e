import { describe, expect, it } from 'vitest';
import { splitCitationMarkers } from './citation-markers.js';

const ids = (text: string) => splitCitationMarkers(text).flatMap((part) => (typeof part === 'string' ? [] : [part.id]));

describe('splitCitationMarkers', () => {
  it('finds numeric, footnote and full-width markers', () => {
    expect(ids('a [1] b [^note-2] c 【3】 d 【4:0†source】 e [5][6] f [7, 8,9]')).toEqual(['1', 'note-2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('keeps the text around markers intact', () => {
    expect(splitCitationMarkers('Revenue grew [1].')).toEqual(['Revenue grew ', { id: '1' }, '.']);
  });

  it('leaves ordinary brackets and footnote definitions as text', () => {
    expect(ids('[see above] [x] [1a] [12345] [] [^] 【note】')).toEqual([]);
    expect(ids('[^1]: The source.\n[2]: Another source.')).toEqual([]);
    expect(ids('Mid-line [1]: still a reference')).toEqual(['1']);
  });
});

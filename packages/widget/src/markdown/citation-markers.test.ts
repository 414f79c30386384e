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

  it('leaves a marker naming no source as written', () => {
    const cites = (id: string) => id === '1' || id === 'note';
    expect(splitCitationMarkers('A [1], b [9], c [^note], d [^x], e 【9】.', cites)).toEqual(['A ', { id: '1' }, ', b [9], c ', { id: 'note' }, ', d [^x], e 【9】.']);
    expect(splitCitationMarkers('Both [1, 9].', cites)).toEqual(['Both ', { id: '1' }, '[9]', '.']);
    expect(splitCitationMarkers('None [8, 9].', cites)).toEqual(['None [8, 9].']);
  });
});

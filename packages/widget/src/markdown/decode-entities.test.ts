import { describe, expect, it } from 'vitest';
import { decodeEntities } from './decode-entities.js';

describe('decodeEntities', () => {
  it('decodes named, decimal and hex references', () => {
    expect(decodeEntities('AT&amp;T &lt;b&gt; &#169; &#xA9; &copy; &colon;&Tab;&NewLine;')).toBe('AT&T <b> © © © :\t\n');
  });

  it('replaces invalid code points like the HTML parser', () => {
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd');
  });

  it('leaves unknown names, missing semicolons and bare ampersands alone', () => {
    expect(decodeEntities('&unknown; &amp &#106 a & b &constructor; &__proto__;')).toBe('&unknown; &amp &#106 a & b &constructor; &__proto__;');
  });
});

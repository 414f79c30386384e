/**
 * One tokenizer for indexing and querying, English and Chinese alike. Chinese has no spaces, so a
 * run of Han characters becomes its single characters plus overlapping bigrams ("付款条件" →
 * 付 款 条 件 付款 款条 条件): bigrams carry most of the ranking signal, single characters keep
 * one-character words findable. Latin words are lower-cased and lightly stemmed.
 */

const englishStopWords = new Set(
  'a an and are as at be by can could do does for from has have how i in is it its me my of on or our please that the their there these this to was we what when where which who why will with would you your about tell show give'.split(' '),
);
const chineseStopCharacters = new Set('的了是吗呢么什我们请帮和与在也就都把被啊吧呀'.split(''));

const han = /\p{Script=Han}/u;

/** Plural and possessive endings only: enough for "terms"/"term", "laptops"/"laptop", "policies"/"policy". */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.toLowerCase().matchAll(/\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu)) {
    if (han.test(run)) {
      const characters = [...run];
      characters.forEach((character, i) => {
        if (!chineseStopCharacters.has(character)) tokens.push(character);
        const next = characters[i + 1];
        if (next) tokens.push(character + next);
      });
    } else if (!englishStopWords.has(run)) {
      tokens.push(stem(run));
    }
  }
  return tokens;
}

/** True for a token worth showing a person (drops single characters and bigrams with a filler character). */
export function isTelling(token: string): boolean {
  return token.length > 1 && ![...token].some((character) => chineseStopCharacters.has(character));
}

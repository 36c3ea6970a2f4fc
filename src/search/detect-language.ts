/**
 * Which language an article is written in, when its script says so plainly. Pagefind
 * segments Chinese, Japanese and Korean words only in pages of that language, so a Chinese
 * article on an English site must be indexed as Chinese to be found by a Chinese word
 * (issue 3). Only CJK scripts are told apart: an article in another alphabetic language
 * keeps the site's language (and its stemming).
 */
const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LETTER = /\p{L}/u;

/**
 * "zh", "ja" or "ko" when most of the text's letters are in that script, else undefined.
 * One pass, counting: matching /\p{L}/g over 10,000 bodies built an array of one-letter
 * strings per letter, seconds of every build. ASCII is classified without a regex.
 */
export function detectScriptLanguage(text: string): string | undefined {
  let letters = 0;
  let han = 0;
  let kana = 0;
  let hangul = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters++;
      continue;
    }
    if (!LETTER.test(char)) continue;
    letters++;
    if (HAN.test(char)) han++;
    else if (KANA.test(char)) kana++;
    else if (HANGUL.test(char)) hangul++;
  }
  if (letters === 0) return undefined;
  // A CJK character carries about a word; Latin words take several letters each, so a
  // third of the letters is already most of the words.
  if ((han + kana + hangul) / letters < 1 / 3) return undefined;
  if (hangul > han + kana) return "ko";
  return kana > 0 && kana >= han / 10 ? "ja" : "zh";
}

/** How much of an article tells its script plainly enough; reading whole bodies cost 0.7 s per 10,000. */
const SAMPLE_LENGTH = 1_000;

/** The article's language when it differs from the site's (by primary subtag), else undefined. */
export function detectArticleLanguage(text: string, siteLanguage: string): string | undefined {
  const detected = detectScriptLanguage(text.slice(0, SAMPLE_LENGTH));
  const primary = siteLanguage.split("-")[0]!.toLowerCase();
  return detected && detected !== primary ? detected : undefined;
}

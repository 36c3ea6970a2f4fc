/**
 * Which language an article is written in, when its script says so plainly. Pagefind
 * segments Chinese, Japanese and Korean words only in pages of that language, so a Chinese
 * article on an English site must be indexed as Chinese to be found by a Chinese word
 * (issue 3). Only CJK scripts are told apart: an article in another alphabetic language
 * keeps the site's language (and its stemming).
 */
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LETTER = /\p{L}/gu;

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;

/** "zh", "ja" or "ko" when most of the text's letters are in that script, else undefined. */
export function detectScriptLanguage(text: string): string | undefined {
  const letters = count(text, LETTER);
  if (letters === 0) return undefined;
  const han = count(text, HAN);
  const kana = count(text, KANA);
  const hangul = count(text, HANGUL);
  // A CJK character carries about a word; Latin words take several letters each, so a
  // third of the letters is already most of the words.
  if ((han + kana + hangul) / letters < 1 / 3) return undefined;
  if (hangul > han + kana) return "ko";
  return kana > 0 && kana >= han / 10 ? "ja" : "zh";
}

/** The article's language when it differs from the site's (by primary subtag), else undefined. */
export function detectArticleLanguage(text: string, siteLanguage: string): string | undefined {
  const detected = detectScriptLanguage(text);
  const primary = siteLanguage.split("-")[0]!.toLowerCase();
  return detected && detected !== primary ? detected : undefined;
}

/** The languages articles have besides the site's, sorted: each is a search index of its own. */
export function listOtherLanguages(articles: readonly { language: string | undefined }[]): string[] {
  return [...new Set(articles.flatMap((article) => (article.language ? [article.language] : [])))].sort();
}

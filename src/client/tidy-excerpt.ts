/**
 * Pagefind's excerpts as a reader should see them (issue 13):
 * - a mark covers the word, not the punctuation Pagefind keeps with it: "(Gucci)" is shown as
 *   "(<mark>Gucci</mark>)";
 * - in Chinese and Japanese, Pagefind's block separator ". " (between the title and the body)
 *   becomes "。", and the spaces its word segmentation leaves between characters are removed.
 * Runs on sanitised excerpts (sanitizeExcerpt): text with entities, and <mark> tags only.
 */
const PUNCTUATION = String.raw`(?:&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;|[\p{P}\p{S}])*`;
const MARK = new RegExp(String.raw`<mark>(${PUNCTUATION})([\s\S]*?)(${PUNCTUATION})</mark>`, "gu");
const CJK = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]`;
const CJK_SEPARATOR = new RegExp(String.raw`(${CJK}(?:</mark>)?)\. `, "gu");
const CJK_SPACE = new RegExp(String.raw`(${CJK}(?:</?mark>)?)\s+(?=(?:</?mark>)?${CJK})`, "gu");

export function tidyExcerpt(excerpt: string): string {
  return excerpt
    .replace(MARK, (_, before: string, word: string, after: string) =>
      word ? `${before}<mark>${word}</mark>${after}` : `${before}${after}`,
    )
    .replace(CJK_SEPARATOR, "$1。")
    .replace(CJK_SPACE, "$1");
}

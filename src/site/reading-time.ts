/**
 * Minutes to read a rendered body. Latin-script readers manage ~230 words a minute; CJK text
 * has no spaces, so each Han/Kana/Hangul character counts as half a word (~460 characters a minute).
 */
const WORDS_PER_MINUTE = 230;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

export function estimateReadingMinutes(html: string): number {
  const text = html.replace(/<[^>]*>/g, " ");
  const cjkCharacters = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, " ").match(WORD)?.length ?? 0;
  return Math.max(1, Math.round((words + cjkCharacters / 2) / WORDS_PER_MINUTE));
}

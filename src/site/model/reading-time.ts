/**
 * Minutes to read a rendered body. Latin-script readers manage ~230 words a minute; CJK text
 * has no spaces, so each Han/Kana/Hangul character counts as half a word (~460 characters a
 * minute). A single pass over the characters: regexes over every body were a tenth of the load.
 */
const WORDS_PER_MINUTE = 230;

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x9fff) || // CJK ideographs, extension A
    (code >= 0xac00 && code <= 0xd7af) || // Hangul syllables
    (code >= 0xf900 && code <= 0xfaff) // compatibility ideographs
  );
}

function isSeparator(code: number): boolean {
  return code <= 0x20 || code === 0xa0 || code === 0x3000;
}

export function estimateReadingMinutes(html: string): number {
  let words = 0;
  let cjk = 0;
  let inWord = false;
  let inTag = false;
  for (let i = 0; i < html.length; i++) {
    const code = html.charCodeAt(i);
    if (inTag) {
      if (code === 0x3e /* > */) inTag = false;
      continue;
    }
    if (code === 0x3c /* < */) {
      inTag = true;
      inWord = false;
    } else if (isCjk(code)) {
      cjk++;
      inWord = false;
    } else if (isSeparator(code)) {
      inWord = false;
    } else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return Math.max(1, Math.round((words + cjk / 2) / WORDS_PER_MINUTE));
}

/**
 * Keys (article keys, page slugs) for imported posts: WordPress's slug, percent-decoded, when
 * it already fits our pattern; otherwise its letters transliterated (阿里巴巴 → a-li-ba-ba,
 * café → cafe); the title when the slug is empty (drafts); `post-<id>` when nothing is left.
 * Two items wanting one key: the older WordPress id keeps it, the other gets `-<id>`.
 */
import { slugify as transliterateSlug } from "transliteration";
import { ARTICLE_KEY_PATTERN } from "../../shared/reply-record.ts";

const MAX_KEY_LENGTH = 80;

export function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug; // A stray % that is not an escape: keep the text as written.
  }
}

export function makeKey(postName: string, title: string, id: string): string {
  for (const source of [decodeSlug(postName.trim()), title]) {
    const key = toKey(source);
    if (key) return key;
  }
  return `post-${id}`;
}

function toKey(text: string): string {
  const lower = text.normalize("NFKC").toLowerCase();
  if (ARTICLE_KEY_PATTERN.test(lower) && lower.length <= MAX_KEY_LENGTH) return lower;
  const ascii = transliterateSlug(lower, { lowercase: true, separator: "-", trim: true });
  return ascii
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_KEY_LENGTH)
    .replace(/^-+|-+$/g, "");
}

/** Keys for items in WordPress id order; `taken` holds keys already used in the content folder. */
export function assignKeys<T extends { id: string; wanted: string }>(
  items: readonly T[],
  taken: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const used = new Set(taken);
  const keys = new Map<string, string>();
  const byId = [...items].sort((a, b) => Number(a.id) - Number(b.id));
  for (const item of byId) {
    const key = used.has(item.wanted) ? `${item.wanted}-${item.id}` : item.wanted;
    used.add(key);
    keys.set(item.id, key);
  }
  return keys;
}

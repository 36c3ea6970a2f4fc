/**
 * URL slugs for tags and categories. Case, spacing and punctuation do not make a different
 * tag ("Michael Kors", "michael  kors" → michael-kors). Letters and digits of any script are
 * kept, so 阿里巴巴 gets the stable URL /tags/阿里巴巴/ rather than an empty or random one.
 */
const slugs = new Map<string, string>();

export function slugify(name: string): string {
  // A build slugifies each of ~500 tags tens of thousands of times; the answer never changes.
  let slug = slugs.get(name);
  if (slug === undefined) {
    slug = computeSlug(name);
    slugs.set(name, slug);
  }
  return slug;
}

function computeSlug(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** The display form of a term: whitespace tidied, otherwise as the author wrote it. */
export function tidyName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ");
}

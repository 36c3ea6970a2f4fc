/**
 * Tags and categories, built once per build. Replaces Eleventy's automatic per-tag
 * collections, which re-sort every item once per tag (half a 10,000-article build).
 */
import { slugify, tidyName } from "./slugify.ts";
import type { Term } from "./types.ts";

/**
 * Maps every spelling to one term per slug. The display name is the spelling most articles
 * use (ties: the alphabetically first), so the choice does not depend on file order.
 */
export function resolveTerms(spellings: Iterable<string>, baseUrl: string): Map<string, Term> {
  const countsBySlug = new Map<string, Map<string, number>>();
  for (const raw of spellings) {
    const name = tidyName(raw);
    const slug = slugify(name);
    const counts = countsBySlug.get(slug) ?? new Map<string, number>();
    counts.set(name, (counts.get(name) ?? 0) + 1);
    countsBySlug.set(slug, counts);
  }
  const terms = new Map<string, Term>();
  for (const [slug, counts] of countsBySlug) {
    const [name] = [...counts].sort(([a, ca], [b, cb]) => cb - ca || (a < b ? -1 : a > b ? 1 : 0))[0]!;
    terms.set(slug, { name, slug, url: `${baseUrl}${slug}/` });
  }
  return terms;
}

/** Groups items by each term they carry, keeping the items' order. */
export function groupByTerm<T>(items: readonly T[], termsOf: (item: T) => readonly Term[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    for (const term of termsOf(item)) {
      const group = groups.get(term.slug);
      if (group) group.push(item);
      else groups.set(term.slug, [item]);
    }
  }
  return groups;
}

/** Terms that name nothing a URL can hold ("!!!") are an author's error, not a silent drop. */
export function checkSlug(name: string, file: string, field: string): void {
  if (slugify(tidyName(name)) === "") {
    throw new Error(`${file}: field "${field}": expected a name with at least one letter or digit, got "${name}"`);
  }
}

/**
 * Redirects for URLs readers type or copy with capitals: a tag, category or author page is at
 * its lower-case slug (/tags/gucci/), and /tags/Gucci/ (the name as shown, hyphenated) goes
 * there instead of a 404. Netlify and the preview match `_redirects` paths case-sensitively,
 * and a file at the path wins over a rule, so each line is one spelling and never loops.
 * Also /articles/, the parent of every article's URL, goes to the archive.
 */
import { slugify, tidyName } from "../model/slugify.ts";

export const LISTING_REDIRECTS: readonly [from: string, to: string][] = [["/articles/", "/archive/"]];

/** The name's slug as slugify makes it, but keeping the author's capitals. */
export function toCaseKeptSlug(name: string): string {
  return tidyName(name)
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/** `_redirects` lines for every term whose shown name has capitals, and the fixed listings. */
export function toCaseRedirects(terms: readonly { name: string; url: string }[]): string {
  const lines = new Map<string, string>(LISTING_REDIRECTS);
  for (const term of terms) {
    const slug = slugify(tidyName(term.name));
    const kept = toCaseKeptSlug(term.name);
    if (kept === slug || kept.toLowerCase() !== slug) continue;
    const from = `${term.url.slice(0, term.url.length - slug.length - 1)}${kept}/`;
    lines.set(encodeURI(from), term.url);
  }
  return [...lines]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, to]) => `${from} ${encodeURI(to)} 301\n`)
    .join("");
}

/**
 * Pagefind's excerpts are page text, already entity-escaped, with the matched words in
 * <mark>…</mark>. Every "<" and ">" is escaped, and every "&" that does not start an
 * entity, so nothing in an excerpt can open a tag; then only those two exact tags are let
 * back in. Entities stay entities, so "&lt;script&gt;" in a headline shows as text once.
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const UNSAFE = /[<>"']|&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)/g;

export function sanitizeExcerpt(excerpt: string): string {
  return excerpt.replace(UNSAFE, (char) => ESCAPES[char]!).replace(/&lt;(\/?)mark&gt;/g, "<$1mark>");
}

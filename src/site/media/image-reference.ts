/**
 * Where an image an author names lives: a file in the content folder (processed into
 * responsive sizes) or somewhere else on the web (left as written). Pure: no file system.
 */
import path from "node:path";

/** What the photograph pipeline reads, by file extension (sharp decodes these). */
export const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"] as const;
export const IMAGE_FORMATS_TEXT = "a JPEG, PNG, WebP, AVIF or GIF file (.jpg, .jpeg, .png, .webp, .avif, .gif)";

export type ImageReference = { kind: "local"; path: string } | { kind: "external"; url: string } | { kind: "invalid"; reason: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * @param src as written: `media/x.jpg` for front matter; in a body, `../media/x.jpg` (relative
 *   to the article, as an editor's preview reads it) or `/media/x.jpg` (the content folder's root).
 * @param from the folder the reference is relative to, itself relative to the content folder
 *   ("" for front matter, "articles" for an article's body).
 * @returns a local path relative to the content folder, with forward slashes.
 */
export function resolveImageReference(src: string, from: string): ImageReference {
  const trimmed = src.trim();
  if (SCHEME.test(trimmed) || trimmed.startsWith("//")) return { kind: "external", url: trimmed };
  let decoded: string;
  try {
    decoded = decodeURI(trimmed.split(/[?#]/)[0]!);
  } catch {
    return { kind: "invalid", reason: `expected a file path, got "${src}"` };
  }
  const joined = decoded.startsWith("/") ? path.posix.normalize(decoded.slice(1)) : path.posix.join(from, decoded);
  if (joined === "" || joined === "." || joined.startsWith("../") || joined === "..") {
    return { kind: "invalid", reason: `expected a file inside the content folder, got "${src}"` };
  }
  return { kind: "local", path: joined };
}

export function hasImageExtension(contentPath: string): boolean {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(path.posix.extname(contentPath).toLowerCase());
}

/**
 * Checks that an image an article names exists in the content folder and is a format the
 * pipeline reads. The only file-system access of validation, passed into the parser.
 */
import { statSync } from "node:fs";
import path from "node:path";
import { hasImageExtension, IMAGE_FORMATS_TEXT } from "./image-reference.ts";

/** Returns what is wrong with a content-relative image path, or undefined when it is usable. */
export type MediaCheck = (contentPath: string) => string | undefined;

export function createMediaCheck(contentDir: string): MediaCheck {
  const known = new Map<string, string | undefined>();
  return (contentPath) => {
    if (known.has(contentPath)) return known.get(contentPath);
    const problem = checkOne(contentDir, contentPath);
    known.set(contentPath, problem);
    return problem;
  };
}

function checkOne(contentDir: string, contentPath: string): string | undefined {
  const where = path.join(path.basename(contentDir), contentPath);
  const stats = statSync(path.join(contentDir, contentPath), { throwIfNoEntry: false });
  if (!stats?.isFile()) return `expected a file in the content folder, but ${where} does not exist`;
  if (!hasImageExtension(contentPath)) return `expected ${IMAGE_FORMATS_TEXT}, got ${where}`;
  return undefined;
}

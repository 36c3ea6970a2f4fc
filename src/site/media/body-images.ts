/**
 * The images an article's markdown body shows, found with the same parser that renders it
 * (so an image inside a code block is text, not an image). Only bodies that contain "![" are
 * parsed: the rest cannot hold a markdown image.
 */
import type MarkdownIt from "markdown-it";
import type { MediaCheck } from "./check-media.ts";
import { resolveImageReference } from "./image-reference.ts";

export const BODY_FOLDER = "articles";

/**
 * Whether a body may hold a markdown image (`![alt](src)`, or by reference). Its HTML then
 * names processed files, so it is not the markdown's alone: neither its HTML nor what its
 * text decides is kept from the last build.
 */
export const mayHaveImage = (body: string) => body.includes("![");

export interface BodyImages {
  /** Content-relative paths of the images to process. */
  local: string[];
  /** Images served from elsewhere, left as written (the build warns about them). */
  external: string[];
  /** One line per bad image, naming it and what was expected. */
  problems: string[];
}

export function findBodyImageSources(markdown: MarkdownIt, body: string): string[] {
  if (!mayHaveImage(body)) return [];
  const sources: string[] = [];
  const visit = (tokens: ReturnType<MarkdownIt["parse"]>) => {
    for (const token of tokens) {
      if (token.type === "image") sources.push(token.attrGet("src") ?? "");
      if (token.children) visit(token.children);
    }
  };
  visit(markdown.parse(body, {}));
  return sources;
}

export function checkBodyImages(sources: readonly string[], check: MediaCheck): BodyImages {
  const result: BodyImages = { local: [], external: [], problems: [] };
  for (const src of sources) {
    const reference = resolveImageReference(src, BODY_FOLDER);
    if (reference.kind === "external") result.external.push(reference.url);
    else if (reference.kind === "invalid") result.problems.push(`body image "${src}": ${reference.reason}`);
    else {
      const problem = check(reference.path);
      if (problem) result.problems.push(`body image "${src}": ${problem}${hint(src)}`);
      else if (!result.local.includes(reference.path)) result.local.push(reference.path);
    }
  }
  return result;
}

/** Front matter's form ("media/x.jpg") in a body is relative to articles/: say how to write it. */
function hint(src: string): string {
  return src.startsWith("media/") ? ` (in an article's body write /${src} or ../${src})` : "";
}

/**
 * Reads and validates the static pages (content/pages/*.md). The folder is optional. Every
 * problem of every page is reported in one run, like the articles'.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { DateTime } from "luxon";
import { describeIssue } from "../../shared/describe-issue.ts";
import { parseDate } from "./article-schema.ts";
import { readFrontMatter } from "./front-matter.ts";
import { type PageFrontMatter, pageFrontMatterSchema, RESERVED_PAGE_SLUGS, readPageSlug } from "./page-schema.ts";

export const PAGES_DIR = "pages";

export interface PageSource {
  /** Path as an author would name it, for messages. */
  file: string;
  text: string;
}

export interface ParsedPage {
  slug: string;
  file: string;
  frontMatter: PageFrontMatter;
  updated: DateTime | undefined;
  body: string;
}

export async function readPageSources(contentDir: string): Promise<PageSource[]> {
  const dir = path.join(contentDir, PAGES_DIR);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const relative = path.relative(process.cwd(), dir);
  const label = relative.startsWith("..") ? dir : relative;
  return Promise.all(
    names
      .filter((name) => name.endsWith(".md"))
      .sort()
      .map(async (name) => ({ file: path.join(label, name), text: await readFile(path.join(dir, name), "utf8") })),
  );
}

/** Every problem of one page, or the page. */
export function parsePageSource(source: PageSource, timeZone: string): ParsedPage | { problems: string[] } {
  const problems: string[] = [];
  const name = source.file.split(/[\\/]/).pop() ?? "";
  const slug = readPageSlug(name);
  if (!slug) problems.push(`${source.file}: file name must be slug.md, with a slug of lowercase letters, digits and single hyphens`);
  else if (RESERVED_PAGE_SLUGS.includes(slug)) {
    problems.push(`${source.file}: the site already uses /${slug}/; expected another file name (not ${RESERVED_PAGE_SLUGS.join(", ")})`);
  }
  const split = readFrontMatter(source.text, source.file);
  problems.push(...split.problems);
  const result = pageFrontMatterSchema.safeParse(split.data);
  if (!result.success) {
    problems.push(
      ...result.error.issues
        .filter((issue) => !split.unreadable.has(String(issue.path[0])))
        .map((issue) => `${source.file}: ${describeIssue(issue, split.data)}`),
    );
  }
  let updated: DateTime | undefined;
  const rawUpdated = split.data.updated;
  if (typeof rawUpdated === "string") {
    try {
      updated = parseDate(rawUpdated, timeZone, source.file, "updated");
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0 || !result.success || !slug) return { problems };
  return { slug, file: source.file, frontMatter: result.data, updated, body: split.body };
}

export function parsePageSources(sources: readonly PageSource[], timeZone: string): ParsedPage[] {
  const problems: string[] = [];
  const pages: ParsedPage[] = [];
  for (const source of sources) {
    const parsed = parsePageSource(source, timeZone);
    if ("problems" in parsed) problems.push(...parsed.problems);
    else pages.push(parsed);
  }
  if (problems.length > 0) throw new PageValidationError(problems);
  return pages;
}

export class PageValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the pages:\n  ${problems.join("\n  ")}`);
    this.name = "PageValidationError";
  }
}

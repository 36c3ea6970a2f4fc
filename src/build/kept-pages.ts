/**
 * Pages of the last build that `npm run build` takes rather than renders again: a page whose
 * digest of what it shows is unchanged (src/site/model/select-changed-pages.ts, planRender),
 * in a build whose templates, code and site-wide data are unchanged too (the fingerprint).
 * A new article then renders itself, its neighbours, the articles now listing it as related
 * and the listings and feeds that show it; a reply renders its article and its feed.
 * The digests are kept beside the output, never in it (.broadsheet/<output folder>/).
 */
import { createHash } from "node:crypto";
import { mkdirSync, renameSync } from "node:fs";
import { readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { privateOutputDir } from "../shared/article-manifest.ts";
import { writeByRename } from "../shared/write-by-rename.ts";
import type { BuildOptions } from "../site/build-options.ts";
import type { LoadedSite } from "../site/content/load-site.ts";
import { IMAGE_URL_PATH } from "../site/media/responsive-image.ts";
import { findIconSource } from "../site/media/site-icon.ts";
import { type KeptPage, type PageSelection, planRender, renderAfterAll, selectAllPages } from "../site/model/select-changed-pages.ts";

const RECORD_FILE = "rendered-pages.json";

/** What a build rendered from: read by the next build of the same output folder, which alone writes it. */
const renderedPagesSchema = z.strictObject({
  fingerprint: z.string(),
  /** Output file (relative to the output folder) → digest of what its page shows. */
  pages: z.record(z.string(), z.string()),
});
type RenderedPages = z.infer<typeof renderedPagesSchema>;

export const renderedPagesPathFor = (outputDir: string) => path.join(privateOutputDir(outputDir), RECORD_FILE);

/** The project's files every page is made by: templates, styles, scripts, the code, the dependencies' versions. */
async function projectFiles(projectRoot: string, includesDir: string): Promise<string[]> {
  const walk = async (dir: string) =>
    (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  const files = [...(await walk(includesDir)), ...(await walk(path.join(projectRoot, "src")))];
  for (const name of ["eleventy.config.ts", "package.json", "package-lock.json"]) files.push(path.join(projectRoot, name));
  return files.sort();
}

/**
 * The project's code, templates and dependencies: what renders are made by. Coarse on purpose
 * (any change to the code counts), as a page left stale is worse than a slow build.
 */
export async function projectFingerprint(projectRoot: string, includesDir: string): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await projectFiles(projectRoot, includesDir)) {
    const content = await readFile(file).catch(() => Buffer.alloc(0));
    hash.update(`${path.relative(projectRoot, file)}\0${content.length}\0`).update(content);
  }
  return hash.digest("hex");
}

/**
 * Everything a page is made of besides its own data: the project (projectFingerprint) and the
 * site-wide data. Any change re-renders every page. Not Netlify's deploy URLs, which change on
 * every deploy and only reach the reply function.
 */
export function renderFingerprint(project: string, options: BuildOptions, loaded: LoadedSite): string {
  const shared = {
    site: loaded.site,
    footerPages: loaded.pages.map((page) => ({ url: page.url, title: page.title, draft: page.draft })),
    icon: path.basename(findIconSource(options.contentDir, path.join(options.includesDir, "assets", "icon.svg"))),
    includeUnpublished: options.includeUnpublished,
    siteUrl: options.siteUrl ?? null,
    turnstileSiteKey: options.turnstileSiteKey ?? null,
  };
  return createHash("sha256").update(project).update(JSON.stringify(shared)).digest("hex");
}

async function readRecord(file: string): Promise<RenderedPages | undefined> {
  try {
    return renderedPagesSchema.parse(JSON.parse(await readFile(file, "utf8")));
  } catch {
    // None yet, or unreadable: every page is rendered, and a new record written.
    return undefined;
  }
}

/**
 * Takes the last build's /img/ as it is: its files are named by their photograph's bytes and
 * the settings, so a name there is the file this build would link (copyProcessedImages then
 * adds the missing and removes the unused). Deleting 9,000 links and making them again held
 * up the render by 0.3–0.5 s at 10,000 articles with 1,000 photographs.
 */
export async function keepImageFolder(previousDir: string, outputDir: string): Promise<void> {
  await rename(path.join(previousDir, IMAGE_URL_PATH), path.join(outputDir, IMAGE_URL_PATH)).catch((error: NodeJS.ErrnoException) => {
    // None in the last output: every file is linked from the cache.
    if (error.code !== "ENOENT") throw error;
  });
}

export interface KeptPages {
  /** The pages Eleventy renders. */
  selection: PageSelection;
  /** Pages taken from the last build. */
  kept: number;
  /** Records this build's digests for the next one; call once the site is written. */
  save(): Promise<void>;
}

/**
 * Moves the unchanged pages from the last build's output (set aside in previousDir) into the
 * output folder and returns what is left to render. The record is removed first, so a build
 * that fails after this leaves none, and the next one renders everything.
 */
export async function keepUnchangedPages(
  previousDir: string,
  options: BuildOptions,
  loaded: LoadedSite,
  fingerprint: string,
): Promise<KeptPages> {
  const recordFile = renderedPagesPathFor(options.outputDir);
  const record = await readRecord(recordFile);
  await rm(recordFile, { force: true });
  // An output folder emptied since (by hand, or a fresh checkout with .broadsheet/ kept) has nothing to take.
  const hasPrevious = (await readdir(previousDir).catch(() => [])).length > 0;
  const usable = hasPrevious && record?.fingerprint === fingerprint ? record.pages : undefined;
  const plan = planRender(selectAllPages(loaded.data), usable);
  const missing: KeptPage[] = [];
  const made = new Set<string>();
  // Synchronously: 17,000 awaited renames and folders took 2.5 s at 10,000 articles, each a
  // round trip through libuv's threads, against 0.5 s made one after another on this thread.
  for (const page of plan.keep) {
    const target = path.join(options.outputDir, page.file);
    const dir = path.dirname(target);
    try {
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      renameSync(path.join(previousDir, page.file), target);
    } catch {
      // Not in the last output (removed by hand, or that build was stopped): rendered after all.
      missing.push(page);
    }
  }
  return {
    selection: missing.length ? renderAfterAll(plan.render, missing) : plan.render,
    kept: plan.keep.length - missing.length,
    save: async () => {
      await writeByRename(recordFile, JSON.stringify({ fingerprint, pages: plan.digests } satisfies RenderedPages));
    },
  };
}

/**
 * Markdown that `npm run build` rendered last time, kept for the next build of the same output
 * folder: an article body or reply whose markdown is unchanged is not rendered again. At 10,000
 * articles rendering the bodies was 1.4 s of a 6 s load, reading them back 0.25 s.
 *
 * Kept beside the output, never in it (.broadsheet/<output folder>/), with the project's
 * fingerprint (src/, templates, dependencies): the HTML is only reused by the same code. A
 * body with an image is never kept (load-site.ts renders it afresh): its <picture> names the
 * processed files, which change with the photograph while the markdown stays the same.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { z } from "zod";
import { privateOutputDir } from "../shared/article-manifest.ts";
import { sha256 } from "../shared/sha256.ts";
import { writeByRename } from "../shared/write-by-rename.ts";
import type { RememberedRenders } from "../site/content/load-site.ts";

const RENDERS_FILE = "rendered-markdown.bin";

/** The file's content, written by save() and read by openKeptRenders: one schema for both. */
const keptRendersSchema = z.strictObject({
  /** The project's fingerprint when these were rendered. */
  project: z.string(),
  /** [digest of the markdown, its HTML], for article bodies and for replies. */
  articles: z.array(z.tuple([z.string(), z.string()])),
  replies: z.array(z.tuple([z.string(), z.string()])),
});
type KeptRendersFile = z.infer<typeof keptRendersSchema>;

export const keptRendersPathFor = (outputDir: string) => path.join(privateOutputDir(outputDir), RENDERS_FILE);

const digestOf = (markdown: string) => sha256(markdown, "base64url");

/** One kind of render: the last build's by digest, and what this build used (all the next one needs). */
function rendersOf(entries: readonly [string, string][]) {
  const before = new Map(entries);
  const used = new Map<string, string>();
  return {
    render(markdown: string, fresh: (markdown: string) => string): string {
      const digest = digestOf(markdown);
      const html = used.get(digest) ?? before.get(digest) ?? fresh(markdown);
      used.set(digest, html);
      return html;
    },
    /** Whether this build's renders differ from the last build's (a new body, or one gone). */
    changed: () => used.size !== before.size || [...used.keys()].some((digest) => !before.has(digest)),
    entries: () => [...used].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

export interface KeptRenders extends RememberedRenders {
  /** Keeps what this build rendered for the next one: written only when it changed. */
  save(): Promise<void>;
}

async function readKept(file: string): Promise<KeptRendersFile | undefined> {
  try {
    return keptRendersSchema.parse(deserialize(await readFile(file)));
  } catch {
    // None yet, or unreadable: everything is rendered, and the file written anew.
    return undefined;
  }
}

/**
 * The renders the last build of outputDir kept, when made by the same project (the fingerprint);
 * otherwise none, and every body is rendered.
 */
export async function openKeptRenders(outputDir: string, project: string): Promise<KeptRenders> {
  const file = keptRendersPathFor(outputDir);
  const kept = await readKept(file);
  const usable = kept?.project === project ? kept : undefined;
  const articles = rendersOf(usable?.articles ?? []);
  const replies = rendersOf(usable?.replies ?? []);
  return {
    article: articles.render,
    reply: replies.render,
    save: async () => {
      if (usable && !articles.changed() && !replies.changed()) return;
      const content: KeptRendersFile = { project, articles: articles.entries(), replies: replies.entries() };
      await writeByRename(file, serialize(content));
    },
  };
}

/**
 * Markdown that `npm run build` rendered last time, kept for the next build of the same output
 * folder: an article body or reply whose markdown is unchanged is not rendered again. At 10,000
 * articles rendering the bodies was 1.4 s of a 6 s load, reading them back 0.25 s.
 *
 * Kept beside the output, never in it (.broadsheet/<output folder>/), with the project's
 * fingerprint (src/, templates, dependencies): the HTML is only reused by the same code. A
 * body with an image is never kept (load-site.ts renders it afresh): its <picture> names the
 * processed files, which change with the photograph while the markdown stays the same.
 *
 * Also kept: the dates as readers see them and what else an article's text alone decides
 * (site-data.ts's RememberedText). Dates are formatted by the ICU and time zone data Node
 * carries, so those versions count as well as the code's.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { deserialize, serialize } from "node:v8";
import { z } from "zod";
import { privateOutputDir } from "../shared/article-manifest.ts";
import { sha256 } from "../shared/sha256.ts";
import { writeByRename } from "../shared/write-by-rename.ts";
import type { RememberedRenders } from "../site/content/load-site.ts";
import type { TextDerived } from "../site/model/site-data.ts";

const RENDERS_FILE = "rendered-markdown.bin";

/** The file's content, written by save() and read by openKeptRenders: one schema for both. */
/** Present and undefined, as buildSiteData makes it (v8's serialize keeps such keys). */
const stringOrUndefined = z.union([z.string(), z.undefined()]);

const textDerivedSchema = z.strictObject({
  date: z.string(),
  updated: stringOrUndefined,
  dateLabel: z.string(),
  updatedLabel: stringOrUndefined,
  language: stringOrUndefined,
  readingMinutes: z.number(),
}) satisfies z.ZodType<TextDerived>;

const keptRendersSchema = z.strictObject({
  /** The project's fingerprint when these were rendered, and the runtime's date data (runtimeOf). */
  project: z.string(),
  runtime: z.string(),
  /** [digest of the markdown, its HTML], for article bodies and for replies. */
  articles: z.array(z.tuple([z.string(), z.string()])),
  replies: z.array(z.tuple([z.string(), z.string()])),
  /** [what it is worked out from, as site-data.ts gives it, the body by its digest; what it stands for]: an article's dates, language and reading time; a reply's date. */
  articleTexts: z.array(z.tuple([z.string(), textDerivedSchema])),
  replyDates: z.array(z.tuple([z.string(), z.string()])),
});
type KeptRendersFile = z.infer<typeof keptRendersSchema>;

export const keptRendersPathFor = (outputDir: string) => path.join(privateOutputDir(outputDir), RENDERS_FILE);

const digestOf = (markdown: string) => sha256(markdown, "base64url");

/**
 * digestOf once per text: an article body is keyed twice, for its HTML and for what its text
 * decides (10,000 bodies, 75 MB of HTML from 30 MB of markdown, hashed once).
 */
function digestOnce() {
  const digests = new Map<string, string>();
  return (markdown: string) => {
    let digest = digests.get(markdown);
    if (digest === undefined) {
      digest = digestOf(markdown);
      digests.set(markdown, digest);
    }
    return digest;
  };
}

/** The versions of what formats dates: Node's ICU with its locale data, and its time zones. */
export const runtimeOf = (versions: NodeJS.ProcessVersions) => `icu ${versions.icu} cldr ${versions.cldr} tz ${versions.tz}`;

/** One kind of render: the last build's by key, and what this build used (all the next one needs). */
function keptOf<T>(entries: readonly (readonly [string, T])[]) {
  const before = new Map(entries);
  const used = new Map<string, T>();
  return {
    get(key: string, fresh: () => T): T {
      const value = used.get(key) ?? before.get(key) ?? fresh();
      used.set(key, value);
      return value;
    },
    /** Whether this build's renders differ from the last build's (a new body, or one gone). */
    changed: () => used.size !== before.size || [...used.keys()].some((key) => !before.has(key)),
    // In the order this build used them, which the same content repeats: sorting 50,000 keys took 0.2 s.
    entries: () => [...used],
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
export async function openKeptRenders(outputDir: string, project: string, runtime = runtimeOf(process.versions)): Promise<KeptRenders> {
  const file = keptRendersPathFor(outputDir);
  const kept = await readKept(file);
  const usable = kept?.project === project && kept.runtime === runtime ? kept : undefined;
  const articles = keptOf(usable?.articles ?? []);
  const replies = keptOf(usable?.replies ?? []);
  const articleTexts = keptOf(usable?.articleTexts ?? []);
  const replyDates = keptOf(usable?.replyDates ?? []);
  const tables = [articles, replies, articleTexts, replyDates];
  const bodyDigest = digestOnce();
  return {
    article: (markdown, fresh) => articles.get(bodyDigest(markdown), () => fresh(markdown)),
    reply: (markdown, fresh) => replies.get(digestOf(markdown), () => fresh(markdown)),
    articleText: ({ context, body }, fresh) => articleTexts.get(`${context}\0${bodyDigest(body)}`, fresh),
    replyDate: replyDates.get,
    save: async () => {
      if (usable && !tables.some((table) => table.changed())) return;
      const content: KeptRendersFile = {
        project,
        runtime,
        articles: articles.entries(),
        replies: replies.entries(),
        articleTexts: articleTexts.entries(),
        replyDates: replyDates.entries(),
      };
      await writeByRename(file, serialize(content));
    },
  };
}

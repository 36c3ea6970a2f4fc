/**
 * The build's list of published articles and whether they take replies.
 * Written by the build (src/site/outputs/) beside the output folder, never in it, and read
 * by the reply pipeline (src/replies/) so a client can never name an article the build did
 * not publish. It lists the words that hold or refuse a reply, which a spammer would read
 * first: readers never get it.
 */
import path from "node:path";
import { z } from "zod";
import { describeIssues } from "./describe-issue.ts";

export const MANIFEST_FILE = "broadsheet-manifest.json";

/**
 * What a build of outputDir made for the reply function alone: outside the published folder,
 * in .broadsheet/<the output folder's name>/ beside it (.broadsheet/_site/ for _site), so
 * builds into different folders keep apart. netlify.toml bundles it with the function.
 */
export function privateOutputDir(outputDir: string): string {
  return path.join(path.dirname(outputDir), ".broadsheet", path.basename(outputDir));
}

/** Where a build of outputDir writes the manifest, and where the function and servers read it. */
export function manifestPathFor(outputDir: string): string {
  return path.join(privateOutputDir(outputDir), MANIFEST_FILE);
}

export const manifestArticleSchema = z.strictObject({
  key: z.string().min(1),
  title: z.string(),
  /** Site-relative URL of the article page, e.g. /articles/some-key/ */
  url: z.string().startsWith("/"),
  /** ISO date the article was published. */
  date: z.string(),
  /** Replies accepted now: false when closed in front matter or by the site's age limit. */
  repliesOpen: z.boolean(),
});

/** Reply settings from the site metadata (content/site.json), as the pipeline needs them. */
export const replySettingsSchema = z.strictObject({
  /** Words that send a reply to moderation (case-insensitive substring match). */
  moderationWords: z.array(z.string()),
  /** Words that reject a reply outright. */
  disallowedWords: z.array(z.string()),
  /** Replies close this many days after an article's date; null keeps them open. */
  closeAfterDays: z.number().int().positive().nullable(),
  /** Reply commits carry a skip-deploy flag so the scheduled rebuild batches them. */
  skipDeployOnReply: z.boolean(),
});

export const manifestSchema = z.strictObject({
  site: z.strictObject({
    url: z.url(),
    /** Origins allowed to POST replies (the site's own). */
    origins: z.array(z.string()),
    /** IANA zone the reply window's days are counted in (src/shared/reply-window.ts). */
    timeZone: z.string().optional(),
  }),
  replies: replySettingsSchema,
  articles: z.array(manifestArticleSchema),
});

export type ReplySettings = z.infer<typeof replySettingsSchema>;
export type ManifestArticle = z.infer<typeof manifestArticleSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export function parseManifest(json: unknown, source = MANIFEST_FILE): Manifest {
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    throw new Error(`${source}: ${describeIssues(result.error, json).join("; ")}`);
  }
  return result.data;
}

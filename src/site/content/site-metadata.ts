/** The site's metadata file (content/site.json): one schema, validated at load. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { IANAZone } from "luxon";
import { z } from "zod";
import { describeIssues } from "../../shared/describe-issue.ts";

export const SITE_FILE = "site.json";

export const siteSchema = z.strictObject({
  name: z.string().min(1),
  /** Absolute base URL, no trailing path: canonical links and feeds are built on it. */
  url: z.url().transform((url) => url.replace(/\/+$/, "")),
  /** BCP 47 language tag of the site's text, e.g. "en" or "zh-Hans". */
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "a language tag like en or zh-Hans"),
  timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), "an IANA time zone like Europe/London"),
  description: z.string().min(1),
  /** Byline used when an article names no author; also the feeds' author. */
  author: z.string().min(1).optional(),
  pageSize: z.number().int().min(1).max(200).default(20),
  replies: z
    .strictObject({
      moderationWords: z.array(z.string()).default([]),
      disallowedWords: z.array(z.string()).default([]),
      closeAfterDays: z.number().int().positive().nullable().default(null),
      skipDeployOnReply: z.boolean().default(false),
    })
    .prefault({}),
});

export type Site = z.infer<typeof siteSchema>;

export function parseSite(json: unknown, file: string, urlOverride?: string): Site {
  const input = urlOverride && json && typeof json === "object" ? { ...json, url: urlOverride } : json;
  const result = siteSchema.safeParse(input);
  if (!result.success) {
    throw new Error(
      describeIssues(result.error)
        .map((problem) => `${file}: ${problem}`)
        .join("\n"),
    );
  }
  return result.data;
}

export async function loadSite(contentDir: string, urlOverride?: string): Promise<Site> {
  const file = path.join(contentDir, SITE_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new Error(`${file}: missing. Every content folder needs a ${SITE_FILE} with name, url, language, timeZone and description.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseSite(json, file, urlOverride);
}

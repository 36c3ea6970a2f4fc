/**
 * Optional author profiles, content/authors.json:
 *   { "<slug>": { "name": "…", "bio"?: "…", "photo"?: "media/…", "links"?: ["https://…"] } }
 * The key is slugify(name) of the byline, so a profile attaches to the author page of the
 * articles whose `author` is that name. One schema, validated at load.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { describeIssue } from "../../shared/describe-issue.ts";
import { slugify, tidyName } from "../model/slugify.ts";

export const AUTHORS_FILE = "authors.json";

const profileSchema = z.strictObject({
  name: z.string({ error: "expected the author's name as text" }).trim().min(1, "expected a non-empty name"),
  bio: z.string({ error: "expected a short biography as text" }).trim().min(1).optional(),
  photo: z
    .string({ error: "expected a path inside the content folder, e.g. media/authors/wang-wei.jpg" })
    .regex(/^(?!\/)(?!.*\.\.)[^\\]+$/, "expected a path inside the content folder, e.g. media/authors/wang-wei.jpg")
    .optional(),
  links: z.array(z.url({ protocol: /^https?$/, error: "expected an http(s) address" })).default([]),
});

export const authorsFileSchema = z.record(z.string(), profileSchema);

export type AuthorProfile = z.infer<typeof profileSchema>;

/** Validates the file's JSON; throws naming the file, each bad field and what was expected. */
export function parseAuthorsFile(json: unknown, file: string): Map<string, AuthorProfile> {
  const result = authorsFileSchema.safeParse(json);
  const problems = result.success ? [] : result.error.issues.map((issue) => `${file}: ${describeIssue(issue, json)}`);
  // Keys are checked even when a field is wrong, so one run reports everything.
  const entries = json && typeof json === "object" ? Object.entries(json as Record<string, unknown>) : [];
  for (const [key, value] of entries) {
    const name = (value as { name?: unknown } | null)?.name;
    if (typeof name !== "string") continue;
    const expected = slugify(tidyName(name));
    if (key !== expected) problems.push(`${file}: key "${key}": expected "${expected}", the slug of its name "${name}"`);
  }
  if (problems.length > 0 || !result.success) throw new Error(problems.join("\n"));
  return new Map(Object.entries(result.data));
}

/** The profiles, or none when the content folder has no authors.json. */
export async function loadAuthorProfiles(contentDir: string): Promise<Map<string, AuthorProfile>> {
  const file = path.join(contentDir, AUTHORS_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return new Map();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return parseAuthorsFile(json, file);
}

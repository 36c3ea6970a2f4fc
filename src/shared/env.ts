/**
 * The one place that reads process.env. Everything else receives the typed result,
 * so tests pass a plain object instead of mutating the environment.
 */
import { z } from "zod";
import { describeIssues } from "./describe-issue.ts";

const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const envSchema = z.object({
  CONTENT_DIR: optionalString,
  OUTPUT_DIR: optionalString,
  PORT: optionalString.pipe(
    z.string().regex(/^\d+$/, "expected a port number").transform(Number).pipe(z.number().int().min(1).max(65535)).optional(),
  ),
  /** Overrides site.json's url, e.g. Netlify's deploy-preview URL. */
  SITE_URL: optionalString.pipe(z.url().optional()),
  /** Injectable clock for builds: which articles count as published "now". ISO 8601. */
  BROADSHEET_NOW: optionalString,
  REPLY_STORE: z.enum(["git", "github"]).optional(),
  /** HMAC key for reader emails and flood keys. Required for the github store. */
  REPLY_SECRET: optionalString,
  /** Repository the git store commits into; defaults to the working directory. */
  REPLY_REPO_DIR: optionalString,
  GITHUB_TOKEN: optionalString,
  GITHUB_REPO: optionalString,
  GITHUB_BRANCH: optionalString,
  GITHUB_API_URL: optionalString,
  /** The branch held replies wait on (default replies/pending); never the one Netlify builds. */
  REPLY_PENDING_BRANCH: optionalString.pipe(
    z
      .string()
      .regex(/^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$)[A-Za-z0-9._/-]+$/, "expected a git branch name like replies/pending")
      .optional(),
  ),
  AKISMET_KEY: optionalString,
  TURNSTILE_SECRET: optionalString,
  BUILD_HOOK_URL: optionalString,
  /**
   * 1: `npm run build` renders before indexing, never during, for the lowest peak memory (a
   * build machine shared with other jobs, where what is free at the start may not stay free).
   */
  BROADSHEET_INDEX_AFTER_RENDER: optionalString
    .pipe(z.enum(["0", "1"], { error: "expected 1 or 0" }).optional())
    .transform((value) => value === "1"),
  /** When set, the build writes its phase timings and peak memory to this JSON file (for npm run bench). */
  BROADSHEET_TIMINGS_FILE: optionalString,
  /** Set by Eleventy itself: "build", "serve" or "watch". */
  ELEVENTY_RUN_MODE: z.enum(["build", "serve", "watch"]).optional(),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    // No input passed: the messages must never echo the values.
    const problems = describeIssues(result.error).join("; ");
    // Never echo the values: some of them are secrets.
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}

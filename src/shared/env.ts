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
  /** Turnstile's public site key: the build renders the widget in the reply form when it is set. */
  TURNSTILE_SITE_KEY: optionalString,
  /** smtp(s)://user:pass@host:port for moderator notices. A secret: never logged. */
  SMTP_URL: optionalString,
  /** Who is told a reply is waiting: addresses separated by commas. */
  MODERATOR_EMAIL: optionalString.transform((value) =>
    (value ?? "")
      .split(",")
      .map((address) => address.trim())
      .filter(Boolean),
  ),
  /** The notices' sender; replies@<the site's host> by default. */
  MODERATION_FROM: optionalString,
  /** A Slack, Discord or Matrix-bridge incoming webhook for notices. A secret (it carries its credential). */
  // Checked where it is used: a mistyped webhook must cost the notices, never the replies.
  MODERATION_WEBHOOK_URL: optionalString,
  /** Key for moderation links; derived from REPLY_SECRET under its own label when unset. */
  MODERATION_SECRET: optionalString,
  /** Set by Netlify during a build: the deploy's own URLs, whose pages may post replies too. */
  DEPLOY_URL: optionalString.pipe(z.url().optional()),
  DEPLOY_PRIME_URL: optionalString.pipe(z.url().optional()),
  /** The interface `npm start` and `npm run preview` listen on: localhost unless set (e.g. 0.0.0.0). */
  HOST: optionalString,
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
  /**
   * Pages one Eleventy run of `npm run build` renders (RENDER_PAGES_PER_RUN in
   * src/site/build-options.ts by default): a larger site is rendered in parts, for memory.
   */
  BROADSHEET_PAGES_PER_RUN: optionalString.pipe(
    z
      .string()
      .regex(/^[1-9]\d*$/, "expected a whole number of pages")
      .transform(Number)
      .optional(),
  ),
  /** Where processed photographs are kept between builds; .cache/images/ in the project by default. */
  BROADSHEET_IMAGE_CACHE: optionalString,
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

/**
 * Wires the pipeline from configuration: the store chosen by REPLY_STORE (local git unless
 * "github"), the optional outside checks, the real clock and ids. The Netlify function and
 * the dev server both call this, so they answer alike.
 */
import path from "node:path";
import { manifestPathFor } from "../shared/article-manifest.ts";
import type { Env } from "../shared/env.ts";
import { createFloodMemory } from "./pipeline/flood-memory.ts";
import { createReplyPipeline, type ReplyHandler } from "./pipeline/handle-reply.ts";
import { createKeyedLock } from "./pipeline/keyed-lock.ts";
import { createManifestLoader } from "./pipeline/read-article-manifest.ts";
import type { ReplyDeps, ReplyLogEntry } from "./pipeline/reply-deps.ts";
import { createReplyId } from "./pipeline/reply-id.ts";
import { createAkismetChecker, createTurnstileVerifier } from "./pipeline/verifiers.ts";
import { createGitStore } from "./stores/git.ts";
import { createGitHubStore } from "./stores/github.ts";
import type { ModerationStore } from "./stores/moderation-store.ts";
import type { ReplyStore } from "./stores/store.ts";

export interface ReplyHandlerOptions {
  /** The build's broadsheet-manifest.json. */
  manifestPath: string;
  /** The repository root: the git store's default repository, and where contentDir is. */
  repoDir: string;
  /** Content folder relative to the repository, "content" by default. */
  contentDir?: string;
  /** Where diagnostics go; stderr by default. Never receives an email, IP or secret. */
  log?: (entry: ReplyLogEntry) => void;
  warn?: (message: string) => void;
  fetch?: typeof fetch;
  /** Origins accepted besides the manifest's, e.g. the dev server's http://localhost:8080. */
  extraOrigins?: readonly string[];
}

/** Only for the embedded git store on a developer's machine; hashes made with it are not private. */
const DEV_ONLY_SECRET = "broadsheet-dev-only-reply-secret";
let warnedAboutDevSecret = false;

export function createReplyHandler(env: Env, options: ReplyHandlerOptions): ReplyHandler {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  const contentDir = options.contentDir ?? env.CONTENT_DIR ?? "content";
  const deps: ReplyDeps = {
    store: createStoreFromEnv(env, options.repoDir, contentDir, options.fetch),
    loadManifest: withExtraOrigins(createManifestLoader(options.manifestPath), options.extraOrigins ?? []),
    now: () => new Date(),
    makeId: (date) => createReplyId(date),
    secret: readSecret(env, warn),
    flood: createFloodMemory(),
    lock: createKeyedLock(),
    log: options.log ?? ((entry) => process.stderr.write(`replies: ${JSON.stringify(entry)}\n`)),
  };
  if (env.TURNSTILE_SECRET) deps.verifyTurnstile = createTurnstileVerifier(env.TURNSTILE_SECRET, options.fetch);
  if (env.AKISMET_KEY) {
    deps.checkAkismet = createAkismetChecker(env.AKISMET_KEY, env.SITE_URL ?? "", options.fetch);
  }
  return createReplyPipeline(deps);
}

/** The manifest of a build into <repo>/<OUTPUT_DIR or _site> (src/shared/article-manifest.ts). */
export function defaultManifestPath(env: Env, repoDir: string): string {
  return manifestPathFor(path.resolve(repoDir, env.OUTPUT_DIR ?? "_site"));
}

function withExtraOrigins(load: ReplyDeps["loadManifest"], extra: readonly string[]): ReplyDeps["loadManifest"] {
  if (extra.length === 0) return load;
  return async () => {
    const manifest = await load();
    return { ...manifest, site: { ...manifest.site, origins: [...manifest.site.origins, ...extra] } };
  };
}

/**
 * The store REPLY_STORE names, for the pipeline and for moderation (signed links, the
 * moderation page), which use its ModerationStore side.
 */
export function createStoreFromEnv(env: Env, repoDir: string, contentDir: string, fetcher?: typeof fetch): ReplyStore & ModerationStore {
  if (env.REPLY_STORE !== "github") {
    const gitRepo = path.resolve(repoDir, env.REPLY_REPO_DIR ?? ".");
    return createGitStore({
      repoDir: gitRepo,
      contentDir: toRepoRelative(gitRepo, contentDir),
      ...(env.REPLY_PENDING_BRANCH ? { pendingBranch: env.REPLY_PENDING_BRANCH } : {}),
    });
  }
  const missing = (["REPLY_SECRET", "GITHUB_TOKEN", "GITHUB_REPO"] as const).filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`REPLY_STORE=github needs ${missing.join(", ")} to be set`);
  return createGitHubStore({
    token: env.GITHUB_TOKEN!,
    repo: env.GITHUB_REPO!,
    branch: env.GITHUB_BRANCH ?? "main",
    ...(env.REPLY_PENDING_BRANCH ? { pendingBranch: env.REPLY_PENDING_BRANCH } : {}),
    apiUrl: env.GITHUB_API_URL ?? "https://api.github.com",
    contentDir: contentDir.replace(/^\.\//, ""),
    ...(fetcher ? { fetch: fetcher } : {}),
  });
}

function readSecret(env: Env, warn: (message: string) => void): string {
  if (env.REPLY_SECRET) return env.REPLY_SECRET;
  if (env.REPLY_STORE === "github") throw new Error("REPLY_STORE=github needs REPLY_SECRET to be set");
  if (!warnedAboutDevSecret) {
    warnedAboutDevSecret = true;
    warn(
      "replies: REPLY_SECRET is not set, so reader emails are hashed with a fixed development-only key. Set REPLY_SECRET before taking real replies.",
    );
  }
  return DEV_ONLY_SECRET;
}

function toRepoRelative(repoDir: string, contentDir: string): string {
  const relative = path.relative(repoDir, path.resolve(repoDir, contentDir)).split(path.sep).join("/");
  if (relative.startsWith("..")) throw new Error(`The content folder must be inside the reply repository (${repoDir})`);
  return relative;
}

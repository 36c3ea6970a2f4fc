/**
 * Wires the pipeline from configuration: the store chosen by REPLY_STORE (local git unless
 * "github"), the optional outside checks, the real clock and ids. The Netlify function and
 * the dev server both call this, so they answer alike.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { manifestPathFor } from "../shared/article-manifest.ts";
import type { Env } from "../shared/env.ts";
import { MODERATION_ENDPOINT } from "../shared/reply-routes.ts";
import { createCheckoutModerationStore } from "./moderation/checkout-moderation-store.ts";
import { createModerationHandler, type ModerationLogEntry } from "./moderation/moderation-handler.ts";
import type { ModerationStore } from "./moderation/moderation-store.ts";
import { createModeratorNotifier, type NoticeLogEntry, type NotifyModerators } from "./moderation/notify-moderators.ts";
import { deriveModerationKey } from "./moderation/signed-link.ts";
import { createFloodMemory } from "./pipeline/flood-memory.ts";
import { createReplyPipeline, type ReplyHandler } from "./pipeline/handle-reply.ts";
import { createKeyedLock } from "./pipeline/keyed-lock.ts";
import { createManifestLoader } from "./pipeline/read-article-manifest.ts";
import type { ReplyDeps, ReplyLogEntry } from "./pipeline/reply-deps.ts";
import { createReplyId } from "./pipeline/reply-id.ts";
import { createAkismetChecker, createTurnstileVerifier } from "./pipeline/verifiers.ts";
import { createGitStore } from "./stores/git.ts";
import { createGitHubStore } from "./stores/github.ts";
import type { ReplyStore } from "./stores/store.ts";

export interface ReplyHandlerOptions {
  /** The build's broadsheet-manifest.json. */
  manifestPath: string;
  /** The repository root: the git store's default repository, and where contentDir is. */
  repoDir: string;
  /** Content folder relative to the repository, "content" by default. */
  contentDir?: string;
  /** Where diagnostics go; stderr by default. Never receives an email, IP or secret. */
  log?: (entry: HandlerLogEntry) => void;
  warn?: (message: string) => void;
  fetch?: typeof fetch;
  /** Origins accepted besides the manifest's. */
  extraOrigins?: readonly string[];
  /** Where the signed moderation links act; by default the checkout's for the git store, none for GitHub. */
  moderationStore?: ModerationStore;
}

/** Every line the handler logs: the pipeline's, the moderation pages' and the notices'. */
export type HandlerLogEntry = ReplyLogEntry | ModerationLogEntry | NoticeLogEntry;

/** Only for the embedded git store on a developer's machine; hashes made with it are not private. */
const DEV_ONLY_SECRET = "broadsheet-dev-only-reply-secret";
let warnedAboutDevSecret = false;

export function createReplyHandler(env: Env, options: ReplyHandlerOptions): ReplyHandler {
  const warn = options.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  const contentDir = options.contentDir ?? env.CONTENT_DIR ?? "content";
  const log = options.log ?? ((entry: HandlerLogEntry) => process.stderr.write(`replies: ${JSON.stringify(entry)}\n`));
  const secret = readSecret(env, warn);
  // The dev-only secret is public, so a key derived from it would let anyone forge links:
  // without a real secret, links are signed with a key of this process, good until it stops.
  const moderationKey = deriveModerationKey(env.MODERATION_SECRET, secret === DEV_ONLY_SECRET ? randomBytes(32).toString("hex") : secret);
  const loadManifest = withExtraOrigins(createManifestLoader(options.manifestPath), options.extraOrigins ?? []);
  const now = () => new Date();
  const deps: ReplyDeps = {
    store: chooseStore(env, options.repoDir, contentDir, options.fetch),
    loadManifest,
    now,
    makeId: (date) => createReplyId(date),
    secret,
    flood: createFloodMemory(),
    lock: createKeyedLock(),
    log,
  };
  if (env.TURNSTILE_SECRET) deps.verifyTurnstile = createTurnstileVerifier(env.TURNSTILE_SECRET, options.fetch);
  if (env.AKISMET_KEY) deps.checkAkismet = createAkismetChecker(env.AKISMET_KEY, options.fetch);
  const notifyModerators = createNotifierFromEnv(env, {
    key: moderationKey,
    now,
    log,
    warn,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (notifyModerators) deps.notifyModerators = notifyModerators;

  const pipeline = createReplyPipeline(deps);
  const moderationStore = options.moderationStore ?? chooseModerationStore(env, options.repoDir, contentDir);
  const moderate = moderationStore
    ? createModerationHandler({ store: moderationStore, key: moderationKey, now, loadManifest, log })
    : async () =>
        new Response("Moderation by link is not set up for this store: use `npm run replies` in a checkout.\n", {
          status: 501,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        });
  return async (req, context) => (isModerationPath(new URL(req.url).pathname) ? moderate(req) : pipeline(req, context));
}

/** /api/replies/moderate, with or without its trailing slash. */
export function isModerationPath(pathname: string): boolean {
  return pathname === MODERATION_ENDPOINT || pathname === `${MODERATION_ENDPOINT}/`;
}

function createNotifierFromEnv(
  env: Env,
  config: { key: Buffer; now: () => Date; log: (entry: NoticeLogEntry) => void; warn: (message: string) => void; fetch?: typeof fetch },
): NotifyModerators | undefined {
  if (env.SMTP_URL && env.MODERATOR_EMAIL.length === 0) {
    config.warn(
      "replies: SMTP_URL is set but MODERATOR_EMAIL is empty, so no moderator is emailed. Set MODERATOR_EMAIL (addresses separated by commas).",
    );
  }
  return createModeratorNotifier({
    smtpUrl: env.SMTP_URL,
    moderatorEmails: env.MODERATOR_EMAIL,
    from: env.MODERATION_FROM,
    webhookUrl: env.MODERATION_WEBHOOK_URL,
    key: config.key,
    now: config.now,
    log: config.log,
    warn: config.warn,
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
}

/** The local git store moderates through the checkout; other stores bring their own (options.moderationStore). */
function chooseModerationStore(env: Env, repoDir: string, contentDir: string): ModerationStore | undefined {
  if (env.REPLY_STORE === "github") return undefined;
  const gitRepo = path.resolve(repoDir, env.REPLY_REPO_DIR ?? ".");
  return createCheckoutModerationStore({ repoDir: gitRepo, contentDir: toRepoRelative(gitRepo, contentDir) });
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

function chooseStore(env: Env, repoDir: string, contentDir: string, fetcher?: typeof fetch): ReplyStore {
  if (env.REPLY_STORE !== "github") {
    const gitRepo = path.resolve(repoDir, env.REPLY_REPO_DIR ?? ".");
    return createGitStore({ repoDir: gitRepo, contentDir: toRepoRelative(gitRepo, contentDir) });
  }
  const missing = (["REPLY_SECRET", "GITHUB_TOKEN", "GITHUB_REPO"] as const).filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`REPLY_STORE=github needs ${missing.join(", ")} to be set`);
  return createGitHubStore({
    token: env.GITHUB_TOKEN!,
    repo: env.GITHUB_REPO!,
    branch: env.GITHUB_BRANCH ?? "main",
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

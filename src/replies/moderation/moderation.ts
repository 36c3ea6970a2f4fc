/**
 * What a moderator does to reply files in a checkout: list pending, approve, reject; each a
 * commit, which also brings the trusted-replier files (reply-record.ts) in line with the
 * approved replies, including any approved by hand or before those files existed.
 */
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  EMAIL_HASH_PATTERN,
  parseReplyRecord,
  REPLY_ID_PATTERN,
  type ReplyRecord,
  serializeReplyRecord,
  TRUSTED_REPLIERS_DIR,
  trustedReplierPath,
} from "../../shared/reply-record.ts";
import { REPLIES_DIR } from "../../shared/reply-routes.ts";
import { commitOnly, type GitIdentity, runGit } from "../stores/git-commands.ts";
import { BOT_IDENTITY } from "../stores/store.ts";

export interface ModerationRepo {
  repoDir: string;
  /** Relative to repoDir. */
  contentDir: string;
}

interface ReplyFile {
  /** Relative to repoDir, "/" separated: what git is given. */
  file: string;
  record: ReplyRecord;
}

export class UnknownReplyError extends Error {
  override readonly name = "UnknownReplyError";
  constructor(readonly ids: string[]) {
    super(`No reply with id ${ids.join(", ")} (ids are the file names in content/replies/<article>/, without .json)`);
  }
}

export async function listPendingReplies(repo: ModerationRepo): Promise<ReplyRecord[]> {
  return (await readAllReplies(repo)).map(({ record }) => record).filter((record) => record.status === "pending");
}

/** Sets status approved; already approved ones are left as they are. Returns the ids changed. */
export async function approveReplies(repo: ModerationRepo, ids: readonly string[]): Promise<string[]> {
  const found = await findReplies(repo, ids);
  const changed = found.filter(({ record }) => record.status !== "approved");
  for (const { file, record } of changed) {
    await writeFile(path.join(repo.repoDir, file), serializeReplyRecord({ ...record, status: "approved" }));
  }
  await commitFiles(repo, changed, "Approve");
  return changed.map(({ record }) => record.id);
}

/** Deletes the files: a rejected reply leaves nothing in the next build. */
export async function rejectReplies(repo: ModerationRepo, ids: readonly string[]): Promise<string[]> {
  const found = await findReplies(repo, ids);
  for (const { file } of found) await rm(path.join(repo.repoDir, file));
  await commitFiles(repo, found, "Reject");
  return found.map(({ record }) => record.id);
}

/** Every id must exist before anything changes, so a typo leaves the repository untouched. */
async function findReplies(repo: ModerationRepo, ids: readonly string[]): Promise<ReplyFile[]> {
  const byId = new Map((await readAllReplies(repo)).map((reply) => [reply.record.id, reply]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new UnknownReplyError(unknown);
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

async function readAllReplies(repo: ModerationRepo): Promise<ReplyFile[]> {
  const root = path.join(repo.repoDir, repo.contentDir, REPLIES_DIR);
  let names: string[];
  try {
    names = (await readdir(root, { recursive: true })).filter((name) => name.endsWith(".json"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const replies = await Promise.all(
    names
      .filter((name) => REPLY_ID_PATTERN.test(path.basename(name, ".json")))
      .map(async (name) => {
        const file = path.posix.join(repo.contentDir, REPLIES_DIR, name.split(path.sep).join("/"));
        const record = parseReplyRecord(JSON.parse(await readFile(path.join(repo.repoDir, file), "utf8")), file);
        return { file, record };
      }),
  );
  return replies.sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
}

/**
 * One trusted-replier file for each email hash with an approved reply, and none for any other
 * (a reader whose only approved reply was rejected later is not trusted any more). Returns
 * the files added or removed, relative to repoDir.
 */
async function updateTrustedRepliers(repo: ModerationRepo): Promise<string[]> {
  const dir = path.join(repo.repoDir, repo.contentDir, REPLIES_DIR, TRUSTED_REPLIERS_DIR);
  const trusted = new Set(
    (await readAllReplies(repo)).filter(({ record }) => record.status === "approved").map(({ record }) => record.emailHash),
  );
  // Only names that are hashes: anything else someone put there is left alone.
  const present = new Set((await readdir(dir).catch(() => [] as string[])).filter((name) => EMAIL_HASH_PATTERN.test(name)));
  const changed: string[] = [];
  for (const hash of [...trusted].filter((hash) => !present.has(hash))) {
    const file = trustedReplierPath(hash, repo.contentDir);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(repo.repoDir, file), "");
    changed.push(file);
  }
  for (const hash of [...present].filter((hash) => !trusted.has(hash))) {
    const file = trustedReplierPath(hash, repo.contentDir);
    await rm(path.join(repo.repoDir, file));
    changed.push(file);
  }
  return changed;
}

async function commitFiles(repo: ModerationRepo, files: ReplyFile[], verb: "Approve" | "Reject"): Promise<void> {
  if (files.length === 0) return;
  const trustChanges = await updateTrustedRepliers(repo);
  const ids = files.map(({ record }) => record.id);
  const message = `${verb} ${ids.length === 1 ? "reply" : `${ids.length} replies`}: ${ids.join(", ")}`;
  await commitOnly(repo.repoDir, [...files.map(({ file }) => file), ...trustChanges], message, await readModerator(repo.repoDir));
}

/** The moderator's own git identity when they have one (it is their decision), else the bot's. */
async function readModerator(repoDir: string): Promise<GitIdentity | undefined> {
  const configured = await runGit(repoDir, ["config", "user.email"]).then(
    (email) => email.trim() !== "",
    () => false,
  );
  return configured ? undefined : BOT_IDENTITY;
}

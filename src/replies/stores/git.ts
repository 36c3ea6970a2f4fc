/**
 * The embedded default store: reply files in a local git repository (REPLY_REPO_DIR), each
 * committed on its own by the bot. Used by `npm start` and by anyone self-hosting on one machine.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseReplyRecord, type ReplyRecord, replyPath, serializeReplyRecord, trustedReplierPath } from "../../shared/reply-record.ts";
import { REPLIES_DIR } from "../../shared/reply-routes.ts";
import { commitOnly, type GitIdentity, runGit } from "./git-commands.ts";
import { BOT_IDENTITY, createSerialQueue, ReplyExistsError, type ReplyStore, StoreUnavailableError, sortById } from "./store.ts";

export interface GitStoreOptions {
  /** Root of the repository (its working tree). */
  repoDir: string;
  /** Content folder relative to repoDir, "content" by default. */
  contentDir?: string;
  identity?: GitIdentity;
}

export function createGitStore(options: GitStoreOptions): ReplyStore {
  const { repoDir, contentDir = "content", identity = BOT_IDENTITY } = options;
  const repliesDir = path.join(repoDir, contentDir, REPLIES_DIR);
  // git takes a lock on the index for every commit: one writer at a time in this process.
  const serialize = createSerialQueue();

  return {
    async listReplies(articleKey) {
      const dir = path.join(repliesDir, articleKey);
      return sortById(await readRecords(dir, await listJsonFiles(dir)));
    },

    async hasApprovedReplyFrom(emailHash) {
      return existsSync(path.join(repoDir, trustedReplierPath(emailHash, contentDir)));
    },

    create(record, { message }) {
      return serialize(async () => {
        const relative = replyPath(record.article, record.id, contentDir);
        const absolute = path.join(repoDir, relative);
        await mkdir(path.dirname(absolute), { recursive: true });
        try {
          // "wx": fail if the file exists, atomically, instead of checking first.
          await writeFile(absolute, serializeReplyRecord(record), { flag: "wx" });
        } catch (error) {
          if (isCode(error, "EEXIST")) throw new ReplyExistsError(relative);
          throw error;
        }
        try {
          await commitOnly(repoDir, [relative], message, identity);
        } catch (error) {
          // Leave no half-saved reply behind: the reader is told to send it again.
          await runGit(repoDir, ["reset", "--quiet", "--", relative]).catch(() => undefined);
          await rm(absolute, { force: true });
          throw new StoreUnavailableError("git commit of a reply failed", { cause: error });
        }
      });
    },
  };
}

async function listJsonFiles(dir: string): Promise<string[]> {
  try {
    const names = await readdir(dir);
    return names.filter((name) => name.endsWith(".json")).sort();
  } catch (error) {
    if (isCode(error, "ENOENT")) return [];
    throw error;
  }
}

async function readRecords(dir: string, names: string[]): Promise<ReplyRecord[]> {
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name);
      return parseReplyRecord(JSON.parse(await readFile(file, "utf8")), file);
    }),
  );
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

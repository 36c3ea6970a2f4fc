/**
 * The production store: each reply is one commit made through GitHub's contents API.
 * https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents
 * A create never sends a sha, so GitHub itself refuses to overwrite (422); a 409 (the branch
 * moved) or a 422 is re-read and decided again: our own earlier attempt counts as done.
 */
import { parseReplyRecord, type ReplyRecord, replyPath, serializeReplyRecord, trustedReplierPath } from "../../shared/reply-record.ts";
import type { GitIdentity } from "./git-commands.ts";
import { createGitHubClient, type GitHubClientOptions, type GitHubRequest } from "./github-client.ts";
import { BOT_IDENTITY, createSerialQueue, ReplyExistsError, type ReplyStore, StoreUnavailableError, sortById } from "./store.ts";

export interface GitHubStoreOptions extends GitHubClientOptions {
  /** "owner/name" */
  repo: string;
  branch: string;
  contentDir?: string;
  identity?: GitIdentity;
  /** Rounds of conflict → re-read → try again before giving up. */
  maxConflictRounds?: number;
}

interface Entry {
  type: string;
  name: string;
  path: string;
  sha: string;
}

export function createGitHubStore(options: GitHubStoreOptions): ReplyStore {
  const { repo, branch, contentDir = "content", identity = BOT_IDENTITY, maxConflictRounds = 3 } = options;
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo)) throw new Error('GITHUB_REPO must look like "owner/name"');
  const request = createGitHubClient(options);
  const blobs = createBlobReader(request, repo);
  const serialize = createSerialQueue();
  const contentsPath = (path: string) => `/repos/${repo}/contents/${path.split("/").map(encodeURIComponent).join("/")}`;
  const contentsUrl = (path: string) => `${contentsPath(path)}?ref=${encodeURIComponent(branch)}`;

  const readText = async (path: string): Promise<string | undefined> => {
    const { status, body } = await request("GET", contentsUrl(path));
    if (status === 404) return undefined;
    const file = body as { content?: string; encoding?: string } | null;
    if (status !== 200 || typeof file?.content !== "string") throw unexpected(status, "reading a reply");
    return Buffer.from(file.content, "base64").toString("utf8");
  };

  const listDir = async (path: string): Promise<Entry[]> => {
    const { status, body } = await request("GET", contentsUrl(path));
    if (status === 404) return [];
    if (status !== 200 || !Array.isArray(body)) throw unexpected(status, "listing replies");
    return body as Entry[];
  };

  return {
    async listReplies(articleKey) {
      const entries = await listDir(`${contentDir}/replies/${articleKey}`);
      const files = entries.filter((entry) => entry.type === "file" && entry.name.endsWith(".json"));
      return sortById(await Promise.all(files.map((file) => blobs.read(file.sha, file.path))));
    },

    async hasApprovedReplyFrom(emailHash) {
      const { status } = await request("GET", contentsUrl(trustedReplierPath(emailHash, contentDir)));
      if (status === 404) return false;
      if (status !== 200) throw unexpected(status, "looking up a replier");
      return true;
    },

    create(record, { message }) {
      return serialize(async () => {
        const path = replyPath(record.article, record.id, contentDir);
        const text = serializeReplyRecord(record);
        const put = {
          message,
          content: Buffer.from(text).toString("base64"),
          branch,
          author: identity,
          committer: identity,
        };
        for (let round = 1; round <= maxConflictRounds; round += 1) {
          const { status } = await request("PUT", contentsPath(path), put);
          if (status === 201 || status === 200) return;
          if (status !== 409 && status !== 422) throw unexpected(status, "committing a reply");
          const existing = await readText(path);
          if (existing === text) return; // an earlier attempt of ours landed after all
          if (existing !== undefined) throw new ReplyExistsError(path);
        }
        throw new StoreUnavailableError(`GitHub kept reporting conflicts for ${path}`);
      });
    },
  };
}

/** Blobs are content-addressed, so a parsed reply can be kept for as long as the process lives. */
function createBlobReader(request: GitHubRequest, repo: string) {
  const cache = new Map<string, ReplyRecord>();
  return {
    async read(sha: string, path: string): Promise<ReplyRecord> {
      const cached = cache.get(sha);
      if (cached) return cached;
      const { status, body } = await request("GET", `/repos/${repo}/git/blobs/${sha}`);
      const blob = body as { content?: string } | null;
      if (status !== 200 || typeof blob?.content !== "string") throw unexpected(status, "reading a reply");
      const record = parseReplyRecord(JSON.parse(Buffer.from(blob.content, "base64").toString("utf8")), path);
      if (cache.size > 20_000) cache.clear();
      cache.set(sha, record);
      return record;
    },
  };
}

function unexpected(status: number, doing: string): StoreUnavailableError {
  return new StoreUnavailableError(`GitHub answered ${status} when ${doing}`);
}

/**
 * BranchFiles through GitHub's REST API. One new file is one contents-API PUT (GitHub makes
 * the blob, tree and commit and moves the branch itself, and refuses to overwrite without a
 * sha); moderation's several-file commits use the Git Data API (trees, commits, refs).
 * https://docs.github.com/en/rest/repos/contents#create-or-update-file-contents
 * https://docs.github.com/en/rest/git/trees  https://docs.github.com/en/rest/git/refs
 */

import { mapAtMost } from "../../shared/map-at-most.ts";
import { type BranchFiles, type Budget, type CreateResult, type FileChange, READS_AT_ONCE } from "./branch-files.ts";
import type { GitIdentity } from "./git-commands.ts";
import type { GitHubRequest } from "./github-client.ts";
import { createSerialQueue, StoreUnavailableError } from "./store.ts";

export interface GitHubBranchFilesOptions {
  request: GitHubRequest;
  /** "owner/name" */
  repo: string;
  identity: GitIdentity;
  /** Rounds of conflict → re-read → try again before giving up. */
  maxConflictRounds?: number;
}

/** Kept back from the writes so that, when every answer was lost, we can still look. */
const READ_BACK_RESERVE_MS = 1_500;

export function createGitHubBranchFiles(options: GitHubBranchFilesOptions): BranchFiles {
  const { request, repo, identity, maxConflictRounds = 4 } = options;
  const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");
  const contents = (path: string) => `/repos/${repo}/contents/${encodePath(path)}`;
  // One write at a time per branch from this instance: concurrent commits to one branch only
  // make GitHub answer 409 to all but one of them.
  const queues = new Map<string, ReturnType<typeof createSerialQueue>>();
  const serialize = <T>(branch: string, task: () => Promise<T>) => {
    if (!queues.has(branch)) queues.set(branch, createSerialQueue());
    return queues.get(branch)!(task);
  };
  const refPath = (branch: string) => `/repos/${repo}/git/ref/heads/${encodePath(branch)}`;

  const read = async (branch: string, path: string, budget?: Budget): Promise<string | undefined> => {
    const { status, body } = await request("GET", `${contents(path)}?ref=${encodeURIComponent(branch)}`, undefined, budget);
    if (status === 404) return undefined;
    const file = body as { type?: string; content?: string } | null;
    if (status !== 200) throw unexpected(status, `reading ${path}`);
    if (Array.isArray(body) || file?.type !== "file" || typeof file.content !== "string") return undefined;
    return Buffer.from(file.content, "base64").toString("utf8");
  };

  const readHead = async (branch: string, budget?: Budget): Promise<string | undefined> => {
    const { status, body } = await request("GET", refPath(branch), undefined, budget);
    if (status === 404) return undefined;
    const sha = (body as { object?: { sha?: string } } | null)?.object?.sha;
    if (status !== 200 || typeof sha !== "string") throw unexpected(status, `reading branch ${branch}`);
    return sha;
  };

  const post = async (path: string, payload: unknown, doing: string, budget?: Budget): Promise<string> => {
    const { status, body } = await request("POST", `/repos/${repo}${path}`, payload, budget);
    const sha = (body as { sha?: string } | null)?.sha;
    if (status !== 201 || typeof sha !== "string") throw unexpected(status, doing);
    return sha;
  };

  /** The pending branch is made on first use, without history: nothing of main is copied. */
  const createBranch = async (branch: string, budget?: Budget): Promise<void> => {
    const readme = {
      path: "README.md",
      mode: "100644",
      type: "blob",
      content: `Replies waiting for a moderator, and the reply function's dedupe claims. Nothing is built from this branch; see docs/replies.md.\n`,
    };
    const tree = await post("/git/trees", { tree: [readme] }, "making the pending branch's tree", budget);
    const commit = await post(
      "/git/commits",
      { message: `Start ${branch}`, tree, parents: [], author: identity, committer: identity },
      "making the pending branch's first commit",
      budget,
    );
    const { status } = await request("POST", `/repos/${repo}/git/refs`, { ref: `refs/heads/${branch}`, sha: commit }, budget);
    if (status !== 201 && status !== 422) throw unexpected(status, `creating branch ${branch}`); // 422: made meanwhile
  };

  const put = async (branch: string, path: string, text: string, message: string, budget?: Budget): Promise<CreateResult> => {
    const payload = { message, content: Buffer.from(text).toString("base64"), branch, author: identity, committer: identity };
    for (let round = 1; round <= maxConflictRounds; round += 1) {
      const { status } = await request("PUT", contents(path), payload, budget);
      if (status === 201 || status === 200) return "created";
      if (status !== 404 && status !== 409 && status !== 422) throw unexpected(status, `committing ${path}`);
      const existing = await read(branch, path, budget);
      if (existing !== undefined) return existing === text ? "created" : "exists"; // ours, landed earlier
      if (status !== 409 && (await readHead(branch, budget)) === undefined) await createBranch(branch, budget);
    }
    throw new StoreUnavailableError(`GitHub kept refusing ${path} on ${branch}`);
  };

  const createOnce = async (branch: string, path: string, text: string, message: string, budget?: Budget): Promise<CreateResult> => {
    const writes = budget === undefined ? undefined : { deadline: budget.deadline - READ_BACK_RESERVE_MS };
    try {
      return await put(branch, path, text, message, writes);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      // Every answer may have been lost after GitHub committed: look before saying it failed.
      const existing = await read(branch, path, budget).catch(() => undefined);
      if (existing === undefined) throw error;
      return existing === text ? "created" : "exists";
    }
  };

  const commitOnce = async (branch: string, changes: readonly FileChange[], message: string): Promise<void> => {
    for (let round = 1; round <= maxConflictRounds; round += 1) {
      const head = await readHead(branch);
      if (head === undefined) {
        await createBranch(branch);
        continue;
      }
      const { status, body } = await request("GET", `/repos/${repo}/git/commits/${head}`);
      const baseTree = (body as { tree?: { sha?: string } } | null)?.tree?.sha;
      if (status !== 200 || typeof baseTree !== "string") throw unexpected(status, `reading commit ${head}`);
      const entries = await toTreeEntries(changes, (path) => read(head, path));
      if (entries.length === 0) return;
      const tree = await post("/git/trees", { base_tree: baseTree, tree: entries }, "making a tree");
      if (tree === baseTree) return;
      const commit = await post(
        "/git/commits",
        { message, tree, parents: [head], author: identity, committer: identity },
        "making a commit",
      );
      const moved = await request("PATCH", refPath(branch).replace("/git/ref/", "/git/refs/"), { sha: commit, force: false });
      if (moved.status === 200) return;
      if (moved.status !== 409 && moved.status !== 422) throw unexpected(moved.status, `moving ${branch}`);
    }
    throw new StoreUnavailableError(`${branch} kept moving while committing`);
  };

  return {
    read,

    create(branch, path, text, message, budget) {
      return serialize(branch, () => createOnce(branch, path, text, message, budget));
    },

    commit(branch, changes, message) {
      return serialize(branch, () => commitOnce(branch, changes, message));
    },

    async listFolders(branch, dir, wanted) {
      const none = new Map<string, string[]>();
      const head = await readHead(branch);
      if (head === undefined) return none;
      const commit = await request("GET", `/repos/${repo}/git/commits/${head}`);
      let sha = (commit.body as { tree?: { sha?: string } } | null)?.tree?.sha;
      // Tree by tree: the trees API lists up to 100,000 entries, the contents API only 1,000.
      const entriesOf = async (treeSha: string) => {
        const { status, body } = await request("GET", `/repos/${repo}/git/trees/${treeSha}`);
        if (status !== 200) throw unexpected(status, `listing ${dir}`);
        const tree = body as { tree: { path: string; type: string; sha: string }[]; truncated?: boolean };
        if (tree.truncated) throw new StoreUnavailableError(`${dir} on ${branch} has more entries than GitHub lists`);
        return tree.tree;
      };
      for (const part of dir.split("/").filter(Boolean)) {
        if (sha === undefined) return none;
        sha = (await entriesOf(sha)).find((entry) => entry.path === part && entry.type === "tree")?.sha;
      }
      if (sha === undefined) return none;
      // Each folder by its tree's hash: one request, not a walk from the branch's head.
      const wantedFolders = (await entriesOf(sha)).filter((entry) => entry.type === "tree" && wanted(entry.path));
      const listed = await mapAtMost(wantedFolders, READS_AT_ONCE, async (folder) => {
        return [folder.path, (await entriesOf(folder.sha)).map((entry) => entry.path)] as const;
      });
      return new Map(listed);
    },
  };
}

/** Deleting a path GitHub does not have is an error there, so absent ones are left out. */
async function toTreeEntries(changes: readonly FileChange[], read: (path: string) => Promise<string | undefined>) {
  const entries: { path: string; mode: "100644"; type: "blob"; content?: string; sha?: null }[] = [];
  for (const change of changes) {
    if (change.text !== null) entries.push({ path: change.path, mode: "100644", type: "blob", content: change.text });
    else if ((await read(change.path)) !== undefined) entries.push({ path: change.path, mode: "100644", type: "blob", sha: null });
  }
  return entries;
}

function unexpected(status: number, doing: string): StoreUnavailableError {
  return new StoreUnavailableError(`GitHub answered ${status} when ${doing}`);
}

/**
 * The reply store, written once over BranchFiles (git plumbing locally, GitHub's API in
 * production). A new reply costs a fixed number of single-path reads and writes, whatever the
 * number of replies on its article (reply-paths.ts says which paths):
 *   trusted?  one read of the reader's trusted file on the published branch
 *   parent?   one read of the parent's file (plus its ancestors for the depth, remembered)
 *   claim     one create-only write of the dedupe claim on the pending branch
 *   reply     one create-only write on the published branch (trusted) or the pending one (held)
 * Held replies never touch the published branch, so they trigger no build and leave nothing in
 * its history.
 */

import { mapAtMost } from "../../shared/map-at-most.ts";
import {
  ARTICLE_KEY_PATTERN,
  parseReplyRecord,
  REPLY_ID_PATTERN,
  type ReplyRecord,
  replyPath,
  serializeReplyRecord,
  trustedReplierPath,
} from "../../shared/reply-record.ts";
import { trustKeyOf } from "../pipeline/hash-keys.ts";
import { type BranchFiles, type Budget, type FileChange, READS_AT_ONCE } from "./branch-files.ts";
import type { ModerationStore } from "./moderation-store.ts";
import { claimPath, makeDedupeKey, rejectedPath, repliesFolder } from "./reply-paths.ts";
import {
  type CreateOutcome,
  type DedupeFields,
  type ParentLookup,
  ReplyExistsError,
  type ReplyStore,
  StoreUnavailableError,
  sortById,
} from "./store.ts";

export interface ReplyBranchesOptions {
  files: BranchFiles;
  /** The branch the site is built from (locally: the one checked out, found when needed). */
  published: string | (() => Promise<string>);
  /** Where held replies and dedupe claims go; nothing is built from it. */
  pending: string;
  contentDir?: string;
}

/** Depths are fixed once a reply exists (its parent never changes): safe to remember. */
const DEPTH_MEMORY = 50_000;

export function createReplyBranchesStore(options: ReplyBranchesOptions): ReplyStore & ModerationStore {
  const { files, pending, contentDir = "content" } = options;
  const findPublished = typeof options.published === "string" ? async () => options.published as string : options.published;
  const depths = new Map<string, number>();
  /**
   * Replies this instance has seen on the published branch: a published reply's file does
   * not change, so a warm instance answers a reply to one without reading it again (3
   * requests, not 4). Forgotten when this instance rejects it; one rejected by another
   * instance only leaves a reply threaded under its nearest shown ancestor.
   */
  const publishedSeen = new Map<string, ReplyRecord>();
  const rememberPublished = (record: ReplyRecord) => {
    if (publishedSeen.size >= DEPTH_MEMORY) publishedSeen.delete(publishedSeen.keys().next().value!);
    publishedSeen.set(`${record.article}/${record.id}`, record);
  };
  const pathOf = (article: string, id: string) => replyPath(article, id, contentDir);
  const remember = (article: string, id: string, depth: number) => {
    if (depths.size >= DEPTH_MEMORY) depths.delete(depths.keys().next().value!);
    depths.set(`${article}/${id}`, depth);
  };

  const readRecord = async (branch: string, article: string, id: string, budget?: Budget) => {
    const path = pathOf(article, id);
    const text = await files.read(branch, path, budget);
    return text === undefined ? undefined : parseReplyRecord(JSON.parse(text), `${branch}:${path}`);
  };

  /** Walks up from an approved reply; a missing ancestor (removed later) ends the walk. */
  const measureDepth = async (record: ReplyRecord, limit: number, budget?: Budget): Promise<number> => {
    const chain: ReplyRecord[] = [record];
    let depth = 1;
    let current = record;
    while (current.parent !== null && depth <= limit) {
      const known = depths.get(`${current.article}/${current.parent}`);
      if (known !== undefined) {
        depth += known;
        break;
      }
      const next = await readRecord(await findPublished(), current.article, current.parent, budget);
      if (!next) break;
      chain.push(next);
      current = next;
      depth += 1;
    }
    for (const [index, reply] of chain.entries()) remember(reply.article, reply.id, depth - index);
    return depth;
  };

  const rememberWritten = (record: ReplyRecord) => {
    if (record.parent === null) return remember(record.article, record.id, 1);
    const parentDepth = depths.get(`${record.article}/${record.parent}`);
    if (parentDepth !== undefined) remember(record.article, record.id, parentDepth + 1);
  };

  /** Published, or waiting on the pending branch. */
  const isStored = async (record: ReplyRecord, budget?: Budget) =>
    (await files.read(await findPublished(), pathOf(record.article, record.id), budget)) !== undefined ||
    (await files.read(pending, pathOf(record.article, record.id), budget)) !== undefined;

  const claimOf = (record: DedupeFields) =>
    claimPath(record.article, makeDedupeKey(record, trustKeyOf(record.author, record.emailHash)), contentDir);

  return {
    async findParent(article, id, maxDepth, budget): Promise<ParentLookup> {
      const seen = publishedSeen.get(`${article}/${id}`);
      const seenDepth = depths.get(`${article}/${id}`);
      if (seen && seenDepth !== undefined) return { found: "approved", record: seen, depth: seenDepth };
      const parent = await readRecord(await findPublished(), article, id, budget);
      if (parent) rememberPublished(parent);
      if (parent) return { found: "approved", record: parent, depth: await measureDepth(parent, maxDepth, budget) };
      return (await files.read(pending, pathOf(article, id), budget)) === undefined ? { found: "none" } : { found: "pending" };
    },

    async isTrusted(trustKey, budget) {
      return (await files.read(await findPublished(), trustedReplierPath(trustKey, contentDir), budget)) !== undefined;
    },

    async create(record, { message, budget }): Promise<CreateOutcome> {
      const claim = claimOf(record);
      if (record.status === "pending" && files.createMany) {
        // Claim and held reply in one commit where that is cheaper (local git); anything already
        // there goes the long way below, which sorts out duplicates and unfinished attempts.
        const text = serializeReplyRecord(record);
        const together = [
          { path: claim, text },
          { path: pathOf(record.article, record.id), text },
        ];
        if ((await files.createMany(pending, together, message)) === "created") {
          rememberWritten(record);
          return { outcome: "created", record };
        }
      }
      let stored = record;
      let outcome: CreateOutcome["outcome"] = "created";
      const claimed = await files.create(pending, claim, serializeReplyRecord(record), `Claim for ${message}`, budget);
      if (claimed === "exists") {
        const text = await files.read(pending, claim, budget);
        if (text === undefined) throw new StoreUnavailableError(`The claim ${claim} vanished while being read`);
        stored = parseReplyRecord(JSON.parse(text), `${pending}:${claim}`);
        if (await isStored(stored, budget)) return { outcome: "duplicate", record: stored };
        // The earlier attempt claimed but never stored its reply (its answer or its second
        // write was lost): finish it now, so the reader's resend is what lands.
        outcome = "completed";
      }
      const branch = stored.status === "approved" ? await findPublished() : pending;
      const path = pathOf(stored.article, stored.id);
      const written = await files.create(
        branch,
        path,
        serializeReplyRecord(stored),
        outcome === "created" ? message : `${message} (resent)`,
        budget,
      );
      if (written === "exists") throw new ReplyExistsError(path);
      rememberWritten(stored);
      if (branch !== pending) rememberPublished(stored);
      return { outcome, record: stored };
    },

    async hasDuplicate(reply, budget) {
      const claim = claimOf(reply);
      const text = await files.read(pending, claim, budget);
      return text !== undefined && (await isStored(parseReplyRecord(JSON.parse(text), `${pending}:${claim}`), budget));
    },

    async listPending() {
      const root = repliesFolder(contentDir);
      const folders = await files.listFolders(pending, root, (name) => ARTICLE_KEY_PATTERN.test(name));
      const held = [...folders].flatMap(([article, names]) =>
        names
          .filter((name) => name.endsWith(".json") && REPLY_ID_PATTERN.test(name.slice(0, -".json".length)))
          .map((name) => ({ article, id: name.slice(0, -".json".length) })),
      );
      const records = await mapAtMost(held, READS_AT_ONCE, ({ article, id }) => readRecord(pending, article, id));
      return sortById(records.filter((record): record is ReplyRecord => record !== undefined));
    },

    async approve(article, id) {
      const published = await findPublished();
      const held = await readRecord(pending, article, id);
      if (!held) return (await readRecord(published, article, id)) ? "already" : "missing";
      const approved: ReplyRecord = { ...held, status: "approved" };
      // Published first, then off the pending branch: at every moment one of them has it.
      await files.commit(
        published,
        [
          { path: pathOf(article, id), text: serializeReplyRecord(approved) },
          { path: trustedReplierPath(trustKeyOf(held.author, held.emailHash), contentDir), text: "" },
        ],
        `Approve reply ${id} on ${article}`,
      );
      await files.commit(pending, [{ path: pathOf(article, id), text: null }], `Approved reply ${id}: now on ${published}`);
      return "approved";
    },

    async reject(article, id) {
      publishedSeen.delete(`${article}/${id}`);
      const published = await findPublished();
      const tombstone: FileChange = { path: rejectedPath(article, id, contentDir), text: "" };
      const held = await readRecord(pending, article, id);
      if (held) {
        const changes = [{ path: pathOf(article, id), text: null }, { path: claimOf(held), text: null }, tombstone];
        await files.commit(pending, changes, `Reject reply ${id} on ${article}`);
        return "rejected";
      }
      const live = await readRecord(published, article, id);
      if (live) {
        // Removed going forward; its text stays in the published history (docs/replies.md).
        const trusted = trustedReplierPath(trustKeyOf(live.author, live.emailHash), contentDir);
        await files.commit(
          published,
          [
            { path: pathOf(article, id), text: null },
            { path: trusted, text: null },
          ],
          `Reject reply ${id} on ${article}`,
        );
        await files.commit(pending, [{ path: claimOf(live), text: null }, tombstone], `Rejected reply ${id}`);
        return "rejected";
      }
      return (await files.read(pending, tombstone.path)) === undefined ? "missing" : "already";
    },
  };
}

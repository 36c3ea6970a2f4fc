/** What the pipeline needs from wherever replies are kept: one small interface, two backends. */
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { createKeyedLock } from "../pipeline/keyed-lock.ts";
import type { Budget } from "./branch-files.ts";

export interface CreateOptions {
  /** The commit message, decided by the pipeline (it knows the site's deploy setting). */
  message: string;
  /** The whole reply's time budget; the store starts no attempt after it. */
  budget?: Budget | undefined;
}

/**
 * created: stored now. completed: an earlier attempt of the same reply (same article, parent,
 * reader and text) had been claimed but not stored; it is stored now, under its first id.
 * duplicate: the same reply is already stored (published or waiting).
 */
export interface CreateOutcome {
  outcome: "created" | "completed" | "duplicate";
  record: ReplyRecord;
}

export type ParentLookup = { found: "approved"; record: ReplyRecord; depth: number } | { found: "pending" } | { found: "none" };

export interface ReplyStore {
  /**
   * The parent a reply answers: published (with its depth, 1 for a top-level reply; the walk
   * up stops after maxDepth), still waiting, or not there. A few single-file reads.
   */
  findParent(article: string, id: string, maxDepth: number, budget?: Budget): Promise<ParentLookup>;
  /** Whether the reader with this trust key (hashTrustKey: name and email) has an approved reply. */
  isTrusted(trustKey: string, budget?: Budget): Promise<boolean>;
  /**
   * Stores the reply: approved ones on the published branch, pending ones on the pending branch,
   * never overwriting. Its dedupe claim makes a resend or double click answer truthfully.
   */
  create(record: ReplyRecord, options: CreateOptions): Promise<CreateOutcome>;
  /** Whether the same reply (same article, parent, reader and text) is stored already: its claim, one read. */
  hasDuplicate(reply: DedupeFields, budget?: Budget): Promise<boolean>;
}

/** What makes two replies the same one (reply-paths.ts, makeDedupeKey). */
export type DedupeFields = Pick<ReplyRecord, "article" | "parent" | "author" | "emailHash" | "body">;

/** The reply's file is already there (with other content): nothing was written. */
export class ReplyExistsError extends Error {
  override readonly name = "ReplyExistsError";
  constructor(readonly path: string) {
    super(`Reply file already exists: ${path}`);
  }
}

/** The store could not be reached, kept failing or ran out of time; the reply was not saved. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
}

/** The site's bot: every reply commit is its, never the reader's. */
export const BOT_IDENTITY = { name: "Broadsheet replies", email: "replies@broadsheet.invalid" } as const;

/** Held replies and dedupe claims: a branch of the same repository that nothing is built from. */
export const DEFAULT_PENDING_BRANCH = "replies/pending";

/** Runs tasks one after another in this process, whatever the callers' concurrency: a keyed lock with one key. */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  const lock = createKeyedLock();
  return (task) => lock("", task);
}

export function sortById(records: ReplyRecord[]): ReplyRecord[] {
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

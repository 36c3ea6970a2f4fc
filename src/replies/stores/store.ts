/** What the pipeline needs from wherever replies are kept: one small interface, two backends. */
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { createKeyedLock } from "../pipeline/keyed-lock.ts";

export interface CreateOptions {
  /** The commit message, decided by the pipeline (it knows the site's deploy setting). */
  message: string;
}

export interface ReplyStore {
  /** Every reply on one article, pending and approved, in id (time) order. */
  listReplies(articleKey: string): Promise<ReplyRecord[]>;
  /** Whether this email hash already has an approved reply on any article (its trusted-replier file, reply-record.ts). */
  hasApprovedReplyFrom(emailHash: string): Promise<boolean>;
  /** Commits the reply's file. Never overwrites: rejects with ReplyExistsError if it is there. */
  create(record: ReplyRecord, options: CreateOptions): Promise<void>;
}

/** The reply's file is already there (with other content): nothing was written. */
export class ReplyExistsError extends Error {
  override readonly name = "ReplyExistsError";
  constructor(readonly path: string) {
    super(`Reply file already exists: ${path}`);
  }
}

/** The store could not be reached or kept failing; the reply was not saved. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
}

/** The site's bot: every reply commit is its, never the reader's. */
export const BOT_IDENTITY = { name: "Broadsheet replies", email: "replies@broadsheet.invalid" } as const;

/** Runs tasks one after another in this process, whatever the callers' concurrency: a keyed lock with one key. */
export function createSerialQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  const lock = createKeyedLock();
  return (task) => lock("", task);
}

export function sortById(records: ReplyRecord[]): ReplyRecord[] {
  return records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

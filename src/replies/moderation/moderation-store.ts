/**
 * What moderating needs from wherever replies are kept (CONTRACTS.md). The replies-store
 * work implements it for the git and GitHub stores; the moderation pages and the CLI only
 * program against it. Approving or rejecting twice is harmless: the second answer is "already".
 */
import type { ReplyRecord } from "../../shared/reply-record.ts";

export interface ModerationStore {
  listPending(): Promise<ReplyRecord[]>;
  approve(article: string, id: string): Promise<"approved" | "already" | "missing">;
  reject(article: string, id: string): Promise<"rejected" | "already" | "missing">;
}

export type ModerationOutcome = Awaited<ReturnType<ModerationStore["approve"]>> | Awaited<ReturnType<ModerationStore["reject"]>>;

import type { ModerationStore } from "../../../src/replies/moderation/moderation-store.ts";
import type { ReplyRecord } from "../../../src/shared/reply-record.ts";

/** The ModerationStore contract in memory: what the pages and notices are tested against. */
export class MemoryModerationStore implements ModerationStore {
  readonly calls: string[] = [];
  failWith: Error | undefined;

  constructor(readonly records: ReplyRecord[] = []) {}

  async listPending() {
    if (this.failWith) throw this.failWith;
    return this.records.filter((record) => record.status === "pending");
  }

  async approve(article: string, id: string) {
    this.calls.push(`approve ${id}`);
    const record = this.find(article, id);
    if (!record) return "missing" as const;
    if (record.status === "approved") return "already" as const;
    record.status = "approved";
    return "approved" as const;
  }

  async reject(article: string, id: string) {
    this.calls.push(`reject ${id}`);
    const index = this.records.findIndex((record) => record.article === article && record.id === id);
    if (index === -1) return "missing" as const;
    this.records.splice(index, 1);
    return "rejected" as const;
  }

  private find(article: string, id: string) {
    return this.records.find((record) => record.article === article && record.id === id);
  }
}

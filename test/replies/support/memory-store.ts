import { ReplyExistsError, type ReplyStore, sortById } from "../../../src/replies/stores/store.ts";
import type { ReplyRecord } from "../../../src/shared/reply-record.ts";

/** An in-memory store for pipeline tests: records what was created and with which message. */
export class MemoryStore implements ReplyStore {
  readonly records: ReplyRecord[] = [];
  readonly messages: string[] = [];
  failWith: Error | undefined;

  async listReplies(articleKey: string) {
    return sortById(this.records.filter((record) => record.article === articleKey));
  }

  async hasApprovedReplyFrom(emailHash: string) {
    return this.records.some((record) => record.status === "approved" && record.emailHash === emailHash);
  }

  async create(record: ReplyRecord, { message }: { message: string }) {
    if (this.failWith) throw this.failWith;
    if (this.records.some((existing) => existing.id === record.id)) throw new ReplyExistsError(record.id);
    this.records.push(record);
    this.messages.push(message);
  }
}

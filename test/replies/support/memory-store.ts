import { trustKeyOf } from "../../../src/replies/pipeline/hash-keys.ts";
import { makeDedupeKey } from "../../../src/replies/stores/reply-paths.ts";
import {
  type CreateOutcome,
  type DedupeFields,
  type ParentLookup,
  ReplyExistsError,
  type ReplyStore,
} from "../../../src/replies/stores/store.ts";
import type { ReplyRecord } from "../../../src/shared/reply-record.ts";

/** An in-memory store for pipeline tests, with the real stores' rules: records what was created and with which message. */
export class MemoryStore implements ReplyStore {
  readonly records: ReplyRecord[] = [];
  readonly messages: string[] = [];
  failWith: Error | undefined;

  async findParent(article: string, id: string, maxDepth: number): Promise<ParentLookup> {
    const byId = (key: string) => this.records.find((record) => record.article === article && record.id === key);
    const parent = byId(id);
    if (!parent) return { found: "none" };
    if (parent.status !== "approved") return { found: "pending" };
    let depth = 1;
    for (let current = parent; current.parent !== null && depth <= maxDepth; depth += 1) {
      const next = byId(current.parent);
      if (!next) break;
      current = next;
    }
    return { found: "approved", record: parent, depth };
  }

  async isTrusted(trustKey: string) {
    return this.records.some((record) => record.status === "approved" && trustKeyOf(record.author, record.emailHash) === trustKey);
  }

  async hasDuplicate(reply: DedupeFields) {
    const key = makeDedupeKey(reply, trustKeyOf(reply.author, reply.emailHash));
    return this.records.some((r) => makeDedupeKey(r, trustKeyOf(r.author, r.emailHash)) === key);
  }

  async create(record: ReplyRecord, { message }: { message: string }): Promise<CreateOutcome> {
    if (this.failWith) throw this.failWith;
    const key = (r: ReplyRecord) => makeDedupeKey(r, trustKeyOf(r.author, r.emailHash));
    const twin = this.records.find((existing) => key(existing) === key(record));
    if (twin) return { outcome: "duplicate", record: twin };
    if (this.records.some((existing) => existing.id === record.id)) throw new ReplyExistsError(record.id);
    this.records.push(record);
    this.messages.push(message);
    return { outcome: "created", record };
  }
}

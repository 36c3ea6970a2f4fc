/** Rules that compare a new reply with the replies already on its article. */
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { MAX_THREAD_DEPTH } from "../../shared/reply-routes.ts";
import { ReplyError } from "./reply-error.ts";
import type { ReplyInput } from "./validate-fields.ts";

export function checkParent(parentId: string | null, siblings: readonly ReplyRecord[]): void {
  if (parentId === null) return;
  const byId = new Map(siblings.map((reply) => [reply.id, reply]));
  const parent = byId.get(parentId);
  if (!parent) throw new ReplyError("parent_not_found", { parent: "parent_not_found" });
  if (parent.status !== "approved") throw new ReplyError("parent_not_approved", { parent: "parent_not_approved" });
  if (measureDepth(parent, byId) + 1 > MAX_THREAD_DEPTH) {
    throw new ReplyError("parent_too_deep", { parent: "parent_too_deep" });
  }
}

/** Same article, same parent, same author and same text: a double click or a resend. */
export function rejectDuplicate(input: ReplyInput, siblings: readonly ReplyRecord[]): void {
  const twin = siblings.find((reply) => reply.parent === input.parent && reply.author === input.author && reply.body === input.body);
  if (twin) throw new ReplyError("duplicate");
}

function measureDepth(reply: ReplyRecord, byId: ReadonlyMap<string, ReplyRecord>): number {
  let depth = 1;
  let current = reply;
  // Bounded walk: a hand-edited file with a parent cycle must not hang the function.
  while (current.parent !== null && depth <= MAX_THREAD_DEPTH) {
    const next = byId.get(current.parent);
    if (!next) break;
    current = next;
    depth += 1;
  }
  return depth;
}

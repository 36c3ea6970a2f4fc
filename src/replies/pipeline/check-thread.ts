/** Rules about where in its article's thread a new reply goes. */
import { MAX_THREAD_DEPTH } from "../../shared/reply-routes.ts";
import type { ParentLookup } from "../stores/store.ts";
import { ReplyError } from "./reply-error.ts";

/** The parent must be published on the same article, and not at the deepest level. */
export function checkParent(parent: ParentLookup): void {
  if (parent.found === "none") throw new ReplyError("parent_not_found", { parent: "parent_not_found" });
  if (parent.found === "pending") throw new ReplyError("parent_not_approved", { parent: "parent_not_approved" });
  if (parent.depth + 1 > MAX_THREAD_DEPTH) throw new ReplyError("parent_too_deep", { parent: "parent_too_deep" });
}

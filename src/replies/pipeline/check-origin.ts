/**
 * Cross-site form posts are refused: browsers send Origin on every POST, so a missing one
 * is a script or a very old browser, and either way not the site's own form.
 */
import { ReplyError } from "./reply-error.ts";

export function checkOrigin(origin: string | null, allowed: readonly string[]): void {
  if (origin === null || origin === "null" || !allowed.includes(origin)) {
    throw new ReplyError("origin_forbidden");
  }
}

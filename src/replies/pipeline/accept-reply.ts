/** From a valid reply on an open article to a stored record: spam rules, moderation, store. */
import type { Manifest, ManifestArticle } from "../../shared/article-manifest.ts";
import { parseReplyRecord, type ReplyRecord, replyPath } from "../../shared/reply-record.ts";
import { checkParent, rejectDuplicate } from "./check-thread.ts";
import { decideStatus } from "./decide-status.ts";
import { floodAddress } from "./flood-address.ts";
import { hashEmail, hashFloodKey } from "./hash-keys.ts";
import type { ReplyDeps } from "./reply-deps.ts";
import { ReplyError } from "./reply-error.ts";
import { listModerationReasons, type ModerationReason, rejectDisallowed } from "./spam-rules.ts";
import type { ReplyInput } from "./validate-fields.ts";
import type { VerifyContext } from "./verifiers.ts";

export async function acceptReply(
  input: ReplyInput,
  article: ManifestArticle,
  manifest: Manifest,
  context: VerifyContext,
  deps: ReplyDeps,
): Promise<ReplyRecord> {
  rejectDisallowed(input, manifest.replies);
  const reasons = [
    ...listModerationReasons(input, manifest.replies),
    ...(await runOutsideChecks(input, { permalink: new URL(article.url, manifest.site.url).href, blog: manifest.site.url }, context, deps)),
  ];
  const emailHash = hashEmail(deps.secret, input.email);
  const floodKeys = [emailHash, ...(context.ip ? [hashFloodKey(deps.secret, "ip", floodAddress(context.ip))] : [])];

  return deps.lock(article.key, async () => {
    const siblings = await deps.store.listReplies(article.key);
    checkParent(input.parent, siblings);
    rejectDuplicate(input, siblings);
    const now = deps.now();
    if (!deps.flood.reserve(floodKeys, now.getTime())) throw new ReplyError("too_fast");
    try {
      const status = decideStatus(reasons, await deps.store.hasApprovedReplyFrom(emailHash));
      const record = buildReplyRecord(input, { id: deps.makeId(now), date: now, status, emailHash });
      await deps.store.create(record, { message: describeReplyCommit(record, manifest.replies.skipDeployOnReply) });
      deps.log({ event: "stored", id: record.id, article: record.article, status, reasons });
      return record;
    } catch (error) {
      deps.flood.release(floodKeys, now.getTime());
      throw error;
    }
  });
}

export function buildReplyRecord(
  input: ReplyInput,
  meta: { id: string; date: Date; status: ReplyRecord["status"]; emailHash: string },
): ReplyRecord {
  const record = {
    id: meta.id,
    article: input.article,
    parent: input.parent,
    author: input.author,
    url: input.url,
    body: input.body,
    date: meta.date.toISOString(),
    status: meta.status,
    emailHash: meta.emailHash,
  };
  // The build reads it through the same schema: catch a mismatch here, not in tomorrow's build.
  return parseReplyRecord(record, replyPath(record.article, record.id));
}

/** "[skip netlify]" lets the scheduled rebuild batch replies instead of one deploy per reply. */
export function describeReplyCommit(record: ReplyRecord, skipDeploy: boolean): string {
  return `Reply ${record.id} on ${record.article}${skipDeploy ? " [skip netlify]" : ""}`;
}

async function runOutsideChecks(
  input: ReplyInput,
  { permalink, blog }: { permalink: string; blog: string },
  context: VerifyContext,
  deps: ReplyDeps,
): Promise<ModerationReason[]> {
  const reasons: ModerationReason[] = [];
  if (deps.verifyTurnstile) {
    const verdict = await deps.verifyTurnstile(input.turnstileToken, context);
    if (verdict === "fail") throw new ReplyError("captcha_failed");
    if (verdict === "unknown") reasons.push("unverified");
  }
  if (deps.checkAkismet) {
    const { author, email, url, body } = input;
    const verdict = await deps.checkAkismet({ author, email, url, body, permalink, blog }, context);
    if (verdict === "fail") reasons.push("akismet_spam");
    if (verdict === "unknown") reasons.push("unverified");
  }
  return reasons;
}

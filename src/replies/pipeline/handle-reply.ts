/** The reply pipeline: Request in, Response out. parse → validate → decide → store → respond. */
import type { Manifest, ManifestArticle } from "../../shared/article-manifest.ts";
import { REPLY_FIELDS } from "../../shared/reply-messages.ts";
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { ReplyExistsError, StoreUnavailableError } from "../stores/store.ts";
import { acceptReply } from "./accept-reply.ts";
import { checkOrigin } from "./check-origin.ts";
import { findOpenArticle } from "./find-article.ts";
import { assertReplyRequest, prefersJson, readFormFields } from "./read-request.ts";
import type { ReplyDeps, RequestContext } from "./reply-deps.ts";
import { ReplyError } from "./reply-error.ts";
import { respondAccepted, respondRejected } from "./respond.ts";
import { validateReplyFields } from "./validate-fields.ts";

export type ReplyHandler = (req: Request, context?: RequestContext) => Promise<Response>;

export function createReplyPipeline(deps: ReplyDeps): ReplyHandler {
  return async (req, context = {}) => {
    const wantsJson = prefersJson(req);
    let articleKey: string | undefined;
    try {
      assertReplyRequest(req);
      const manifest = await deps.loadManifest();
      checkOrigin(req.headers.get("origin"), [...manifest.site.origins, ...(context.localOrigins ?? [])]);
      const form = await readFormFields(req, deps.maxBodyBytes);
      // Known keys only, so the status page can link back even when a field was wrong.
      articleKey = manifest.articles.find((candidate) => candidate.key === form[REPLY_FIELDS.article])?.key;
      const input = validateReplyFields(form);
      const article = findOpenArticle(manifest, input.article, deps.now());
      if (input.honeypot) {
        // Bots get the answer a person would, so they learn nothing; nothing is stored.
        deps.log({ event: "spam", article: article.key });
        return respondAccepted({ id: deps.makeId(deps.now()), status: "pending", articleUrl: article.url }, wantsJson);
      }
      const verifyContext = {
        ip: context.ip,
        userAgent: req.headers.get("user-agent") ?? undefined,
        referrer: req.headers.get("referer") ?? undefined,
      };
      const record = await acceptReply(input, article, manifest, verifyContext, deps);
      if (record.status === "pending") await noticeHeld(record, article, manifest, deps, context);
      return respondAccepted({ id: record.id, status: record.status, articleUrl: article.url }, wantsJson);
    } catch (error) {
      const failure = toReplyError(error);
      deps.log({
        event: failure.status >= 500 ? "failed" : "rejected",
        code: failure.code,
        ...(articleKey ? { article: articleKey } : {}),
        ...(failure.status >= 500 ? { error: describeError(error) } : {}),
      });
      return respondRejected(failure, wantsJson, articleKey);
    }
  };
}

/**
 * The reply is stored already, so a notice that fails changes nothing for the reader. On
 * Netlify it finishes after the answer (context.waitUntil); elsewhere the answer waits for it.
 */
async function noticeHeld(
  record: ReplyRecord,
  article: ManifestArticle,
  manifest: Manifest,
  deps: ReplyDeps,
  context: RequestContext,
): Promise<void> {
  if (!deps.notifyModerators) return;
  const held = {
    record,
    articleTitle: article.title,
    articleUrl: new URL(article.url, manifest.site.url).href,
    siteUrl: manifest.site.url,
  };
  const notice = deps.notifyModerators(held).catch(() => undefined);
  if (context.waitUntil) context.waitUntil(notice);
  else await notice;
}

function toReplyError(error: unknown): ReplyError {
  if (error instanceof ReplyError) return error;
  // An id collision (50 random bits) or a store outage: either way, sending again works.
  if (error instanceof StoreUnavailableError || error instanceof ReplyExistsError) {
    return new ReplyError("store_unavailable", {}, { cause: error });
  }
  return new ReplyError("server_error", {}, { cause: error });
}

/** Our own error names and messages only; they never contain what the reader typed. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : "";
  return `${error.name}: ${error.message}${cause}`;
}

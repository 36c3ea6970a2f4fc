/**
 * GET/POST /api/replies/moderate: the pages behind the signed links. A GET only shows (mail
 * scanners and link previews follow links); a change needs a POST carrying the token, which
 * is itself the capability, so there is no session or cookie to forge a request against.
 */
import { readBodyWithin } from "../../http/read-body.ts";
import type { Manifest } from "../../shared/article-manifest.ts";
import type { ReplyRecord } from "../../shared/reply-record.ts";
import type { ModerationStore } from "../stores/moderation-store.ts";
import {
  type ArticleRef,
  MODERATION_CSP,
  type PendingItem,
  renderConfirmPage,
  renderGonePage,
  renderListPage,
  renderOutcomePage,
  renderProblemPage,
} from "./moderation-pages.ts";
import { type ModerationClaim, makeClaim, signModerationToken, verifyModerationToken } from "./signed-link.ts";

export interface ModerationDeps {
  store: ModerationStore;
  /** The link key (signed-link.ts, deriveModerationKey). */
  key: Buffer;
  now: () => Date;
  /** For article titles and links; the pages still work without them. */
  loadManifest?: () => Promise<Manifest>;
  /** Outcomes and failures by id and article only: never a token or reader text. */
  log: (entry: ModerationLogEntry) => void;
}

export interface ModerationLogEntry {
  event: "moderated" | "moderation_failed" | "moderation_link_refused";
  action?: string;
  outcome?: string;
  article?: string;
  id?: string;
  problem?: string;
  error?: string;
}

/** A token and a list token: far below this, so anything bigger is not a form of ours. */
const MAX_FORM_BYTES = 2048;

export function createModerationHandler(deps: ModerationDeps): (req: Request) => Promise<Response> {
  return async (req) => {
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "POST") {
      return page(405, renderProblemPage("not_an_action"), { Allow: "GET, POST" });
    }
    const form = req.method === "POST" ? await readSmallForm(req) : new URL(req.url).searchParams;
    if (!form) return page(400, renderProblemPage("invalid"));
    const check = verifyModerationToken(deps.key, form.get("t"), deps.now());
    if (!check.ok) {
      deps.log({ event: "moderation_link_refused", problem: check.problem });
      return page(check.problem === "expired" ? 410 : 403, renderProblemPage(check.problem));
    }
    try {
      return req.method === "POST" ? await act(check.claim, form.get("list"), deps) : await show(check.claim, deps);
    } catch (error) {
      deps.log({
        event: "moderation_failed",
        action: check.claim.action,
        article: check.claim.article,
        id: check.claim.id,
        error: error instanceof Error ? error.name : "unknown",
      });
      return page(503, renderProblemPage("unavailable"), { "Retry-After": "60" });
    }
  };
}

async function show(claim: ModerationClaim, deps: ModerationDeps): Promise<Response> {
  const now = deps.now();
  // Links made from a page never outlive the link that opened it, so a page cannot renew itself.
  const sign = (action: ModerationClaim["action"], record: ReplyRecord | null) =>
    signModerationToken(deps.key, makeClaim(action, record, now, claim.expires));
  const listToken = sign("list", null);
  // Oldest first (ids start with the time), whatever order the store lists them in.
  const pending = (await deps.store.listPending()).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const articles = await describeArticles(deps);
  const toItem = (record: ReplyRecord): PendingItem => ({
    record,
    article: articles(record.article),
    approveToken: sign("approve", record),
    rejectToken: sign("reject", record),
  });
  if (claim.action === "list") return page(200, renderListPage(pending.map(toItem), listToken));
  const record = pending.find((candidate) => candidate.id === claim.id && candidate.article === claim.article);
  return page(200, record ? renderConfirmPage(toItem(record), claim.action, listToken) : renderGonePage(listToken));
}

async function act(claim: ModerationClaim, listToken: string | null, deps: ModerationDeps): Promise<Response> {
  if (claim.action === "list") return page(400, renderProblemPage("not_an_action"));
  const outcome =
    claim.action === "approve" ? await deps.store.approve(claim.article, claim.id) : await deps.store.reject(claim.article, claim.id);
  deps.log({ event: "moderated", action: claim.action, outcome, article: claim.article, id: claim.id });
  // Only a list token that is itself valid is linked back to.
  const list = verifyModerationToken(deps.key, listToken, deps.now());
  return page(200, renderOutcomePage(outcome, list.ok && list.claim.action === "list" ? listToken! : undefined));
}

async function describeArticles(deps: ModerationDeps): Promise<(key: string) => ArticleRef> {
  const manifest = await deps.loadManifest?.().catch(() => undefined);
  const byKey = new Map(manifest?.articles.map((article) => [article.key, article]) ?? []);
  return (key) => {
    const article = byKey.get(key);
    return article && manifest
      ? { title: article.title, url: new URL(article.url, manifest.site.url).href }
      : { title: key, url: undefined };
  };
}

/** The POSTed form, read only up to MAX_FORM_BYTES; undefined when it is not a small urlencoded form. */
async function readSmallForm(req: Request): Promise<URLSearchParams | undefined> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" || !req.body) return undefined;
  const bytes = await readBodyWithin(req, MAX_FORM_BYTES);
  return bytes === undefined ? undefined : new URLSearchParams(Buffer.from(bytes).toString("utf8"));
}

function page(status: number, body: string, extra: Record<string, string> = {}): Response {
  return new Response(body, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": MODERATION_CSP,
      // The token is in the URL: never send it on to the article or anywhere else.
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Robots-Tag": "noindex",
      ...extra,
    },
  });
}

/**
 * The preview's request → response logic, as Netlify orders it: function routes first, then
 * redirects (a file at the path wins over a rule unless the rule is forced), then files,
 * then /404.html with status 404. Every static response gets the headers rules' values for
 * the requested path; API responses keep only their own, as on Netlify.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { RequestContext } from "../../replies/pipeline/reply-deps.ts";
import { findHeaders, findRedirect, type HeaderRule, type RedirectMatch, type RedirectRule } from "./netlify-rules.ts";
import { contentTypeOf, findStaticFile } from "./static-files.ts";

/** A function's handler, the Netlify Functions v2 shape (the context carries the client's address). */
export type ApiHandler = (request: Request, context?: RequestContext) => Promise<Response>;

export interface PreviewOptions {
  /** Absolute path of the built site (_site/). */
  root: string;
  headers: readonly HeaderRule[];
  /** _redirects' rules first, then netlify.toml's, as Netlify reads them. */
  redirects: readonly RedirectRule[];
  /** Function routes by exact path, e.g. { "/api/replies": handler }. */
  api?: Readonly<Record<string, ApiHandler>>;
}

export function createPreviewHandler(options: PreviewOptions): (request: Request, context?: RequestContext) => Promise<Response> {
  const root = path.resolve(options.root);
  const api = new Map(Object.entries(options.api ?? {}).map(([route, handler]) => [trimSlash(route), handler]));

  async function serveStatic(request: Request, url: URL): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return new Response("Method not allowed\n", {
        status: 405,
        headers: { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" },
      });
    }
    const found = await findStaticFile(root, url.pathname);
    const redirect = findRedirect(options.redirects, url.pathname, url.searchParams);
    if (redirect && (redirect.rule.force || found.kind === "none")) return applyRedirect(redirect, url);
    if (found.kind === "file") return fileResponse(found.file, 200);
    if (found.kind === "add-slash") return redirectTo(`${found.location}${url.search}`, 301);
    return notFound();
  }

  async function applyRedirect({ rule, target }: RedirectMatch, url: URL): Promise<Response> {
    if (rule.status !== 200 && rule.status !== 404) {
      // Netlify passes the query string on unless the target names its own or the rule matched on it.
      const keepSearch = !target.includes("?") && Object.keys(rule.query).length === 0;
      return redirectTo(keepSearch ? `${target}${url.search}` : target, rule.status);
    }
    const found = await findStaticFile(root, target);
    return found.kind === "file" ? fileResponse(found.file, rule.status) : notFound();
  }

  async function notFound(): Promise<Response> {
    try {
      return await fileResponse(path.join(root, "404.html"), 404);
    } catch {
      return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
  }

  return async (request, context = {}) => {
    const url = new URL(request.url);
    const handler = api.get(trimSlash(url.pathname));
    if (handler) return callApi(handler, request, context);
    const response = await serveStatic(request, url);
    for (const [name, value] of Object.entries(findHeaders(options.headers, url.pathname))) response.headers.set(name, value);
    return request.method === "HEAD" ? new Response(null, { status: response.status, headers: response.headers }) : response;
  };
}

async function callApi(handler: ApiHandler, request: Request, context: RequestContext): Promise<Response> {
  try {
    return await handler(request, context);
  } catch (error) {
    console.error(`preview: ${new URL(request.url).pathname} threw:`, error);
    return Response.json({ error: "The function threw; see the preview's log." }, { status: 500 });
  }
}

async function fileResponse(file: string, status: number): Promise<Response> {
  const body = await readFile(file);
  return new Response(body, { status, headers: { "content-type": contentTypeOf(file) } });
}

function redirectTo(location: string, status: number): Response {
  return new Response(null, { status, headers: { location } });
}

function trimSlash(pathname: string): string {
  return pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
}

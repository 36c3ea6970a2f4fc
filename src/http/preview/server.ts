/** The preview's I/O: reads netlify.toml and _site/_redirects, and serves over node:http. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { type HeaderRule, type NetlifyConfig, parseNetlifyToml, type RedirectRule, readRedirectsFile } from "./netlify-rules.ts";
import { type ApiHandler, createPreviewHandler } from "./preview-handler.ts";

export interface PreviewRules {
  config: NetlifyConfig;
  headers: HeaderRule[];
  redirects: RedirectRule[];
}

/** netlify.toml's rules, with the built site's _redirects (if any) ahead of its redirects. */
export async function loadPreviewRules(netlifyTomlPath: string, siteDir: string): Promise<PreviewRules> {
  const config = await parseNetlifyToml(await readFile(netlifyTomlPath, "utf8"), netlifyTomlPath);
  const redirectsFile = path.join(siteDir, "_redirects");
  const generated = existsSync(redirectsFile) ? await readRedirectsFile(redirectsFile) : [];
  return { config, headers: config.headers, redirects: [...generated, ...config.redirects] };
}

export interface StartPreviewOptions {
  root: string;
  rules: PreviewRules;
  api?: Readonly<Record<string, ApiHandler>>;
  port: number;
  host?: string;
}

export interface RunningPreview {
  url: string;
  close(): Promise<void>;
}

export async function startPreviewServer(options: StartPreviewOptions): Promise<RunningPreview> {
  const handle = createPreviewHandler({
    root: options.root,
    headers: options.rules.headers,
    redirects: options.rules.redirects,
    api: options.api,
  });
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    toRequest(req, host)
      .then(handle)
      .then((response) => writeResponse(res, response))
      .catch((error: unknown) => {
        console.error("preview:", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("Internal error in the preview server\n");
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function toRequest(req: IncomingMessage, host: string): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
  if (method === "GET" || method === "HEAD") return new Request(url, { method, headers });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Request(url, { method, headers, body: Buffer.concat(chunks) });
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

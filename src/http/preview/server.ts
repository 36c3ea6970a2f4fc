/** The preview's I/O: reads netlify.toml and _site/_redirects, and serves over node:http. */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import path from "node:path";
import { serveNodeRequest } from "../node-adapter.ts";
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
  /** The port actually bound (PORT 0 picks a free one). */
  port: number;
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
  // The shared adapter: the body is streamed to the handler, never read into memory first.
  const server = createServer((req, res) => void serveNodeRequest(handle, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Eleventy Dev Server 2.x listens on every interface and has no host option
 * (https://github.com/11ty/dev-server/issues/128), so a dev server started on a café's
 * network would take replies from anyone on it. This makes it listen on one host only.
 * Called after eleventy.init() and before eleventy.serve(): it creates the server instance
 * early (serve() reuses it) and replaces its listen step, keeping the port fallback.
 */
import type { Server } from "node:http";
import type Eleventy from "@11ty/eleventy";

interface DevServerInstance {
  server: Server;
  _serverListen(port: number): void;
}

interface EleventyWithServe {
  eleventyServe: { initServerInstance(): Promise<void>; server: DevServerInstance };
}

export async function bindDevServerTo(eleventy: Eleventy, host: string): Promise<void> {
  const serve = (eleventy as unknown as EleventyWithServe).eleventyServe;
  await serve.initServerInstance();
  const devServer = serve.server;
  if (typeof devServer._serverListen !== "function") {
    throw new Error(
      "This Eleventy Dev Server has no _serverListen step to bind to a host: check src/build/bind-dev-server.ts against its version.",
    );
  }
  devServer._serverListen = (port) => {
    devServer.server.listen({ port, host });
  };
}

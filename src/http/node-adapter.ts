/**
 * Lets a Node server (the dev server's connect-style middleware) answer POST /api/replies
 * with the same pipeline as the Netlify function: IncomingMessage → Request → Response → res.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ReplyHandler } from "../replies/pipeline/handle-reply.ts";

export { createReplyHandler, defaultManifestPath, type ReplyHandlerOptions } from "../replies/create-reply-handler.ts";
export type { ReplyHandler } from "../replies/pipeline/handle-reply.ts";

import { REPLY_ENDPOINT } from "../shared/reply-routes.ts";

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export function createReplyMiddleware(handler: ReplyHandler, endpoint = REPLY_ENDPOINT): Middleware {
  return (req, res, next) => {
    const pathname = (req.url ?? "/").split("?")[0];
    if (pathname !== endpoint && pathname !== `${endpoint}/`) {
      next();
      return;
    }
    handler(toWebRequest(req), { ip: req.socket.remoteAddress })
      .then((response) => writeWebResponse(response, res))
      .catch(next);
  };
}

export function toWebRequest(req: IncomingMessage): Request {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, {
    method,
    headers,
    ...(hasBody ? { body: streamBody(req), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * Unlike Readable.toWeb, cancelling (the pipeline stops reading a body over the size limit)
 * drains the rest instead of destroying the socket, so the 413 still reaches the reader.
 */
function streamBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.pause();
      req.on("data", (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once("end", () => cancelled || controller.close());
      req.once("error", (error) => cancelled || controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      cancelled = true;
      req.resume();
    },
  });
}

export async function writeWebResponse(response: Response, res: ServerResponse): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.end(Buffer.from(await response.arrayBuffer()));
}

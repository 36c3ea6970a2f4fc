/**
 * The one bridge between node:http and the Request → Response handlers: the dev server's
 * middleware and the preview both use it, so both stream request bodies (never buffer them),
 * survive any Host header, and tell the reply pipeline which origins are their own.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ReplyHandler } from "../replies/pipeline/handle-reply.ts";
import type { RequestContext } from "../replies/pipeline/reply-deps.ts";
import { MODERATION_ENDPOINT, REPLY_ENDPOINT } from "../shared/reply-routes.ts";

export { createReplyHandler, defaultManifestPath, isModerationPath, type ReplyHandlerOptions } from "../replies/create-reply-handler.ts";
export type { ReplyHandler } from "../replies/pipeline/handle-reply.ts";

/**
 * How much of a refused body is read and thrown away so the client sees the answer (a
 * client still sending when the socket closes may report a reset instead of the 413).
 * Past this the connection is closed: nobody's reply is this big.
 */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

export type WebHandler = (request: Request, context: RequestContext) => Promise<Response>;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** The dev server's middleware: /api/replies and /api/replies/moderate go to the handler, the rest on. */
export function createReplyMiddleware(handler: ReplyHandler): Middleware {
  const paths = new Set([REPLY_ENDPOINT, `${REPLY_ENDPOINT}/`, MODERATION_ENDPOINT, `${MODERATION_ENDPOINT}/`]);
  return (req, res, next) => {
    if (!paths.has((req.url ?? "/").split("?")[0]!)) {
      next();
      return;
    }
    void serveNodeRequest(handler, req, res);
  };
}

/** Answers one node:http request with a web handler. Never throws: a failure is a 500. */
export async function serveNodeRequest(handler: WebHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const response = await handler(toWebRequest(req), describeConnection(req));
    await writeWebResponse(response, res, req);
  } catch (error) {
    console.error("server: a request failed:", error instanceof Error ? error.message : error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end("Internal error\n");
  }
}

export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    } catch {
      // A header the Fetch API cannot hold (Node is more lenient): the handlers never need it.
    }
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(requestUrl(req), {
    method,
    headers,
    ...(hasBody ? { body: streamBody(req), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * The URL is built from this server's own address, not the Host header: a Host like
 * "a b" or "evil/x?" must neither throw nor change which path is asked for.
 */
export function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? "/";
  const base = `http://${hostOf(req.socket.localAddress)}:${req.socket.localPort ?? 80}`;
  try {
    if (target.startsWith("/")) return new URL(`${base}${target}`);
    // The absolute form (a proxy-style request): keep its path and query only.
    const absolute = new URL(target);
    return new URL(`${base}${absolute.pathname}${absolute.search}`);
  } catch {
    return new URL(`${base}/`);
  }
}

/** The client's address, and the origins of this server as a browser would name it. */
export function describeConnection(req: IncomingMessage): RequestContext {
  const port = req.socket.localPort;
  const local = req.socket.localAddress;
  const names = new Set(["localhost", "127.0.0.1", "[::1]", ...(local ? [hostOf(local)] : [])]);
  return {
    ip: req.socket.remoteAddress,
    localOrigins: port ? [...names].map((name) => `http://${name}:${port}`) : [],
  };
}

/** An address as it goes in a URL: IPv6 in brackets, an IPv4-mapped one as IPv4. */
function hostOf(address: string | undefined): string {
  if (!address) return "localhost";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  return address.includes(":") ? `[${address}]` : address;
}

/**
 * Unlike Readable.toWeb, cancelling (a handler stops reading a body over its size limit)
 * does not destroy the socket, so the 413 still reaches the client; writeWebResponse
 * then drains or closes what is left.
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
    },
  });
}

export async function writeWebResponse(response: Response, res: ServerResponse, req?: IncomingMessage): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const body = Buffer.from(await response.arrayBuffer());
  // The handler answered before reading the whole body (a 413, a 405): this connection is done.
  const unread = req !== undefined && !req.complete;
  if (unread) headers.connection = "close";
  res.writeHead(response.status, headers);
  res.end(body);
  if (unread) discardRest(req);
}

/** Reads and drops what the client still sends, up to MAX_DRAIN_BYTES, then closes. */
function discardRest(req: IncomingMessage): void {
  let drained = 0;
  req.removeAllListeners("data");
  req.on("data", (chunk: Buffer) => {
    drained += chunk.byteLength;
    if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
  });
  req.resume();
}

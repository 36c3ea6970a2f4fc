/**
 * The preview through the one Node adapter: any Host header, bodies streamed and refused
 * early, the client's address passed on for flood control, and its own port's origin accepted.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPreviewRules, type RunningPreview, startPreviewServer } from "../../src/http/preview/server.ts";
import { MAX_BODY_BYTES } from "../../src/replies/pipeline/read-request.ts";
import { setupPipeline, VALID } from "../replies/support/pipeline.ts";
import { ROOT } from "../support/build-site.ts";

let root: string;
let preview: RunningPreview;
let pipeline: ReturnType<typeof setupPipeline>;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "broadsheet-preview-"));
  await writeFile(path.join(root, "index.html"), "<!doctype html><title>home</title>");
  pipeline = setupPipeline();
  const rules = await loadPreviewRules(path.join(ROOT, "netlify.toml"), root);
  preview = await startPreviewServer({ root, rules, api: { "/api/replies": pipeline.handle }, port: 0 });
});

afterAll(async () => {
  await preview.close();
  await rm(root, { recursive: true, force: true });
});

/** Sends raw bytes and collects the answer until the server closes or `until` matches it. */
function rawRequest(
  head: string,
  options: { bodyBytes?: number; chunked?: boolean; localAddress?: string } = {},
): Promise<{ answer: string; sent: number }> {
  return new Promise((resolve) => {
    const socket = connect({
      host: "127.0.0.1",
      port: preview.port,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    let answer = "";
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ answer, sent });
    };
    socket.on("data", (chunk) => {
      answer += chunk.toString("latin1");
      if (/\r\n\r\n/.test(answer) && !options.bodyBytes) finish();
    });
    socket.on("close", finish);
    socket.on("error", finish);
    socket.write(head);
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!done && sent < (options.bodyBytes ?? 0)) {
        const piece = options.chunked
          ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")])
          : chunk;
        sent += chunk.length;
        if (!socket.write(piece)) return void socket.once("drain", pump);
      }
    };
    if (options.bodyBytes) pump();
    // Either way, give up after a few seconds: the assertion says what was received by then.
    setTimeout(finish, 5000);
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);

describe("the preview server", () => {
  it("survives a Host header that is not a host, and keeps serving", async () => {
    const { answer } = await rawRequest("GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
    expect([200, 400]).toContain(statusOf(answer));
    const after = await rawRequest(
      `POST /api/replies HTTP/1.1\r\nHost: evil.example/x?\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    // The path asked for is still /api/replies (the pipeline answers), not whatever the Host spelled.
    expect(statusOf(after.answer)).toBe(403);
    expect((await fetch(`${preview.url}/`)).status).toBe(200);
  });

  it("refuses a declared 300 MB POST at once, without reading it", async () => {
    const head = `POST /api/replies HTTP/1.1\r\nHost: localhost\r\nOrigin: ${preview.url}\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`;
    const { answer, sent } = await rawRequest(head, { bodyBytes: 300 * 1024 * 1024 });
    expect(statusOf(answer)).toBe(413);
    expect(answer.toLowerCase()).toContain("connection: close");
    // What the client managed to push before the server answered and hung up: socket buffers, not 300 MB.
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a chunked body without a length once it passes the limit", async () => {
    const head = `POST /api/replies HTTP/1.1\r\nHost: localhost\r\nOrigin: ${preview.url}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const { answer, sent } = await rawRequest(head, { bodyBytes: 300 * 1024 * 1024, chunked: true });
    expect(statusOf(answer)).toBe(413);
    expect(sent).toBeGreaterThan(MAX_BODY_BYTES);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a POST to a static path without reading its body", async () => {
    const head = `POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`;
    const { answer, sent } = await rawRequest(head, { bodyBytes: 300 * 1024 * 1024 });
    expect(statusOf(answer)).toBe(405);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it("accepts replies from its own origin (the port it really bound) and applies flood control by address", async () => {
    const send = (n: number, localAddress: string) =>
      rawRequest(
        `POST /api/replies HTTP/1.1\r\nHost: 127.0.0.1:${preview.port}\r\nOrigin: http://localhost:${preview.port}\r\nContent-Type: application/json\r\nAccept: application/json\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body(n))}\r\n\r\n${body(n)}`,
        { localAddress },
      ).then(({ answer }) => statusOf(answer));
    const body = (n: number) => JSON.stringify({ ...VALID, email: `preview${n}@example.org`, comment: `Preview reply ${n}` });
    expect(await send(1, "127.0.0.5")).toBe(201);
    expect(await send(2, "127.0.0.5")).toBe(429);
    expect(await send(3, "127.0.0.6")).toBe(201);
  });
});

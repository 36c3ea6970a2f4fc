/**
 * `npm start` under the faults of issue 14: a Host header that is not a host, a taken port
 * (the server moves to the next one and must accept replies from there), and listening on
 * this machine only.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, type RunningCommand, startCommand, waitUntil } from "../support/processes.ts";
import { createStoryRepo } from "../support/story-repo.ts";

let repoDir: string;
let outputDir: string;
let server: RunningCommand | undefined;
let squatter: Server;
let port: number;

beforeAll(async () => {
  ({ repoDir } = await createStoryRepo("broadsheet-dev-faults-"));
  outputDir = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-faults-site-"));
  // PORT is taken, as by a second `npm start`: the dev server moves to PORT + 1.
  port = await freePort();
  squatter = createServer((_req, res) => res.end("someone else")).listen(port, "127.0.0.1");
  server = await startCommand(
    "src/build/start.ts",
    { CONTENT_DIR: path.join(repoDir, "content"), OUTPUT_DIR: outputDir, PORT: String(port), HOST: "" },
    "Server at",
  );
  await waitUntil(
    async () => (await fetch(`http://127.0.0.1:${port + 1}/articles/open-story/`).catch(() => undefined))?.status === 200,
    120_000,
    "the first build",
  );
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => squatter.close(resolve));
  await rm(repoDir, { recursive: true, force: true });
  await rm(outputDir, { recursive: true, force: true });
});

function rawRequest(text: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port: port + 1 });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("close", () => resolve(answer));
    socket.on("error", () => resolve(answer));
    socket.write(text);
    setTimeout(() => socket.destroy(), 5000);
  });
}

it("answers a request whose Host is not a host, and keeps running", async () => {
  const body = JSON.stringify({ author: "A", email: "a@example.org", comment: "x", article: "open-story" });
  const answer = await rawRequest(
    `POST /api/replies HTTP/1.1\r\nHost: a b\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  );
  expect(answer).toMatch(/^HTTP\/1\.1 403/); // no Origin: refused, not crashed
  await rawRequest("GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n");
  expect(server!.child.exitCode).toBeNull();
  expect((await fetch(`http://127.0.0.1:${port + 1}/`)).status).toBe(200);
});

it("accepts a reply from the port it fell back to", async () => {
  const origin = `http://localhost:${port + 1}`;
  const response = await fetch(`http://127.0.0.1:${port + 1}/api/replies`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ author: "Reader", email: "reader@example.org", comment: "From the fallback port", article: "open-story" }),
  });
  expect(response.status).toBe(201);
  expect(await response.json()).toMatchObject({ ok: true, status: "pending" });
});

it("listens on loopback only", async () => {
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === "IPv4");
  if (!outside) return; // A machine with no other interface cannot be reached from outside anyway.
  const reached = await new Promise<boolean>((resolve) => {
    const socket = connect({ host: outside.address, port: port + 1 });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  expect(reached).toBe(false);
});

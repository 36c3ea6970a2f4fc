/** A pipeline wired with fakes, and a helper to post to it as a browser would. */

import { createFloodMemory } from "../../../src/replies/pipeline/flood-memory.ts";
import { createReplyPipeline } from "../../../src/replies/pipeline/handle-reply.ts";
import { hashEmail } from "../../../src/replies/pipeline/hash-keys.ts";
import { createKeyedLock } from "../../../src/replies/pipeline/keyed-lock.ts";
import type { ReplyDeps, ReplyLogEntry } from "../../../src/replies/pipeline/reply-deps.ts";
import { createReplyId } from "../../../src/replies/pipeline/reply-id.ts";
import type { Manifest } from "../../../src/shared/article-manifest.ts";
import type { ReplyRecord } from "../../../src/shared/reply-record.ts";
import { makeManifest, NOW, ORIGIN } from "./manifest.ts";
import { MemoryStore } from "./memory-store.ts";

export const SECRET = "test-secret";

export const VALID = {
  author: "Ada Lovelace",
  email: "ada@example.org",
  url: "",
  comment: "A thoughtful reply.",
  article: "open-article",
} as const;

export function setupPipeline(options: { manifest?: Manifest; deps?: Partial<ReplyDeps> } = {}) {
  const store = new MemoryStore();
  const logs: ReplyLogEntry[] = [];
  const clock = { now: NOW.getTime() };
  const deps: ReplyDeps = {
    store,
    loadManifest: async () => options.manifest ?? makeManifest(),
    now: () => new Date(clock.now),
    makeId: (date) => createReplyId(date),
    secret: SECRET,
    flood: createFloodMemory(),
    lock: createKeyedLock(),
    log: (entry) => logs.push(entry),
    ...options.deps,
  };
  return { handle: createReplyPipeline(deps), store, logs, clock, deps };
}

export interface PostOptions {
  as?: "json" | "form";
  headers?: Record<string, string | null>;
  method?: string;
  body?: BodyInit;
}

export function post(fields: Record<string, string | number | null>, options: PostOptions = {}): Request {
  const as = options.as ?? "json";
  const headers: Record<string, string> = {
    Origin: ORIGIN,
    "Content-Type": as === "json" ? "application/json" : "application/x-www-form-urlencoded",
  };
  if (as === "json") headers.Accept = "application/json";
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name];
    else headers[name] = value;
  }
  const body =
    options.body ??
    (as === "json" ? JSON.stringify(fields) : new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v ?? "")])).toString());
  const method = options.method ?? "POST";
  const init = { method, headers, body: method === "GET" ? null : body, duplex: "half" };
  return new Request(`${ORIGIN}/api/replies`, init as RequestInit);
}

/** A stored reply, as if a moderator had already dealt with it. */
export function makeRecord(overrides: Partial<ReplyRecord> = {}): ReplyRecord {
  return {
    id: createReplyId(new Date(NOW.getTime() - 86_400_000)),
    article: "open-article",
    parent: null,
    author: "Someone",
    url: null,
    body: "Earlier reply",
    date: new Date(NOW.getTime() - 86_400_000).toISOString(),
    status: "approved",
    emailHash: hashEmail(SECRET, "someone@example.org"),
    ...overrides,
  };
}

export async function readJson(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

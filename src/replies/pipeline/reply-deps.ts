/** Everything the pipeline does not compute itself, passed in so tests can pass fakes. */
import type { Manifest } from "../../shared/article-manifest.ts";
import type { NotifyModerators } from "../moderation/notify-moderators.ts";
import type { ReplyStore } from "../stores/store.ts";
import type { FloodMemory } from "./flood-memory.ts";
import type { KeyedLock } from "./keyed-lock.ts";
import type { AkismetChecker, TurnstileVerifier } from "./verifiers.ts";

export interface ReplyDeps {
  store: ReplyStore;
  loadManifest: () => Promise<Manifest>;
  now: () => Date;
  makeId: (date: Date) => string;
  /** HMAC key for email hashes and flood keys. */
  secret: string;
  flood: FloodMemory;
  lock: KeyedLock;
  verifyTurnstile?: TurnstileVerifier;
  checkAkismet?: AkismetChecker;
  /** Tells the moderators a reply is held (email, webhook); never rejects. */
  notifyModerators?: NotifyModerators;
  /** One line per request: codes, ids and article keys only, never what the reader typed. */
  log: (entry: ReplyLogEntry) => void;
  maxBodyBytes?: number;
}

/** What the platform knows about the connection (Netlify's context.ip, or the socket's address). */
export interface RequestContext {
  ip?: string | undefined;
  /** The origins of the local server the request came in on (dev server, preview), by the port it really bound. */
  localOrigins?: readonly string[];
  /** Netlify's context.waitUntil: work that may finish after the answer is sent. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

export interface ReplyLogEntry {
  event: "stored" | "rejected" | "spam" | "failed";
  code?: string;
  id?: string;
  article?: string;
  status?: string;
  reasons?: readonly string[];
  error?: string;
}

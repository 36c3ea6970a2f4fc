/** Keyed hashes: what we keep instead of an email or an IP address. */
import { createHash, createHmac } from "node:crypto";

/**
 * How a name or an email is compared: trimmed, NFKC (full-width and compatibility forms fold
 * to their plain letters), runs of whitespace as one space, lowercase.
 */
export function normaliseIdentity(value: string): string {
  return value.normalize("NFKC").replace(/\s+/gu, " ").trim().toLowerCase();
}

/** Stored in the reply file, so the same person can be recognised without keeping the email. */
export function hashEmail(secret: string, email: string): string {
  return createHmac("sha256", secret).update(normaliseIdentity(email)).digest("hex");
}

/**
 * A trusted replier's key: the same name AND email as an approved reply, as WordPress requires
 * (the email alone let anyone who knew an approved reader's address post unmoderated under any
 * name). It names the reader's file in content/replies/.trusted/. The importer calls this too.
 */
export function hashTrustKey(secret: string, name: string, email: string): string {
  return trustKeyOf(name, hashEmail(secret, email));
}

/**
 * The same key from what a stored reply keeps (its author and keyed email hash), so moderation
 * computes it without the email or the secret. Still keyed: the email hash is an HMAC.
 */
export function trustKeyOf(name: string, emailHash: string): string {
  return createHash("sha256")
    .update(`broadsheet-trust\n${normaliseIdentity(name)}\n${emailHash}`)
    .digest("hex");
}

/** Flood keys live in memory only; the prefix keeps an IP and an email from ever colliding. */
export function hashFloodKey(secret: string, kind: "email" | "ip", value: string): string {
  return createHmac("sha256", secret).update(`flood:${kind}:${value.trim().toLowerCase()}`).digest("hex");
}

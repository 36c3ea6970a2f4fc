/** Keyed hashes: what we keep instead of an email or an IP address. */
import { createHmac } from "node:crypto";

/** Stored in the reply file, so the same person can be recognised without keeping the email. */
export function hashEmail(secret: string, email: string): string {
  return createHmac("sha256", secret).update(email.trim().toLowerCase()).digest("hex");
}

/** Flood keys live in memory only; the prefix keeps an IP and an email from ever colliding. */
export function hashFloodKey(secret: string, kind: "email" | "ip", value: string): string {
  return createHmac("sha256", secret).update(`flood:${kind}:${value.trim().toLowerCase()}`).digest("hex");
}

/** SHA-256 of a text or bytes, as the caller stores it: hex, or base64url where it is a key. */
import { createHash } from "node:crypto";

export function sha256(data: string | Uint8Array, encoding: "hex" | "base64url"): string {
  return createHash("sha256").update(data).digest(encoding);
}

/** Reply ids: UTC time to the millisecond (so they sort by time), then 50 random bits. */
import { randomBytes } from "node:crypto";

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

export function createReplyId(date: Date, random: (size: number) => Uint8Array = randomBytes): string {
  const stamp = date.toISOString().replace(/[-:.]/g, ""); // 20240102T030405678Z
  const suffix = [...random(10)].map((byte) => BASE32[byte % 32]).join("");
  return `${stamp}-${suffix}`;
}

/** The HTTP boundary: method, content type, size, and the body as flat string fields. */
import { readBodyWithin } from "../../http/read-body.ts";
import { REPLY_LIMITS } from "../../shared/reply-record.ts";
import { ReplyError } from "./reply-error.ts";

/**
 * Big enough for every field at its limit in any script and either encoding: the worst is
 * a urlencoded BMP character (3 UTF-8 bytes, each sent as %XX: 9 bytes per UTF-16 unit, so
 * a Chinese reply of 65,525 characters is ~590 KB). The slack covers field names, the
 * article key, parent id and the Turnstile token. Anything bigger is refused before it is read.
 */
const WORST_BYTES_PER_UNIT = 9;
export const MAX_BODY_BYTES =
  WORST_BYTES_PER_UNIT * (REPLY_LIMITS.author + REPLY_LIMITS.email + REPLY_LIMITS.url + REPLY_LIMITS.body) + 16 * 1024;

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export type FormFields = Record<string, string>;

/** JSON answers for script clients (Accept or a JSON body); a 303 for plain HTML forms. */
export function prefersJson(req: Request): boolean {
  const accept = req.headers.get("accept") ?? "";
  return accept.includes(JSON_TYPE) || readMediaType(req) === JSON_TYPE;
}

export function assertReplyRequest(req: Request): void {
  if (req.method !== "POST") throw new ReplyError("method_not_allowed");
  const type = readMediaType(req);
  if (type !== FORM && type !== JSON_TYPE) throw new ReplyError("unsupported_media_type");
}

export async function readFormFields(req: Request, maxBytes = MAX_BODY_BYTES): Promise<FormFields> {
  const declared = Number(req.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw new ReplyError("body_too_large");
  const text = decodeUtf8(await readBytes(req, maxBytes));
  return readMediaType(req) === JSON_TYPE ? parseJsonFields(text) : parseFormFields(text);
}

function readMediaType(req: Request): string {
  return (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Reads at most maxBytes (src/http/read-body.ts): a longer body is refused before it is all read. */
async function readBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const bytes = await readBodyWithin(req, maxBytes);
  if (bytes === undefined) throw new ReplyError("body_too_large");
  return bytes;
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    throw new ReplyError("bad_request", {}, { cause: error });
  }
}

function parseFormFields(text: string): FormFields {
  const fields: FormFields = {};
  // The first value of a repeated name wins, as a plain <form> never repeats one.
  for (const [name, value] of new URLSearchParams(text)) fields[name] ??= value;
  return fields;
}

function parseJsonFields(text: string): FormFields {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReplyError("bad_request", {}, { cause: error });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ReplyError("bad_request");
  const fields: FormFields = {};
  for (const [name, value] of Object.entries(json)) {
    if (value === null) continue;
    if (typeof value !== "string" && typeof value !== "number") throw new ReplyError("bad_request");
    fields[name] = String(value);
  }
  return fields;
}

/** A reply the pipeline refuses: a stable code, its HTTP status, and per-field messages. */
import { REPLY_MESSAGES, type ReplyErrorCode, type ReplyField } from "../../shared/reply-messages.ts";

export type FieldErrors = Partial<Record<ReplyField, ReplyErrorCode>>;

export class ReplyError extends Error {
  override readonly name = "ReplyError";
  readonly status: number;

  constructor(
    readonly code: ReplyErrorCode,
    readonly fields: FieldErrors = {},
    options?: { cause?: unknown },
  ) {
    // The message is ours, never the reader's input, so it is safe to log and to show.
    super(REPLY_MESSAGES[code].message, options);
    this.status = REPLY_MESSAGES[code].status;
  }
}

/** Throws the first field's code, carrying all of them so the form can mark every field. */
export function throwIfFieldErrors(fields: FieldErrors): void {
  const first = Object.values(fields)[0];
  if (first) throw new ReplyError(first, fields);
}

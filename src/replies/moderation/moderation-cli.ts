/** `npm run replies -- list | approve ID… | reject ID…`, as a function tests can call. */
import type { ReplyRecord } from "../../shared/reply-record.ts";
import { approveReplies, listPendingReplies, type ModerationRepo, rejectReplies, UnknownReplyError } from "./moderation.ts";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = "Usage: npm run replies -- list | approve ID… | reject ID…";

export async function runRepliesCli(args: readonly string[], repo: ModerationRepo, io: CliIo): Promise<number> {
  const [command, ...ids] = args;
  try {
    if (command === "list" && ids.length === 0) {
      const pending = await listPendingReplies(repo);
      io.out(pending.length === 0 ? "No replies are waiting." : `${pending.length} waiting for a moderator:`);
      for (const record of pending) io.out(formatPending(record));
      return 0;
    }
    if ((command === "approve" || command === "reject") && ids.length > 0) {
      const act = command === "approve" ? approveReplies : rejectReplies;
      const done = await act(repo, ids);
      const verb = command === "approve" ? "Approved" : "Rejected";
      io.out(done.length === 0 ? "Nothing to change: already approved." : `${verb} and committed: ${done.join(", ")}`);
      return 0;
    }
    io.err(USAGE);
    return 2;
  } catch (error) {
    if (error instanceof UnknownReplyError) {
      io.err(`${error.message}. Nothing was changed.`);
      return 1;
    }
    throw error;
  }
}

/**
 * Characters that would make the terminal lie about reader text: C0/C1 controls (escape
 * sequences) and bidirectional controls, which reorder what follows them on the line
 * (U+202E shows "exe.gnp" as "png.exe"; CVE-2021-42574 "Trojan Source").
 */
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One reply per two lines. Reader text is stripped of controls and bidi controls: no terminal escapes. */
export function formatPending(record: ReplyRecord): string {
  const clean = (text: string, max: number) => {
    const flat = text.replace(TERMINAL_UNSAFE, " ").replace(/\s+/g, " ").trim();
    return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  };
  const firstLine = record.body.split("\n").find((line) => line.trim() !== "") ?? "";
  return `${record.id}  ${record.article}  ${clean(record.author, 40)}  ${record.date}\n    ${clean(firstLine, 100)}`;
}

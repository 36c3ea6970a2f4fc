/**
 * Where held (pending) replies go. By default into the content folder with the rest of the
 * import; a site that keeps pending replies off the published branch passes its own sink.
 */
import path from "node:path";
import { type ReplyRecord, replyPath, serializeReplyRecord } from "../shared/reply-record.ts";
import type { PlannedFile } from "./write-files.ts";

export interface ReplySink {
  /**
   * Called once, after every item converted and validated, before anything is written.
   * @param stage adds a file to the content folder's write (staged and moved with the rest).
   */
  storePending(records: readonly ReplyRecord[], stage: (file: PlannedFile) => void): Promise<void>;
}

/** The reply's file in the content folder, relative to it. */
export function replyFile(record: ReplyRecord): PlannedFile {
  return { path: path.posix.normalize(replyPath(record.article, record.id, ".")), source: { text: serializeReplyRecord(record) } };
}

export const contentFolderReplySink: ReplySink = {
  async storePending(records, stage) {
    for (const record of records) stage(replyFile(record));
  },
};

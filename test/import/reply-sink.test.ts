/** Held comments go through the ReplySink the caller passes, not into the content folder. */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import type { ReplySink } from "../../src/import/reply-sink.ts";
import { importWordpress } from "../../src/import/wordpress/import-wordpress.ts";
import { hashEmail } from "../../src/replies/pipeline/hash-keys.ts";
import type { ReplyRecord } from "../../src/shared/reply-record.ts";
import { createSiteFolder, FIXTURES, SECRET } from "./support/run-import.ts";

const folders: string[] = [];
afterAll(() => Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true }))));

it("hands the pending replies to the sink and writes only the approved ones", async () => {
  const { root, content } = await createSiteFolder();
  folders.push(root);
  const received: ReplyRecord[] = [];
  const sink: ReplySink = {
    async storePending(records) {
      received.push(...records);
    },
  };
  const summary = await importWordpress({
    exportFile: path.join(FIXTURES, "newsroom-wxr-1.2.xml"),
    contentDir: content,
    force: false,
    secret: SECRET,
    hashEmail,
    trustKey: (secret, _name, email) => hashEmail(secret, email),
    replySink: sink,
  });
  expect(received.map((record) => [record.author, record.status])).toEqual([["Held Reader", "pending"]]);
  expect(summary.replies).toEqual({ approved: 7, pending: 1 });
  const written = await readdir(path.join(content, "replies/alibaba-joins-coalition"));
  expect(written).toHaveLength(6);
  expect(written).not.toContain(`${received[0]!.id}.json`);
});

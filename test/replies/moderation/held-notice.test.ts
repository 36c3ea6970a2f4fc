/** The pipeline tells moderators about held replies only, and never fails a reply over it. */
import { describe, expect, it } from "vitest";
import type { HeldReply } from "../../../src/replies/moderation/moderation-notice.ts";
import { hashEmail } from "../../../src/replies/pipeline/hash-keys.ts";
import { makeRecord, post, readJson, SECRET, setupPipeline, VALID } from "../support/pipeline.ts";

describe("a held reply", () => {
  it("is handed to the notifier with its article, and nothing about the reader but what is published", async () => {
    const held: HeldReply[] = [];
    const { handle } = setupPipeline({ deps: { notifyModerators: async (notice) => void held.push(notice) } });
    const body = await readJson(await handle(post(VALID)));
    expect(body.status).toBe("pending");
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({
      articleTitle: "Open",
      articleUrl: "https://broadsheet.example.org/articles/open-article/",
      siteUrl: "https://broadsheet.example.org/",
    });
    expect(held[0]!.record.id).toBe(body.id);
    expect(JSON.stringify(held)).not.toContain(VALID.email);
  });

  it("is not announced when it was approved at once (a trusted reader)", async () => {
    const held: HeldReply[] = [];
    const { handle, store } = setupPipeline({ deps: { notifyModerators: async (notice) => void held.push(notice) } });
    store.records.push(makeRecord({ emailHash: hashEmail(SECRET, VALID.email) }));
    expect((await readJson(await handle(post(VALID)))).status).toBe("approved");
    expect(held).toEqual([]);
  });

  it("is still accepted when the notifier fails", async () => {
    const { handle, store } = setupPipeline({ deps: { notifyModerators: () => Promise.reject(new Error("mail down")) } });
    const response = await handle(post(VALID));
    expect(response.status).toBe(201);
    expect(store.records).toHaveLength(1);
  });

  it("is answered without waiting for the notice where the platform offers waitUntil", async () => {
    let finish: () => void = () => undefined;
    const pending: Promise<unknown>[] = [];
    const { handle } = setupPipeline({ deps: { notifyModerators: () => new Promise<void>((resolve) => (finish = resolve)) } });
    const response = await handle(post(VALID), { waitUntil: (promise) => void pending.push(promise) });
    expect(response.status).toBe(201);
    expect(pending).toHaveLength(1);
    finish();
    await pending[0];
  });
});

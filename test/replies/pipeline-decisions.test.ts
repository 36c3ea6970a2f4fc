/** Request → response: spam rules, moderation decisions, what is stored, JSON vs 303. */
import { describe, expect, it } from "vitest";
import { hashEmail } from "../../src/replies/pipeline/hash-keys.ts";
import { type AkismetChecker, createAkismetChecker, type TurnstileVerifier, type Verdict } from "../../src/replies/pipeline/verifiers.ts";
import { REPLY_MESSAGES } from "../../src/shared/reply-messages.ts";
import { parseReplyRecord } from "../../src/shared/reply-record.ts";
import { makeManifest } from "./support/manifest.ts";
import { makeRecord, post, readJson, SECRET, setupPipeline, VALID } from "./support/pipeline.ts";

/** A reader whose earlier reply a moderator approved. */
const knownReader = () => makeRecord({ emailHash: hashEmail(SECRET, VALID.email), body: "An earlier reply" });

describe("moderation decisions", () => {
  it.each([
    ["a first-time reader", false, {}, "pending"],
    ["a reader with an approved reply", true, {}, "approved"],
    ["a known reader with one link", true, { comment: "See https://example.org/a" }, "approved"],
    ["a known reader with two links", true, { comment: "See https://example.org/a and www.example.net" }, "pending"],
    ["a known reader using a moderation word", true, { comment: "Nothing like a CASINO night" }, "pending"],
    ["a known reader with a moderation word in the url", true, { url: "https://casino.example/" }, "pending"],
    ["a known reader with a moderation word in the name", true, { author: "Casino Royale" }, "pending"],
  ])("%s → %s", async (_name, known, fields, status) => {
    const { handle, store } = setupPipeline();
    if (known) store.records.push(knownReader());
    const response = await handle(post({ ...VALID, ...fields }));
    expect(response.status).toBe(201);
    expect(await readJson(response)).toMatchObject({ ok: true, status, message: REPLY_MESSAGES[status as "pending"].message });
    expect(store.records.at(-1)?.status).toBe(status);
  });

  it("does not trust a reader whose earlier reply is still pending", async () => {
    const { handle, store } = setupPipeline();
    store.records.push(makeRecord({ emailHash: hashEmail(SECRET, VALID.email), status: "pending" }));
    expect(await readJson(await handle(post(VALID)))).toMatchObject({ status: "pending" });
  });
});

describe("the honeypot", () => {
  it.each(["json", "form"] as const)("answers a filled-in website_confirm (%s) as if pending, and stores nothing", async (as) => {
    const { handle, store, logs } = setupPipeline();
    const response = await handle(post({ ...VALID, website_confirm: "http://spam.example" }, { as }));
    if (as === "json") {
      expect(response.status).toBe(201);
      expect(await readJson(response)).toMatchObject({ ok: true, status: "pending" });
    } else {
      expect(response.status).toBe(303);
      expect(response.headers.get("location")).toBe("/articles/open-article/#reply-pending");
    }
    expect(store.records).toHaveLength(0);
    expect(logs).toContainEqual({ event: "spam", article: "open-article" });
  });
});

describe("outside checks, when configured", () => {
  const turnstile =
    (verdict: Verdict): TurnstileVerifier =>
    async (token) =>
      token ? verdict : "fail";
  const akismet =
    (verdict: Verdict): AkismetChecker =>
    async () =>
      verdict;

  it.each([
    ["Turnstile passes a known reader", { verifyTurnstile: turnstile("pass") }, "tok", 201, "approved"],
    ["Turnstile rejects the token", { verifyTurnstile: turnstile("fail") }, "tok", 403, "captcha_failed"],
    ["Turnstile token missing", { verifyTurnstile: turnstile("pass") }, "", 403, "captcha_failed"],
    ["Turnstile unreachable", { verifyTurnstile: turnstile("unknown") }, "tok", 201, "pending"],
    ["Akismet says ham for a known reader", { checkAkismet: akismet("pass") }, "", 201, "approved"],
    ["Akismet says spam", { checkAkismet: akismet("fail") }, "", 201, "pending"],
    ["Akismet unreachable", { checkAkismet: akismet("unknown") }, "", 201, "pending"],
  ])("%s → %i %s", async (_name, deps, token, status, outcome) => {
    const { handle, store } = setupPipeline({ deps });
    store.records.push(knownReader());
    const response = await handle(post({ ...VALID, "cf-turnstile-response": token }));
    expect(response.status).toBe(status);
    const body = await readJson(response);
    expect(status === 201 ? body.status : body.code).toBe(outcome);
  });

  it("gives Akismet the article's permalink, the site's URL from the build, and the reader's text", async () => {
    const seen: unknown[] = [];
    const { handle } = setupPipeline({
      deps: {
        checkAkismet: async (comment) => {
          seen.push(comment);
          return "pass";
        },
      },
    });
    await handle(post(VALID));
    expect(seen).toEqual([
      {
        author: VALID.author,
        email: VALID.email,
        url: null,
        body: VALID.comment,
        permalink: "https://broadsheet.example.org/articles/open-article/",
        blog: "https://broadsheet.example.org/",
      },
    ]);
  });

  it("sends Akismet's blog as the manifest's site URL, whatever SITE_URL is at run time", async () => {
    const forms: URLSearchParams[] = [];
    const fakeAkismet: typeof fetch = async (_url, init) => {
      forms.push(new URLSearchParams(String(init?.body)));
      return new Response("false");
    };
    const { handle } = setupPipeline({ deps: { checkAkismet: createAkismetChecker("key", fakeAkismet, "http://akismet.invalid/") } });
    await handle(post(VALID));
    expect(forms[0]?.get("blog")).toBe("https://broadsheet.example.org/");
  });
});

describe("the stored record", () => {
  it("is valid against the shared schema and keeps a keyed hash instead of the email", async () => {
    const { handle, store } = setupPipeline();
    const response = await handle(
      post({ ...VALID, email: " Ada@Example.ORG ", url: "https://ada.example/", comment: "Line one\r\nLine two" }),
    );
    const { id } = await readJson(response);
    const record = parseReplyRecord(store.records[0], "stored");
    expect(record).toMatchObject({
      id,
      article: "open-article",
      parent: null,
      author: VALID.author,
      url: "https://ada.example/",
      body: "Line one\nLine two",
      status: "pending",
      emailHash: hashEmail(SECRET, "ada@example.org"),
    });
    expect(JSON.stringify(record).toLowerCase()).not.toContain("ada@example.org");
  });

  it.each([
    [false, /^Reply \S+ on open-article$/],
    [true, /^Reply \S+ on open-article \[skip netlify\]$/],
  ])("with skipDeployOnReply %s is committed as %s", async (skipDeployOnReply, message) => {
    const { handle, store } = setupPipeline({ manifest: makeManifest({ skipDeployOnReply }) });
    await handle(post(VALID));
    expect(store.messages[0]).toMatch(message);
  });
});

describe("answers for plain forms (no JavaScript)", () => {
  it.each([
    ["an accepted reply", VALID, "/articles/open-article/#reply-pending"],
    ["a missing name", { ...VALID, author: "" }, "/replies/status/author_required/?article=open-article"],
    ["a closed article", { ...VALID, article: "closed-article" }, "/replies/status/replies_closed/?article=closed-article"],
    ["an unknown article (its key is not echoed)", { ...VALID, article: "<script>x</script>" }, "/replies/status/article_not_found/"],
  ])("%s → 303 to the status page", async (_name, fields, location) => {
    const { handle } = setupPipeline();
    const response = await handle(post(fields, { as: "form" }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(location);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
  });

  it("answers an approved reply with result=approved", async () => {
    const { handle, store } = setupPipeline();
    store.records.push(knownReader());
    const response = await handle(post(VALID, { as: "form" }));
    expect(response.headers.get("location")).toBe("/articles/open-article/#reply-approved");
  });

  it("answers JSON to a form post that asks for it with Accept", async () => {
    const { handle } = setupPipeline();
    const response = await handle(post(VALID, { as: "form", headers: { Accept: "application/json" } }));
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });
});

describe("never echoes what the reader typed", () => {
  it.each([
    ["an invalid email", { email: "<img src=x onerror=alert(1)>" }],
    ["an invalid url", { url: "javascript:<b>MARKER</b>" }],
    ["a too-long name", { author: `MARKER${"x".repeat(300)}` }],
  ])("in the answer to %s", async (_name, fields) => {
    const { handle } = setupPipeline();
    const text = await (await handle(post({ ...VALID, ...fields }))).text();
    expect(text).not.toMatch(/MARKER|<img|<b>/);
  });
});

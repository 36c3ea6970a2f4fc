import { describe, expect, it } from "vitest";
import { detectArticleLanguage, detectScriptLanguage, listOtherLanguages } from "../../src/site/detect-language.ts";
import { createIndexQueue } from "../../src/site/search-plugin.ts";

describe("detectScriptLanguage", () => {
  it.each([
    ["国际反假冒联盟宣布暂停阿里巴巴的会员资格。", "zh"],
    ["阿里巴巴 joined the IACC, 国际反假冒联盟宣布暂停阿里巴巴的会员资格", "zh"],
    ["東京の天気は晴れです。", "ja"],
    ["서울의 날씨는 맑습니다.", "ko"],
    ["Alibaba joins the anti-counterfeiting alliance in 北京.", undefined],
    ["Plain English text with no CJK at all.", undefined],
    ["1234 — !!!", undefined],
  ])("%s → %s", (text, expected) => {
    expect(detectScriptLanguage(text)).toBe(expected);
  });

  it("names an article's language only when it differs from the site's", () => {
    expect(detectArticleLanguage("阿里巴巴暂停会员资格", "en")).toBe("zh");
    expect(detectArticleLanguage("阿里巴巴暂停会员资格", "zh-Hans")).toBeUndefined();
    expect(detectArticleLanguage("Market report", "en")).toBeUndefined();
  });

  it("lists the other languages once each, sorted", () => {
    expect(listOtherLanguages([{ language: "zh" }, { language: undefined }, { language: "ja" }, { language: "zh" }])).toEqual(["ja", "zh"]);
  });
});

describe("the dev server's index queue", () => {
  it("runs one pass at a time and one more for rebuilds that land during a pass", async () => {
    let passes = 0;
    let release: () => void = () => {};
    const messages: string[] = [];
    const queue = createIndexQueue(async () => {
      passes++;
      await new Promise<void>((resolve) => (release = resolve));
      return { pages: 3, languages: ["en"], ms: 1200 };
    }, (message) => messages.push(message));
    const first = queue.schedule();
    queue.schedule();
    queue.schedule();
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    release();
    await first;
    expect(passes).toBe(2);
    expect(messages).toEqual(["Search index: 3 pages (en) in 1.2 s", "Search index: 3 pages (en) in 1.2 s"]);
  });

  it("reports a failed pass and carries on", async () => {
    const messages: string[] = [];
    const queue = createIndexQueue(async () => {
      throw new Error("disk full");
    }, (message) => messages.push(message));
    await queue.schedule();
    expect(messages).toEqual(["Search index failed: disk full"]);
  });
});

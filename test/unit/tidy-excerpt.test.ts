import { describe, expect, it } from "vitest";
import { tidyExcerpt } from "../../src/client/tidy-excerpt.ts";

describe("search excerpts", () => {
  it.each([
    ["Report 2 <mark>(Gucci)</mark> body.", "Report 2 (<mark>Gucci</mark>) body."],
    ["said <mark>&quot;Gucci&quot;,</mark> then", "said &quot;<mark>Gucci</mark>&quot;, then"],
    ["<mark>Alibaba's</mark> news", "<mark>Alibaba's</mark> news"],
    ["a <mark>(</mark> b", "a ( b"],
    ["Two <mark>words</mark> <mark>marked</mark>.", "Two <mark>words</mark> <mark>marked</mark>."],
  ])("marks the word, not its punctuation: %s", (input, expected) => {
    expect(tidyExcerpt(input)).toBe(expected);
  });

  it.each([
    ["阿里巴巴暂停<mark>会员</mark>资格. 国际反假冒联盟宣布暂停", "阿里巴巴暂停<mark>会员</mark>资格。国际反假冒联盟宣布暂停"],
    ["国际 反假冒 联盟 宣布 暂停 <mark>阿里巴巴</mark> 的 会员 资格。", "国际反假冒联盟宣布暂停<mark>阿里巴巴</mark>的会员资格。"],
    ["Alibaba 阿里巴巴 joins. Then", "Alibaba 阿里巴巴 joins. Then"],
  ])("joins Chinese as Chinese is written: %s", (input, expected) => {
    expect(tidyExcerpt(input)).toBe(expected);
  });
});

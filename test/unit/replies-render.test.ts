import { describe, expect, it } from "vitest";
import { createReplyMarkdown } from "../../src/shared/reply-markdown.ts";
import { countReplies, threadReplies } from "../../src/site/model/reply-thread.ts";
import { findUnsafeMarkup } from "../support/unsafe-markup.ts";

const reply = (id: string, parent: string | null, date: string) => ({ id, parent, date });
const shape = (nodes: ReturnType<typeof threadReplies<ReturnType<typeof reply>>>): unknown =>
  nodes.map((node) => [node.reply.id, node.depth, shape(node.children)]);

describe("threadReplies", () => {
  it("nests replies under their parents, oldest first at every level", () => {
    const thread = threadReplies([
      reply("c", "a", "2024-01-03"),
      reply("b", null, "2024-01-02"),
      reply("a", null, "2024-01-01"),
      reply("d", "a", "2024-01-02T12:00"),
    ]);
    expect(shape(thread)).toEqual([
      [
        "a",
        1,
        [
          ["d", 2, []],
          ["c", 2, []],
        ],
      ],
      ["b", 1, []],
    ]);
    expect(countReplies(thread)).toBe(4);
  });

  it("keeps a reply whose parent is not shown, at the top level", () => {
    expect(shape(threadReplies([reply("orphan", "pending-one", "2024-01-02")]))).toEqual([["orphan", 1, []]]);
  });

  it("never nests deeper than the limit", () => {
    const chain = Array.from({ length: 8 }, (_, i) => reply(`r${i}`, i ? `r${i - 1}` : null, `2024-01-0${i + 1}`));
    const depths: number[] = [];
    const walk = (nodes: ReturnType<typeof threadReplies>) => {
      for (const n of nodes) {
        depths.push(n.depth);
        walk(n.children);
      }
    };
    walk(threadReplies(chain, 5));
    expect(Math.max(...depths)).toBe(5);
    expect(depths).toHaveLength(8);
  });
});

describe("reply markdown", () => {
  const render = (text: string) => createReplyMarkdown().render(text);
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ['<img src=x onerror="alert(1)">', "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"],
    ["[click](javascript:alert(1))", "[click](javascript:alert(1))"],
    ["[x](data:text/html;base64,PHNjcmlwdD4=)", "[x](data:text/html;base64,PHNjcmlwdD4=)"],
    ["![pic](https://example.com/a.png)", "!"],
    ["# Big heading", "# Big heading"],
  ])("renders %j without markup of the reader's", (input, expected) => {
    const html = render(input);
    expect(html).toContain(expected);
    expect(findUnsafeMarkup(html)).toEqual([]);
    expect(html).not.toMatch(/<(img|h1)\b/);
  });

  it.each([
    "[a](data:image/png;base64,iVBORw0KGgo=)",
    "[a](DATA:image/gif;base64,R0lGODlh)",
    "<data:image/webp;base64,UklGRg==>",
    "[a][r]\n\n[r]: data:image/jpeg;base64,/9j/",
    "[a](vbscript:msgbox(1)) [b](file:///etc/passwd) [c](ftp://example.org/)",
  ])("renders no link for %j (only http, https, mailto and relative addresses)", (input) => {
    expect(render(input)).not.toContain("<a ");
  });

  it.each([
    "[a](https://x.example)",
    "[a](http://x.example)",
    "[a](mailto:x@example.org)",
    "[a](//x.example/p)",
    "[a](/path)",
    "[a](#top)",
  ])("still links %j", (input) => expect(render(input)).toContain("<a "));

  it("marks readers' links nofollow ugc", () => {
    expect(render("[site](https://example.com)")).toBe('<p><a href="https://example.com" rel="nofollow ugc noopener">site</a></p>\n');
  });
});

describe("findUnsafeMarkup (the check the security tests rely on)", () => {
  it.each([
    ["<script>x</script>", "<script> element"],
    ['<p onclick="x">a</p>', "onclick= on <p>"],
    ['<a href=" javascript:alert(1)">a</a>', 'href=" javascript:alert(1)" on <a>'],
    ['<iframe src="data:text/html,x"></iframe>', "<iframe> element"],
  ])("flags %j", (html, finding) => expect(findUnsafeMarkup(html)).toContain(finding));

  it("does not flag escaped text or JSON-LD data blocks", () => {
    expect(findUnsafeMarkup('<p>&lt;script&gt; onerror=&quot;x&quot;</p><script type="application/ld+json">{}</script>')).toEqual([]);
  });
});

describe("findUnsafeMarkup and the site's own scripts", () => {
  it("accepts our content-hashed bundles, and nothing that only looks like one", () => {
    expect(findUnsafeMarkup('<script type="module" src="/assets/reply-form.0123456789.js"></script>')).toEqual([]);
    expect(findUnsafeMarkup('<script src="https://evil.example/assets/x.0123456789.js"></script>')).toEqual(["<script> element"]);
    expect(findUnsafeMarkup('<script src="/assets/x.0123456789.js">alert(1)</script>')).toEqual(["<script> element"]);
  });
});

/**
 * `npx tsx bench/wordpress-export.ts --posts 10000 --comments 50000 --out /tmp/export.xml [--seed 1]`:
 * writes a synthetic WordPress export (WXR 1.2) for measuring the importer: half classic-editor
 * HTML with shortcodes, half Gutenberg blocks, nested categories, tags, several authors, and
 * threaded comments with held ones, spam and pingbacks among them.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    posts: { type: "string", default: "10000" },
    comments: { type: "string", default: "50000" },
    out: { type: "string", default: "/tmp/wordpress-export.xml" },
    seed: { type: "string", default: "1" },
  },
});
const POSTS = Number(values.posts);
const COMMENTS = Number(values.comments);

let state = Number(values.seed) >>> 0 || 1;
/** xorshift32: the same export for the same seed. */
function random(): number {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x100000000;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const WORDS =
  "harbour ferry market council budget port trade shipping quay storm fishing tariff mayor school union strike festival ridge bridge tide".split(
    " ",
  );
const sentence = () => {
  const words = Array.from({ length: 8 + Math.floor(random() * 14) }, () => pick(WORDS));
  return `${words.join(" ").replace(/^./, (c) => c.toUpperCase())}.`;
};
const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(" ");
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
const pad = (n: number) => String(n).padStart(2, "0");
const wpDate = (t: number) => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
};

const AUTHORS = ["ann", "bo", "carol", "dev", "eli"];
const CATEGORIES = [
  ["news", ""],
  ["business", "news"],
  ["china", "business"],
  ["sport", ""],
  ["culture", ""],
  ["opinion", ""],
] as const;
const TAGS = Array.from({ length: 300 }, (_, i) => `tag-${i}`);
const STATUSES = [...Array(90).fill("publish"), ...Array(4).fill("draft"), "pending", "private", "future", "trash", "trash", "trash"];

function body(i: number): string {
  const paragraphs = Array.from({ length: 4 + (i % 5) }, paragraph);
  if (i % 2 === 0) {
    return (
      paragraphs.map((p) => `<!-- wp:paragraph -->\n<p>${p}</p>\n<!-- /wp:paragraph -->`).join("\n\n") +
      `\n\n<!-- wp:image {"id":1} -->\n<figure class="wp-block-image"><img src="https://bench.example.com/wp-content/uploads/2020/01/photo-${i}.jpg" alt="Photo ${i}"/></figure>\n<!-- /wp:image -->`
    );
  }
  return `${paragraphs.join("\n\n")}\n\n[caption id="attachment_${i}" width="600"]<img src="https://bench.example.com/wp-content/uploads/2020/01/photo-${i}.jpg" alt="Photo ${i}" /> A caption[/caption]\n\nhttps://www.youtube.com/watch?v=${i}\n\n<ul><li>${sentence()}</li><li>${sentence()}</li></ul>`;
}

const out = createWriteStream(values.out);
const write = async (text: string) => {
  if (!out.write(text)) await once(out, "drain");
};
await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Bench Courier</title><link>https://bench.example.com</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench.example.com</wp:base_site_url><wp:base_blog_url>https://bench.example.com</wp:base_blog_url>
${AUTHORS.map((login, i) => `<wp:author><wp:author_id>${i + 1}</wp:author_id><wp:author_login>${cdata(login)}</wp:author_login><wp:author_email>${cdata(`${login}@staff.example`)}</wp:author_email><wp:author_display_name>${cdata(`${login[0]!.toUpperCase()}${login.slice(1)} Writer`)}</wp:author_display_name></wp:author>`).join("\n")}
${CATEGORIES.map(([slug, parent], i) => `<wp:category><wp:term_id>${i + 1}</wp:term_id><wp:category_nicename>${slug}</wp:category_nicename><wp:category_parent>${parent}</wp:category_parent><wp:cat_name>${cdata(slug[0]!.toUpperCase() + slug.slice(1))}</wp:cat_name></wp:category>`).join("\n")}
${TAGS.map((slug, i) => `<wp:tag><wp:term_id>${100 + i}</wp:term_id><wp:tag_slug>${slug}</wp:tag_slug><wp:tag_name>${cdata(slug.replace("-", " "))}</wp:tag_name></wp:tag>`).join("\n")}
`);

const start = Date.UTC(2012, 0, 1);
let commentId = 1;
for (let i = 1; i <= POSTS; i++) {
  const posted = start + i * 3 * 3600_000;
  const status = pick(STATUSES);
  const slug = `story-${i}-${pick(WORDS)}`;
  const date = new Date(posted);
  const categories = [pick(CATEGORIES), ...(random() < 0.2 ? [pick(CATEGORIES)] : [])];
  const tags = Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(TAGS));
  // Comments spread evenly with some spread: each post gets its share, the rest on the last ones.
  const share = Math.floor(COMMENTS / POSTS) + (i <= COMMENTS % POSTS ? 1 : 0);
  const comments: string[] = [];
  const first = commentId;
  for (let c = 0; c < share; c++, commentId++) {
    const roll = random();
    const approved = roll < 0.85 ? "1" : roll < 0.92 ? "0" : roll < 0.97 ? "spam" : "trash";
    const type = random() < 0.05 ? "pingback" : "comment";
    const parent = c > 0 && random() < 0.5 ? first + Math.floor(random() * c) : 0;
    comments.push(
      `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author>${cdata(`Reader ${commentId % 997}`)}</wp:comment_author><wp:comment_author_email>${cdata(`reader${commentId % 997}@private.example`)}</wp:comment_author_email><wp:comment_author_url>https://reader${commentId % 997}.example/</wp:comment_author_url><wp:comment_author_IP>192.0.2.${commentId % 250}</wp:comment_author_IP><wp:comment_date>${wpDate(posted + (c + 1) * 60_000)}</wp:comment_date><wp:comment_date_gmt>${wpDate(posted + (c + 1) * 60_000)}</wp:comment_date_gmt><wp:comment_content>${cdata(`${sentence()}\n\n${sentence()}`)}</wp:comment_content><wp:comment_approved>${approved}</wp:comment_approved><wp:comment_type>${type}</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`,
    );
  }
  await write(
    `<item><title>${cdata(`${sentence().slice(0, 60)} ${i}`)}</title><link>https://bench.example.com/${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}/${slug}/</link><dc:creator>${cdata(pick(AUTHORS))}</dc:creator><guid isPermaLink="false">https://bench.example.com/?p=${i}</guid><description></description><content:encoded>${cdata(body(i))}</content:encoded><excerpt:encoded>${cdata(i % 3 === 0 ? sentence() : "")}</excerpt:encoded><wp:post_id>${i}</wp:post_id><wp:post_date>${wpDate(posted)}</wp:post_date><wp:post_date_gmt>${status === "draft" ? "0000-00-00 00:00:00" : wpDate(posted)}</wp:post_date_gmt><wp:post_modified>${wpDate(posted + 86_400_000)}</wp:post_modified><wp:post_modified_gmt>${wpDate(posted + 86_400_000)}</wp:post_modified_gmt><wp:comment_status>open</wp:comment_status><wp:post_name>${cdata(slug)}</wp:post_name><wp:status>${status}</wp:status><wp:post_parent>0</wp:post_parent><wp:post_type>post</wp:post_type>${categories.map(([nicename]) => `<category domain="category" nicename="${nicename}">${cdata(nicename[0]!.toUpperCase() + nicename.slice(1))}</category>`).join("")}${tags.map((tag) => `<category domain="post_tag" nicename="${tag}">${cdata(tag.replace("-", " "))}</category>`).join("")}${comments.join("")}</item>\n`,
  );
}
await write("</channel>\n</rss>\n");
out.end();
await once(out, "finish");
console.log(`Wrote ${values.out}: ${POSTS} posts, ${commentId - 1} comments`);

/**
 * A deterministic synthetic corpus for benchmarks: the same seed gives the same articles.
 * Realistic shape: 600–1,200 words with headings, lists, links, quotes, some tables and
 * code; 1–5 tags from a pool of ~500 with a Zipf-like spread; ~20 categories; dates over
 * several years; replies under about a third of the articles, some of them threaded.
 */
import type { ReplyRecord } from "../src/shared/reply-record.ts";

/** mulberry32: small, fast, and good enough to make test data repeatable. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ren",
  "sa",
  "to",
  "vel",
  "qu",
  "an",
  "dor",
  "ex",
  "li",
  "mar",
  "no",
  "pe",
  "ri",
  "sta",
  "tu",
  "ven",
  "zo",
  "chi",
  "gal",
  "hon",
  "is",
  "jun",
  "ter",
  "bra",
  "cor",
  "del",
  "fin",
];
const COMMON =
  "the of and to in a is that for on with as by at from its said was has have are were market company year new government people more after over also would will which their".split(
    " ",
  );

function makeVocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const length = 2 + Math.floor(random() * 3);
    let word = "";
    for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Index drawn with probability ∝ 1/(rank+1): a few items are common, most are rare. */
function zipfPicker(random: () => number, size: number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < size; rank++) {
    total += 1 / (rank + 1);
    cumulative.push(total);
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = size - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

export interface CorpusOptions {
  count: number;
  seed?: number;
  tagPool?: number;
  categories?: number;
  /** Articles span this many years back from 2026-01-01. */
  years?: number;
  /** One article in this many has a lead photograph (0: none). */
  imageEvery?: number;
  /** Bylines: a newsroom's staff, a few of whom write most of the articles. */
  authors?: number;
}

export interface GeneratedArticle {
  key: string;
  fileName: string;
  text: string;
  /** Approved replies, oldest first, as the reply pipeline would have committed them. */
  replies: ReplyRecord[];
  /** The lead photograph to write: its content-relative path and a number that makes its pixels its own. */
  image: { path: string; seed: number } | undefined;
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** 0–8 replies, a third of them answering an earlier one, over the weeks after the article. */
function generateReplies(random: () => number, article: string, published: Date, sentence: () => string): ReplyRecord[] {
  if (random() > 0.35) return [];
  const replies: ReplyRecord[] = [];
  let time = published.getTime();
  for (let n = 1 + Math.floor(random() * 8); n > 0; n--) {
    time += Math.floor(random() * 3 * 86_400_000) + 1;
    const suffix = Array.from({ length: 10 }, () => BASE32[Math.floor(random() * 32)]).join("");
    const date = new Date(time).toISOString();
    replies.push({
      id: `${date.replace(/[-:.]/g, "")}-${suffix}`,
      article,
      parent: replies.length > 0 && random() < 0.33 ? replies[Math.floor(random() * replies.length)]!.id : null,
      author: `Reader ${Math.floor(random() * 5000)}`,
      url: random() < 0.2 ? `https://reader${Math.floor(random() * 5000)}.example.org/` : null,
      body: Array.from({ length: 1 + Math.floor(random() * 4) }, sentence).join(" "),
      date,
      status: "approved",
      emailHash: Array.from({ length: 64 }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join(""),
    });
  }
  return replies;
}

export function* generateCorpus(options: CorpusOptions): Generator<GeneratedArticle> {
  const { count, seed = 1, tagPool = 500, categories = 20, years = 6, imageEvery = 10, authors = 60 } = options;
  const random = createRandom(seed);
  const vocabulary = makeVocabulary(random, 20_000);
  const pickWord = zipfPicker(random, vocabulary.length);
  const pickTag = zipfPicker(random, tagPool);
  const tags = Array.from({ length: tagPool }, (_, i) => `${vocabulary[i * 7 + 3]} ${i}`);
  const categoryNames = Array.from({ length: categories }, (_, i) => `Section ${vocabulary[i * 13 + 5]}`);
  const authorNames = Array.from({ length: authors }, (_, i) => `${vocabulary[i * 11 + 2]} ${vocabulary[i * 17 + 9]}`);
  const start = Date.UTC(2026, 0, 1) - years * 365 * 86_400_000;
  const span = years * 365 * 86_400_000;

  const word = () => (random() < 0.35 ? COMMON[Math.floor(random() * COMMON.length)]! : vocabulary[pickWord()]!);
  const sentence = (min: number, max: number) => {
    const length = min + Math.floor(random() * (max - min));
    const words = Array.from({ length }, word);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(" ")}.`;
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(random() * 4) }, () => sentence(8, 20)).join(" ");

  for (let i = 0; i < count; i++) {
    const date = new Date(start + Math.floor(((i + random()) / count) * span));
    const day = date.toISOString().slice(0, 10);
    const key = `story-${String(i).padStart(6, "0")}`;
    const articleTags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 5) }, () => tags[pickTag()]!))];
    const targetWords = 600 + Math.floor(random() * 600);
    const blocks: string[] = [];
    let words = 0;
    while (words < targetWords) {
      const roll = random();
      let block: string;
      if (roll < 0.08) block = `## ${sentence(3, 7).slice(0, -1)}`;
      else if (roll < 0.14) block = Array.from({ length: 3 + Math.floor(random() * 3) }, () => `- ${sentence(4, 10)}`).join("\n");
      else if (roll < 0.19) block = `> ${sentence(10, 25)}`;
      else if (roll < 0.21)
        block = `| Item | Value | Change |\n|---|---|---|\n${Array.from({ length: 4 }, () => `| ${word()} | ${Math.floor(random() * 1000)} | ${(random() * 10 - 5).toFixed(1)}% |`).join("\n")}`;
      else if (roll < 0.22) block = "```\nconst total = items.reduce((sum, item) => sum + item.value, 0);\n```";
      else block = `${paragraph()} See [related coverage](/articles/story-${String(Math.floor(random() * count)).padStart(6, "0")}/).`;
      words += block.split(/\s+/).length;
      blocks.push(block);
    }
    // Chosen by position, not by the random stream, so the text of every article stays as it was.
    const image = imageEvery > 0 && i % imageEvery === 0 ? { path: `media/${day.slice(0, 4)}/${key}.jpg`, seed: i + 1 } : undefined;
    const frontMatter = [
      "---",
      `title: ${JSON.stringify(sentence(5, 11).slice(0, -1))}`,
      `date: ${date.toISOString().slice(0, 19)}Z`,
      `summary: ${JSON.stringify(sentence(12, 24))}`,
      `category: ${JSON.stringify(categoryNames[Math.floor(random() * categories)])}`,
      `tags: [${articleTags.map((tag) => JSON.stringify(tag)).join(", ")}]`,
      // Two draws, as when every byline was a random name, so the text of every article stays as it was.
      `author: ${JSON.stringify(authorNames[(pickWord() + pickWord()) % authors])}`,
      ...(image ? [`image: ${image.path}`, `imageAlt: "Generated photograph ${i}"`, `imageCredit: "Bench"`] : []),
      "---",
    ].join("\n");
    const replies = generateReplies(random, key, date, () => sentence(6, 18));
    yield { key, fileName: `${day}-${key}.md`, text: `${frontMatter}\n\n${blocks.join("\n\n")}\n`, replies, image };
  }
}

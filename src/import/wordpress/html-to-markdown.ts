/**
 * HTML → markdown with turndown and its GitHub-flavoured tables. Two converters: articles
 * (images, tables, headings) and replies (the reply markdown allows no HTML and no images, so
 * an image becomes a link). In both, text that was "&lt;b&gt;" in the HTML stays text: turndown
 * would turn it back into "<b>", which the articles' renderer (html: true) would run as markup.
 */
import { gfm } from "@joplin/turndown-plugin-gfm";
import TurndownService from "turndown";
import { addParagraphs } from "./shortcodes.ts";

const OPTIONS: TurndownService.Options = {
  headingStyle: "atx",
  codeBlockStyle: "fenced",
  bulletListMarker: "-",
  emDelimiter: "_",
  hr: "---",
  // A backslash hard break: trailing double spaces would be lost to editors that trim lines.
  br: "\\",
};

function createBase(): TurndownService {
  const service = new TurndownService(OPTIONS);
  const escapeMarkdown = service.escape.bind(service);
  service.escape = (text: string) => escapeMarkdown(text).replace(/</g, "&lt;");
  service.remove(["script", "style", "noscript"]);
  service.addRule("list-item", {
    // "- item" and "1. item", not turndown's "-   item": what an editor would type.
    filter: "li",
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = `${OPTIONS.bulletListMarker} `;
      if (parent?.nodeName === "OL") {
        const start = Number(parent.getAttribute("start") ?? "1") || 1;
        prefix = `${start + Array.prototype.indexOf.call(parent.children, node)}. `;
      }
      const body = content
        .replace(/^\n+/, "")
        .replace(/\n+$/, "\n")
        .replace(/\n/gm, `\n${" ".repeat(prefix.length)}`);
      return prefix + body + (node.nextSibling && !/\n$/.test(body) ? "\n" : "");
    },
  });
  service.addRule("bare-link", {
    // A link whose text is its address (an embed WordPress showed): <https://…>, not [https://…](https://…).
    filter: (node) =>
      node.nodeName === "A" && /^https?:\/\//.test(node.getAttribute("href") ?? "") && node.textContent === node.getAttribute("href"),
    replacement: (_content, node) => `<${(node as HTMLElement).getAttribute("href")}>`,
  });
  service.addRule("iframe", {
    filter: "iframe",
    replacement: (_content, node) => {
      const src = (node as HTMLElement).getAttribute("src") ?? "";
      return /^https?:\/\//.test(src) ? `\n\n<${src}>\n\n` : "";
    },
  });
  return service;
}

export function createArticleConverter(): (html: string) => string {
  const service = createBase();
  service.use(gfm);
  service.addRule("captioned-image", {
    // The image's title is its caption: alone in its paragraph, the site shows it as a figure.
    filter: (node) => node.nodeName === "FIGURE" && firstOf(node, "img") !== undefined && firstOf(node, "figcaption") !== undefined,
    replacement: (_content, node) => {
      const image = firstOf(node, "img")!;
      const caption = (firstOf(node, "figcaption")!.textContent ?? "").replace(/\s+/g, " ").trim();
      const alt = service.escape((image.getAttribute("alt") ?? "").replace(/\s+/g, " ").trim());
      const title = caption ? ` "${caption.replace(/"/g, '\\"')}"` : "";
      return `\n\n![${alt}](${(image.getAttribute("src") ?? "").replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)}${title})\n\n`;
    },
  });
  return (html) => tidy(service.turndown(html));
}

/**
 * A WordPress comment's text (paragraphs by blank lines, as WordPress stores it) → reply
 * markdown. Most comments hold no markup at all: those skip the DOM, which is most of the
 * import's time on a large archive.
 */
export function createReplyConverter(): (text: string) => string {
  const service = createBase();
  service.addRule("image-as-link", {
    filter: "img",
    replacement: (_content, node) => {
      const element = node as HTMLElement;
      const src = element.getAttribute("src") ?? "";
      const alt = (element.getAttribute("alt") ?? "").trim();
      return /^https?:\/\//.test(src) ? `[${service.escape(alt || src)}](${src})` : alt;
    },
  });
  const escapeLine = (line: string) => service.escape(line.replace(/\s+/g, " ").trim());
  return (text) => {
    if (/[<&]/.test(text)) return tidy(service.turndown(addParagraphs(text)));
    return text
      .replace(/\r\n?/g, "\n")
      .split(/\n[ \t]*\n/)
      .map((block) => block.split("\n").map(escapeLine).filter(Boolean).join("\\\n"))
      .filter(Boolean)
      .join("\n\n");
  };
}

/** domino's querySelector misses some descendants; getElementsByTagName does not. */
function firstOf(node: HTMLElement, tag: string): Element | undefined {
  return node.getElementsByTagName(tag)[0] ?? undefined;
}

function tidy(markdown: string): string {
  return markdown
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Plain text of a short HTML fragment (an excerpt): tags gone, entities read, spaces tidied. */
export function toPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp|#8217|hellip);/gi, (entity, code: string) => decodeEntity(code) ?? entity)
    .replace(/\s+/g, " ")
    .trim();
}

function decodeEntity(code: string): string | undefined {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", hellip: "…" };
  const lower = code.toLowerCase();
  if (lower in named) return named[lower];
  const point = lower.startsWith("#x") ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
  return Number.isFinite(point) && point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : undefined;
}

/**
 * WordPress's text conventions turned into plain HTML before the markdown converter sees it:
 * block comments removed, paragraphs made where WordPress makes them at display time
 * (wpautop), and the shortcodes we can honour ([caption], [gallery], [embed], a bare oEmbed
 * URL on its own line) rewritten. Any other shortcode stays as text and is listed.
 */

export interface GalleryImage {
  url: string;
  alt: string;
}

export interface ShortcodeContext {
  /** Images of a [gallery]: by ids="…" when given, else the post's attached images. */
  galleryImages(ids: readonly string[]): GalleryImage[];
}

const BLOCK_COMMENT = /<!--\s*\/?wp:[\s\S]*?-->/g;
const BLOCK_START =
  /^<\/?(?:p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|pre|figure|figcaption|hr|dl|dt|dd|form|section|article|aside|address|iframe|video|audio|object|embed|style|script|!--)\b/i;
const SHORTCODE = /\[(\/?)([a-zA-Z][\w-]*)((?:\s[^\]]*)?)\/?\]/g;
const HONOURED = new Set(["caption", "wp_caption", "gallery", "embed"]);

/** Removes Gutenberg's <!-- wp:… --> markers; the HTML between them is the content. */
export function removeBlockComments(html: string): string {
  return html.replace(BLOCK_COMMENT, "");
}

export function hasBlocks(html: string): boolean {
  return /<!--\s*wp:/.test(html);
}

/** WordPress stores classic-editor text with blank lines for paragraphs; wpautop adds the <p>s. */
export function addParagraphs(text: string): string {
  const kept: string[] = [];
  const protectedText = text.replace(/<(pre|script|style)\b[\s\S]*?<\/\1>/gi, (match) => `\u0000${kept.push(match) - 1}\u0000`);
  const blocks = protectedText.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
  const html = blocks
    .map((block) => block.trim())
    .filter((block) => block !== "")
    .map((block) =>
      BLOCK_START.test(block) || /^\u0000\d+\u0000$/.test(block) || /^\[(?:caption|wp_caption|gallery)\b/.test(block)
        ? block
        : `<p>${block.replace(/\n/g, "<br>\n")}</p>`,
    )
    .join("\n");
  return html.replace(/\u0000(\d+)\u0000/g, (_, index: string) => kept[Number(index)] ?? "");
}

/** A URL alone on its line (classic) or in an embed block: WordPress showed the embed; we link it. */
export function linkBareUrls(html: string): string {
  return html
    .replace(/^[ \t]*(https?:\/\/[^\s<>"]+)[ \t]*$/gm, (_, url: string) => anchor(url))
    .replace(
      /(<div class="wp-block-embed__wrapper">)\s*(https?:\/\/[^\s<>"]+)\s*(<\/div>)/g,
      (_, open: string, url: string, close: string) => `${open}${anchor(url)}${close}`,
    );
}

/** [caption], [gallery] and [embed] as HTML; returns the names of the other shortcodes left. */
export function expandShortcodes(html: string, context: ShortcodeContext): { html: string; kept: string[] } {
  let out = html.replace(/\[(caption|wp_caption)\b([^\]]*)\]([\s\S]*?)\[\/\1\]/g, (_, _name: string, attributes: string, inner: string) => {
    const image = /<img\b[^>]*>/i.exec(inner)?.[0];
    const caption = (
      inner.replace(/<a\b[^>]*>\s*<img\b[^>]*>\s*<\/a>|<img\b[^>]*>/i, "").trim() || readAttribute(attributes, "caption")
    ).trim();
    if (!image) return inner;
    return `<figure>${image}${caption ? `<figcaption>${caption}</figcaption>` : ""}</figure>`;
  });
  out = out.replace(/\[gallery\b([^\]]*)\]/g, (_, attributes: string) => {
    const ids = readAttribute(attributes, "ids")
      .split(",")
      .map((id) => id.trim())
      .filter(Boolean);
    return context
      .galleryImages(ids)
      .map((image) => `<p><img src="${escapeAttribute(image.url)}" alt="${escapeAttribute(image.alt)}"></p>`)
      .join("\n");
  });
  out = out.replace(/\[embed\b[^\]]*\]\s*(https?:\/\/[^\s<[]+)\s*\[\/embed\]/g, (_, url: string) => anchor(url));
  const kept = new Set<string>();
  for (const match of out.matchAll(SHORTCODE)) {
    const name = match[2]!.toLowerCase();
    if (!HONOURED.has(name) && !isInsideTag(out, match.index)) kept.add(name);
  }
  return { html: out, kept: [...kept].sort() };
}

function anchor(url: string): string {
  return `<a href="${escapeAttribute(url)}">${url}</a>`;
}

function readAttribute(attributes: string, name: string): string {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(attributes);
  return match?.[1] ?? match?.[2] ?? match?.[3] ?? "";
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/** "[x]" inside an attribute value (<a title="[x]">) is not a shortcode WordPress ran. */
function isInsideTag(html: string, index: number): boolean {
  return html.lastIndexOf("<", index) > html.lastIndexOf(">", index);
}

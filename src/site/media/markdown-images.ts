/**
 * Markdown images in article bodies. One that points into the content folder becomes a
 * <picture> of the processed files (AVIF, WebP, JPEG at several widths, width and height set,
 * loaded lazily: a body image is below the fold); with a title (`![alt](src "Title")`) and a
 * paragraph to itself it becomes a <figure> with the title as its caption. An image from
 * elsewhere is rendered as written.
 */
import type MarkdownIt from "markdown-it";
import { BODY_FOLDER } from "./body-images.ts";
import { resolveImageReference } from "./image-reference.ts";
import type { ResponsiveImage } from "./responsive-image.ts";

/** A body image spans the text column (--measure: 40rem) or the screen less the page's padding. */
export const BODY_IMAGE_SIZES = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

export type ImageLookup = (contentPath: string) => ResponsiveImage | undefined;

type Token = ReturnType<MarkdownIt["parse"]>[number];

export function markdownImages(markdown: MarkdownIt, lookup: ImageLookup): void {
  const escapeHtml = markdown.utils.escapeHtml;
  const processed = (token: Token) => {
    const reference = resolveImageReference(token.attrGet("src") ?? "", BODY_FOLDER);
    return reference.kind === "local" ? lookup(reference.path) : undefined;
  };

  // A titled image alone in its paragraph: drop the <p> (a <figure> may not sit inside one).
  markdown.core.ruler.push("broadsheet_figures", (state) => {
    const tokens = state.tokens;
    for (let i = 1; i < tokens.length - 1; i++) {
      const inline = tokens[i]!;
      const children = inline.children ?? [];
      const only = children.length === 1 ? children[0]! : undefined;
      if (inline.type !== "inline" || only?.type !== "image" || !only.attrGet("title") || !processed(only)) continue;
      if (tokens[i - 1]!.type !== "paragraph_open" || tokens[i + 1]!.type !== "paragraph_close") continue;
      tokens[i - 1]!.hidden = true;
      tokens[i + 1]!.hidden = true;
      only.meta = { ...only.meta, figure: true };
    }
  });

  const fallback = markdown.renderer.rules.image!;
  markdown.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const image = processed(token);
    if (!image) return fallback(tokens, index, options, env, self);
    const alt = escapeHtml(self.renderInlineAsText(token.children ?? [], options, env));
    const title = token.attrGet("title");
    const sizes = escapeHtml(BODY_IMAGE_SIZES);
    const sources = image.sources
      .map((source) => `<source type="${source.type}" srcset="${escapeHtml(source.srcset)}" sizes="${sizes}">`)
      .join("");
    const img = `<img src="${escapeHtml(image.fallback.url)}" srcset="${escapeHtml(image.fallback.srcset)}" sizes="${sizes}" alt="${alt}" width="${image.width}" height="${image.height}" loading="lazy" decoding="async">`;
    const picture = `<picture>${sources}${img}</picture>`;
    if (token.meta?.figure && title) return `<figure class="figure">${picture}<figcaption>${escapeHtml(title)}</figcaption></figure>\n`;
    return title ? picture.replace("<img ", `<img title="${escapeHtml(title)}" `) : picture;
  };
}

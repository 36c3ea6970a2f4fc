/**
 * The photographs of the articles a build shows: their lead images and body images, made
 * into responsive files once (src/site/media/process-images.ts), and the warnings for body
 * images served from elsewhere.
 */
import type { ParsedArticle } from "../content/load-articles.ts";
import { resolveImageReference } from "./image-reference.ts";
import { processImages } from "./process-images.ts";
import type { LeadImage, ResponsiveImage } from "./responsive-image.ts";

export interface SiteMedia {
  /** By content-relative path. */
  images: ReadonlyMap<string, ResponsiveImage>;
  /** File names in the cache folder the output needs. */
  files: string[];
  /** Files encoded this build (0 when every photograph was in the cache). */
  encoded: number;
  ms: number;
}

/** The lead image's content-relative path, when the article has one (validated by then). */
export function leadImagePath(article: ParsedArticle): string | undefined {
  const reference = article.frontMatter.image === undefined ? undefined : resolveImageReference(article.frontMatter.image, "");
  return reference?.kind === "local" ? reference.path : undefined;
}

export async function loadSiteMedia(articles: readonly ParsedArticle[], contentDir: string, cacheDir: string): Promise<SiteMedia> {
  const started = performance.now();
  const users = new Map<string, string>();
  for (const article of articles) {
    const lead = leadImagePath(article);
    if (lead && !users.has(lead)) users.set(lead, `${article.file}: field "image"`);
    for (const image of article.bodyImages) if (!users.has(image)) users.set(image, `${article.file}: body image`);
  }
  const processed = await processImages(contentDir, cacheDir, [...users.keys()], (source) => users.get(source)!);
  return { images: processed.images, files: processed.files, encoded: processed.encoded, ms: Math.round(performance.now() - started) };
}

/** One warning per article that shows images from elsewhere: they are not resized, and the site's CSP blocks them. */
export function describeExternalImages(articles: readonly ParsedArticle[]): string[] {
  return articles
    .filter((article) => article.externalImages.length > 0)
    .map(
      (article) =>
        `${article.file}: image${article.externalImages.length === 1 ? "" : "s"} from elsewhere left as written (${article.externalImages.join(", ")}): ` +
        `not resized, and the site's Content-Security-Policy (img-src 'self') keeps browsers from loading ${article.externalImages.length === 1 ? "it" : "them"}; save the file under media/ to publish it`,
    );
}

export function toLeadImage(article: ParsedArticle, images: ReadonlyMap<string, ResponsiveImage>): LeadImage | undefined {
  const path = leadImagePath(article);
  const image = path === undefined ? undefined : images.get(path);
  if (!image) return undefined;
  const { imageAlt, imageCaption, imageCredit } = article.frontMatter;
  return { ...image, alt: imageAlt ?? "", caption: imageCaption, credit: imageCredit };
}

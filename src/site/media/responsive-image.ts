/** The shape templates and the markdown renderer receive for a processed photograph. */

export interface ImageSource {
  /** MIME type, e.g. image/avif. */
  type: string;
  /** "url 400w, url 800w, …" */
  srcset: string;
}

export interface ResponsiveImage {
  /** The source file, relative to the content folder. */
  src: string;
  /** Of the largest output: the <img>'s width and height attributes, so the page keeps its place. */
  width: number;
  height: number;
  /** Modern formats first (AVIF, WebP), for <source> elements. */
  sources: ImageSource[];
  /** The JPEG every browser shows: the largest as src, all widths as srcset. */
  fallback: { url: string; srcset: string; type: string };
  /** The largest JPEG, for og:image, JSON-LD and feeds (which need one plain URL). */
  largest: { url: string; width: number; height: number; bytes: number };
  /** The smallest JPEG, for a search result's thumbnail. */
  smallest: { url: string; width: number; height: number };
}

/** A lead image: the processed file plus what the author wrote about it. */
export interface LeadImage extends ResponsiveImage {
  alt: string;
  caption: string | undefined;
  credit: string | undefined;
}

/** Widths made of every photograph: a 40rem column at 1× to 2× and thumbnails at 2×. */
export const IMAGE_WIDTHS = [400, 800, 1200];

/** The site-relative folder processed images are served from (immutable: the names carry a hash). */
export const IMAGE_URL_PATH = "/img/";

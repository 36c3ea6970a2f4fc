/** Absolute URLs from site-relative ones; canonical links and feeds need them. */
export function toAbsoluteUrl(pathOrUrl: string, siteUrl: string): string {
  return new URL(pathOrUrl, `${siteUrl}/`).href;
}

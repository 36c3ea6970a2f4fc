/**
 * Netlify's path patterns, the subset this site uses: literal segments, `:name` (exactly one
 * segment) and a trailing `*` (the rest of the path, possibly nothing, exposed as `splat`).
 * A trailing slash never matters, on either side. Netlify also accepts `*` inside a
 * segment (`/*.js`); the preview rejects such a pattern rather than guess at it.
 */

export interface PathPattern {
  source: string;
  /** The captured `:name` values and `splat`, or undefined when the path does not match. */
  match(pathname: string): Record<string, string> | undefined;
}

export function compilePathPattern(source: string, options: { caseSensitive: boolean }): PathPattern {
  if (!source.startsWith("/")) throw new Error(`"${source}": a path pattern starts with /`);
  const parts = splitSegments(source);
  parts.forEach((part, index) => {
    const trailingSplat = part === "*" && index === parts.length - 1;
    if (part.includes("*") && !trailingSplat) {
      throw new Error(`"${source}": the preview supports * only as the last segment (like /assets/*)`);
    }
    if (part === ":") throw new Error(`"${source}": a placeholder needs a name, like :slug`);
  });
  const same = options.caseSensitive ? (a: string, b: string) => a === b : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return {
    source,
    match(pathname) {
      const segments = splitSegments(pathname);
      const params: Record<string, string> = {};
      for (const [index, part] of parts.entries()) {
        if (part === "*") {
          // The rest of the path as asked for, keeping its trailing slash so /tag/a/ → /tags/a/.
          const rest = segments.slice(index).join("/");
          params.splat = rest && pathname.endsWith("/") ? `${rest}/` : rest;
          return params;
        }
        const segment = segments[index];
        if (segment === undefined) return undefined;
        if (part.startsWith(":")) params[part.slice(1)] = segment;
        else if (!same(part, safeDecode(segment))) return undefined;
      }
      return segments.length === parts.length ? params : undefined;
    },
  };
}

/** Segments without the empty ones, so "/a/b/", "/a/b" and "/a//b" are the same path. */
function splitSegments(pathname: string): string[] {
  return pathname.split("/").filter((segment) => segment !== "");
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

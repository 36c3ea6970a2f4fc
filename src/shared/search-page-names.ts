/**
 * The name the search index gives a dated page (its Pagefind fragment's file name, which is
 * also the result's id): its place in date order within its shard, oldest 0, in base 36.
 * Written by the build (src/search/compact-index.ts), read by the search page, which puts
 * "newest first" by it (src/client/shard-plan.ts). Pagefind's own names ("en_3aa1d23") hold
 * an underscore, so they never read as a place.
 */
const BASE = 36;

export function pageName(place: number): string {
  return place.toString(BASE);
}

export function placeOfPage(name: string): number | undefined {
  return /^[0-9a-z]+$/.test(name) ? Number.parseInt(name, BASE) : undefined;
}

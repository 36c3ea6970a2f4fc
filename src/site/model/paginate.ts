import type { ListingPage } from "./types.ts";

/** Splits items into pages: page 1 at baseUrl, page n at baseUrl + "page/n/". */
export function paginate<T>(items: readonly T[], size: number, baseUrl: string): ListingPage<T>[] {
  const total = Math.max(1, Math.ceil(items.length / size));
  const urlOf = (n: number) => (n === 1 ? baseUrl : `${baseUrl}page/${n}/`);
  return Array.from({ length: total }, (_, index) => {
    const number = index + 1;
    return {
      number,
      total,
      url: urlOf(number),
      previousUrl: number > 1 ? urlOf(number - 1) : undefined,
      nextUrl: number < total ? urlOf(number + 1) : undefined,
      items: items.slice(index * size, number * size),
    };
  });
}

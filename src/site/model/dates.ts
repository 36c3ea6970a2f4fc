/** Date formatting for templates, always through luxon and always in the site's time zone. */
import { DateTime } from "luxon";

function read(iso: string, timeZone: string): DateTime {
  const date = DateTime.fromISO(iso, { setZone: true }).setZone(timeZone);
  if (!date.isValid) throw new Error(`Not an ISO date: "${iso}"`);
  return date;
}

/** "May 12, 2016" in English, "2016年5月12日" in Chinese: the site language's own long form. */
export function formatReadable(date: DateTime, site: { timeZone: string; language: string }): string {
  return date.setZone(site.timeZone).setLocale(site.language).toLocaleString(DateTime.DATE_FULL);
}

/** "May 12, 2016, 9:30 AM": a reply's date and time, in the site's zone and language. */
export function formatReadableDateTime(date: DateTime, site: { timeZone: string; language: string }): string {
  return date.setZone(site.timeZone).setLocale(site.language).toLocaleString(DateTime.DATETIME_MED);
}

/**
 * Each date formatted once per process: the sitemap alone asks for every article's on each
 * dev rebuild, and the search documents for them again (luxon's parse is most of the cost).
 * Emptied when full, so it must hold every date a build formats: at 100,000 articles with
 * 160,000 replies a bound of 200,000 emptied it on every pass over the feeds, and every call
 * parsed again (Eleventy reported the filter at 13% of a render). About 150 bytes an entry.
 */
const rfc3339Memo = new Map<string, string>();
const RFC3339_MEMO_ENTRIES = 1_000_000;

/** RFC 3339 in UTC without milliseconds, as Atom and sitemaps expect. */
export function formatRfc3339(iso: string): string {
  let formatted = rfc3339Memo.get(iso);
  if (formatted === undefined) {
    formatted = read(iso, "UTC").toISO({ suppressMilliseconds: true })!;
    if (rfc3339Memo.size >= RFC3339_MEMO_ENTRIES) rfc3339Memo.clear();
    rfc3339Memo.set(iso, formatted);
  }
  return formatted;
}

/** WordPress dates ("2016-05-12 09:30:00", GMT or the site's local time) as luxon DateTimes. */
import { DateTime } from "luxon";

// Read by hand: luxon's fromFormat is a tenth of a large import's time.
const WP_DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

function readParts(value: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } | undefined {
  const match = WP_DATE.exec(value.trim());
  if (!match || match[1] === "0000") return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  return { year, month, day, hour, minute, second };
}

/** The GMT date when WordPress set one; drafts have 0000-00-00, so their local date in `timeZone`. */
export function readWpDate(gmt: string, local: string, timeZone: string): DateTime | undefined {
  const utc = readParts(gmt);
  if (utc) {
    const parsed = DateTime.fromObject(utc, { zone: "utc" });
    if (parsed.isValid) return parsed;
  }
  const inZone = readParts(local);
  if (inZone) {
    const parsed = DateTime.fromObject(inZone, { zone: timeZone });
    if (parsed.isValid) return parsed;
  }
  return undefined;
}

/** What the front matter holds: the site's time zone with its offset, to the second. */
export function toFrontMatterDate(date: DateTime, timeZone: string): string {
  return date.setZone(timeZone).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

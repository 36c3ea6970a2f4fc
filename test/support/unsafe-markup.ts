/**
 * Parses HTML and lists what could run script: script/iframe/object/embed elements, on*
 * attributes, and javascript:/data:/vbscript: URLs in href/src/action. Escaped text that
 * merely looks like markup is not a finding: it is what safe output looks like.
 */
import { load } from "cheerio";

const DANGEROUS_ELEMENTS = "script:not([type='application/ld+json']), iframe, object, embed, frame, base";
/** Our own bundles: same-origin, content-hashed, written by the build. Anything else is suspect. */
const OWN_SCRIPT = /^\/assets\/[a-z-]+\.[0-9a-f]{10}\.js$/;
const URL_ATTRIBUTES = ["href", "src", "action", "formaction", "xlink:href"];

export function findUnsafeMarkup(html: string): string[] {
  const $ = load(html);
  const findings: string[] = [];
  $(DANGEROUS_ELEMENTS).each((_, el) => {
    const ownBundle = el.tagName === "script" && OWN_SCRIPT.test($(el).attr("src") ?? "") && $(el).text() === "";
    if (!ownBundle) findings.push(`<${el.tagName}> element`);
  });
  $("*").each((_, el) => {
    if (!("attribs" in el)) return;
    for (const [name, value] of Object.entries(el.attribs)) {
      if (/^on/i.test(name)) findings.push(`${name}= on <${el.tagName}>`);
      if (URL_ATTRIBUTES.includes(name.toLowerCase()) && /^\s*(javascript|vbscript|data):/i.test(value.replace(/[\u0000-\u001f]/g, ""))) {
        findings.push(`${name}="${value.slice(0, 40)}" on <${el.tagName}>`);
      }
    }
  });
  return findings;
}

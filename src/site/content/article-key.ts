/**
 * An article's key is the slug in its file name, after the date prefix:
 * content/articles/2016-05-12-alibaba-joins-iacc.md → "alibaba-joins-iacc".
 * It does not depend on the title or the front-matter date, so editing either keeps the
 * URL and the replies that hang on it. Renaming the file's slug changes the key.
 */
import { ARTICLE_KEY_PATTERN } from "../../shared/article-key-pattern.ts";

/** YYYY-MM-DD-<key>.md, the key as the reply pipeline checks it. */
const ARTICLE_FILE = new RegExp(`^(\\d{4}-\\d{2}-\\d{2})-(${ARTICLE_KEY_PATTERN.source.slice(1, -1)})\\.md$`);

export function readArticleKey(file: string): string {
  const match = ARTICLE_FILE.exec(file.split(/[\\/]/).pop() ?? "");
  if (!match?.[2]) {
    throw new Error(`${file}: file name must be YYYY-MM-DD-slug.md, with a slug of lowercase letters, digits and single hyphens`);
  }
  return match[2];
}

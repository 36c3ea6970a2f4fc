/** `npm run new -- "Title"`: creates content/articles/YYYY-MM-DD-slug.md as a draft. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { readEnv } from "../shared/env.ts";
import { resolveBuildOptions } from "../site/build-options.ts";
import { ARTICLES_DIR } from "../site/content/load-articles.ts";
import { draftArticle } from "../site/content/new-article-file.ts";
import { loadSite } from "../site/content/site-metadata.ts";

const options = resolveBuildOptions(readEnv());
const site = await loadSite(options.contentDir);
try {
  const { fileName, text } = draftArticle(process.argv.slice(2).join(" "), DateTime.now().setZone(site.timeZone));
  const file = path.join(options.contentDir, ARTICLES_DIR, fileName);
  await writeFile(file, text, { flag: "wx" }); // never overwrite an existing article
  console.log(`Created ${path.relative(process.cwd(), file)} (a draft: npm start shows it, npm run build leaves it out)`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === "EEXIST" ? "An article with that file name already exists; choose another title." : (error as Error).message);
  process.exit(1);
}

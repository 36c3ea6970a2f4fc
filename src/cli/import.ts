/**
 * `npm run import -- wordpress export.xml [--uploads wp-content/uploads] [--force]`.
 * Parses the arguments and hands over to src/import/wordpress/.
 */
import { parseArgs } from "node:util";
import { importWordpress } from "../import/wordpress/import-wordpress.ts";
import { formatSummary } from "../import/wordpress/summary.ts";
import { hashEmail } from "../replies/pipeline/hash-keys.ts";
import { readEnv } from "../shared/env.ts";
import { resolveBuildOptions } from "../site/build-options.ts";

const USAGE = "Usage: npm run import -- wordpress path/to/export.xml [--uploads path/to/wp-content/uploads] [--force]";

function readArguments() {
  return parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: { uploads: { type: "string" }, force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
  });
}

let parsed: ReturnType<typeof readArguments>;
try {
  parsed = readArguments();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const [source, exportFile, ...rest] = parsed.positionals;
if (parsed.values.help || source !== "wordpress" || !exportFile || rest.length > 0) {
  console.error(source && source !== "wordpress" ? `Unknown source "${source}": only "wordpress" can be imported.\n${USAGE}` : USAGE);
  process.exit(parsed.values.help ? 0 : 2);
}

const env = readEnv();
try {
  const summary = await importWordpress({
    exportFile,
    contentDir: resolveBuildOptions(env).contentDir,
    uploadsDir: parsed.values.uploads,
    force: parsed.values.force,
    secret: env.REPLY_SECRET,
    hashEmail,
    // Moderation names a trusted replier's file by the email hash (src/replies/moderation/).
    trustKey: (secret, _name, email) => hashEmail(secret, email),
  });
  process.stdout.write(formatSummary(summary));
  if (summary.problems.length > 0) process.exitCode = 1;
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

/**
 * The Nu HTML Checker (vnu-jar from npm, the W3C validator's engine) over built pages, in one
 * Java process. Without Java the tests that use it are skipped with the reason, except under
 * CI=true, where that is a failure.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

export const JAVA = process.env.JAVA_PATH ?? "java";

export function javaAvailable(): Promise<boolean> {
  return new Promise((resolve) => execFile(JAVA, ["-version"], (error) => resolve(!error)));
}

interface NuMessage {
  type: string;
  url?: string;
  lastLine?: number;
  message: string;
}

/** Every error the checker reports, as "file:line: message". */
export async function checkHtml(files: readonly string[]): Promise<string[]> {
  const jar = createRequire(import.meta.url).resolve("vnu-jar/build/dist/vnu.jar");
  if (!existsSync(jar)) throw new Error(`vnu.jar missing at ${jar}: run npm ci`);
  const stderr = await new Promise<string>((resolve, reject) =>
    execFile(JAVA, ["-jar", jar, "--errors-only", "--format", "json", ...files], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, err) => {
      // Exit status 1 means "errors found"; anything else without output is a failure to run.
      if (error && !err) reject(error);
      else resolve(err);
    }),
  );
  const { messages } = JSON.parse(stderr || '{"messages":[]}') as { messages: NuMessage[] };
  return messages
    .filter((m) => m.type === "error" || m.type === "non-document-error")
    .map((m) => `${m.url ?? ""}:${m.lastLine ?? ""}: ${m.message}`);
}

/**
 * The peer the bench measures our build against (`npm run bench -- --anchors`): the same
 * corpus built by Hugo (Debian's `hugo`) and indexed by Pagefind, as a Hugo site with
 * Pagefind is usually set up: Pagefind run once over Hugo's output, reading only the
 * articles (data-pagefind-body), with the same filters, metadata and date sort as ours.
 * Hugo gets the articles, home, tag, category and year listings; it has no replies.
 */
import { spawn } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pagefindBinary } from "../src/search/search-index.ts";
import { samplePeakMemory } from "./process-tree-memory.ts";

export interface AnchorMeasurement {
  hugoMs: number;
  pagefindMs: number;
  /** Hugo then Pagefind, one after the other, as a build command runs them. */
  wallMs: number;
  /** The larger of the two processes' peaks (they do not overlap). */
  peakMemoryBytes: number;
  hugoVersion: string;
}

const LAYOUTS: Record<string, string> = {
  "_default/baseof.html": `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title><link rel="canonical" href="{{ .Permalink }}"></head>
<body>
<header><a href="/">{{ .Site.Title }}</a> <a href="/tags/">Tags</a> <a href="/categories/">Categories</a>
<form action="/search/" method="get" role="search"><input name="q" type="search"></form></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body>
</html>
`,
  "_default/single.html": `{{ define "main" }}<article data-pagefind-body>
<h1 data-pagefind-meta="title">{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}" data-pagefind-meta="date">{{ .Date.Format "January 2, 2006" }}</time>
<span hidden data-pagefind-sort="date">{{ .Date.UTC.Format "2006-01-02T15:04:05Z" }}</span>
<span hidden data-pagefind-filter="year">{{ .Date.Year }}</span>
{{ with .Params.summary }}<span hidden data-pagefind-meta="summary">{{ . }}</span>{{ end }}
{{ range .Params.categories }}<span hidden data-pagefind-filter="category">{{ . }}</span>{{ end }}
{{ range .Params.tags }}<span hidden data-pagefind-filter="tag">{{ . }}</span>{{ end }}</p>
{{ .Content }}
<p data-pagefind-ignore>{{ range .Params.tags }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
</article>
<nav data-pagefind-ignore>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
`,
  "_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ol>{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "January 2, 2006" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}</ol>
{{ template "_internal/pagination.html" . }}
{{ end }}
`,
  "_default/terms.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
`,
  "index.html": `{{ define "main" }}<ol>{{ range (.Paginate (where .Site.RegularPages "Section" "articles")).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "January 2, 2006" }}</time><p>{{ .Params.summary }}</p></li>{{ end }}</ol>
{{ template "_internal/pagination.html" . }}
{{ end }}
`,
};

/** Our front matter in Hugo's terms: `category` becomes the `categories` taxonomy, the key the URL. */
function toHugoArticle(text: string, key: string): string {
  const end = text.indexOf("\n---\n", 4);
  const frontMatter = text
    .slice(4, end)
    .split("\n")
    .map((line) => line.replace(/^category: (.*)$/, "categories: [$1]"))
    .filter((line) => !line.startsWith("draft:"));
  return `---\n${[...frontMatter, `url: /articles/${key}/`].join("\n")}\n---\n${text.slice(end + 5)}`;
}

/** Writes the corpus as a Hugo site in hugoDir (config, layouts, content). */
export async function writeHugoSite(contentDir: string, hugoDir: string): Promise<void> {
  await rm(hugoDir, { recursive: true, force: true });
  await mkdir(path.join(hugoDir, "content", "articles"), { recursive: true });
  const site = JSON.parse(await readFile(path.join(contentDir, "site.json"), "utf8")) as { name: string; url: string; language: string };
  await writeFile(
    path.join(hugoDir, "config.toml"),
    `baseURL = "${site.url}/"\ntitle = "${site.name}"\nlanguageCode = "${site.language}"\npaginate = 20\ndisableKinds = ["RSS"]\n[taxonomies]\n  tag = "tags"\n  category = "categories"\n`,
  );
  for (const [file, text] of Object.entries(LAYOUTS)) {
    await mkdir(path.dirname(path.join(hugoDir, "layouts", file)), { recursive: true });
    await writeFile(path.join(hugoDir, "layouts", file), text);
  }
  const names = (await readdir(path.join(contentDir, "articles"))).filter((name) => name.endsWith(".md"));
  for (let i = 0; i < names.length; i += 200) {
    await Promise.all(
      names.slice(i, i + 200).map(async (name) => {
        const key = name.replace(/^\d{4}-\d\d-\d\d-/, "").replace(/\.md$/, "");
        await writeFile(
          path.join(hugoDir, "content", "articles", name),
          toHugoArticle(await readFile(path.join(contentDir, "articles", name), "utf8"), key),
        );
      }),
    );
  }
}

/** Runs a command to its end, sampling its process tree's memory; fails with its output. */
async function timed(command: string, args: string[], cwd: string): Promise<{ ms: number; peak: number; output: string }> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const sampler = samplePeakMemory(child.pid!);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  const ms = Math.round(performance.now() - started);
  const peak = await sampler.stop();
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}: ${output.trim().split("\n").slice(-5).join(" ")}`);
  return { ms, peak, output };
}

/** Builds the Hugo site (written by writeHugoSite) and indexes its output with Pagefind, timing each. */
export async function measureHugoAnchor(hugoDir: string): Promise<AnchorMeasurement> {
  const publicDir = path.join(hugoDir, "public");
  await rm(publicDir, { recursive: true, force: true });
  const version = (await timed("hugo", ["version"], hugoDir)).output.trim().split(" ")[1] ?? "unknown";
  const hugo = await timed("hugo", ["--quiet", "--destination", publicDir], hugoDir);
  const pagefind = await timed(await pagefindBinary(), ["--site", publicDir, "--quiet"], hugoDir);
  return {
    hugoMs: hugo.ms,
    pagefindMs: pagefind.ms,
    wallMs: hugo.ms + pagefind.ms,
    peakMemoryBytes: Math.max(hugo.peak, pagefind.peak),
    hugoVersion: version,
  };
}

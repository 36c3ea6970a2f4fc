/** The fixture corpus the build tests share: enough articles to paginate, plus the edge cases. */
import { article, type BuiltSite, buildContentFolder, writeContent } from "./build-site.ts";

export const FIXTURE_NOW = "2026-01-01T00:00:00Z";

export function fixtureArticles(): Record<string, string> {
  const files: Record<string, string> = {};
  const spellings = ["Alibaba", "alibaba", "Alibaba", "ALIBABA "];
  for (let i = 1; i <= 23; i++) {
    const day = String(i).padStart(2, "0");
    files[`2024-03-${day}-market-report-${i}.md`] = article(
      {
        title: `Market report ${i}`,
        date: `2024-03-${day}T09:00:00Z`,
        summary: `Summary of report ${i}.`,
        category: i % 2 ? "Business" : "Technology",
        tags: [spellings[i % 4]!, "Retail", ...(i % 5 === 0 ? ["Gucci"] : [])],
      },
      `Report number ${i} on the market.\n\nSee [the index](/tags/) and [report one](/articles/market-report-1/).`,
    );
  }
  files["2024-04-01-alibaba-chinese.md"] = article(
    {
      title: "阿里巴巴暂停会员资格",
      date: "2024-04-01",
      category: "Business",
      tags: ["阿里巴巴", "IACC"],
      source: "新华社",
      author: "王伟",
    },
    "国际反假冒联盟宣布暂停阿里巴巴的会员资格。",
  );
  files["2024-04-02-unfinished-draft.md"] = article(
    { title: "Unfinished draft", date: "2024-04-02", draft: true, tags: ["Secret tag"], category: "Drafts only" },
    "Not ready.",
  );
  files["2099-01-01-scheduled-story.md"] = article(
    { title: "Scheduled story", date: "2099-01-01T08:00:00Z", tags: ["Future tag"], category: "Business" },
    "Embargoed until 2099.",
  );
  files["2024-04-03-closed-for-replies.md"] = article(
    { title: "A <script>alert(1)</script> headline & more", date: "2024-04-03", replies: "closed", updated: "2024-04-04" },
    "Body with a [relative link](/archive/).",
  );
  return files;
}

export type FixtureBuild = BuiltSite;

/** The fixture corpus written to a temporary folder and built with the real build command. */
export async function buildFixtureSite(): Promise<FixtureBuild> {
  return buildContentFolder(await writeContent(fixtureArticles()), FIXTURE_NOW, "fixture");
}

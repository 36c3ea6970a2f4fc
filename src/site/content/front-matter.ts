/**
 * Splits a markdown file into front matter and body.
 * YAML is read with the core schema: dates stay strings (luxon reads them in the site's
 * time zone, not the YAML parser in UTC) and `no`/`off` stay strings, so `draft: no`
 * is an error instead of silently meaning false.
 */
import yaml from "js-yaml";

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export interface SplitFile {
  data: unknown;
  body: string;
}

/** Front matter read as far as it can be, with every problem found on the way. */
export interface ReadFrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Sentences naming the file: the fence, each YAML error (line and what to do). */
  problems: string[];
  /** Fields on lines the YAML parser could not read: "required" would be a false alarm. */
  unreadable: Set<string>;
}

/** A file with more bad lines than this is not front matter worth reading line by line. */
const MAX_YAML_RETRIES = 20;
const FIELD_LINE = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/;

/**
 * Reads the front matter and reports every problem at once. A YAML error is reported with its
 * line, and that line is set aside so the other lines are still read and checked: an author
 * fixes the whole file in one go instead of one build per problem (issue 13).
 */
export function readFrontMatter(source: string, file: string): ReadFrontMatter {
  const text = source.replace(/^\uFEFF/, "");
  const match = FENCE.exec(text);
  if (!match) {
    return {
      data: {},
      body: text,
      problems: [`${file}: no front matter: the file must start with a --- block holding at least title and date`],
      unreadable: new Set(),
    };
  }
  const lines = (match[1] ?? "").split(/\r?\n/);
  const problems: string[] = [];
  const unreadable = new Set<string>();
  for (let attempt = 0; attempt <= MAX_YAML_RETRIES; attempt++) {
    try {
      const data = yaml.load(lines.join("\n"), { schema: yaml.CORE_SCHEMA, filename: file }) ?? {};
      if (typeof data !== "object" || data === null || Array.isArray(data)) {
        problems.push(`${file}: front matter must be a set of "field: value" lines`);
        return { data: {}, body: text.slice(match[0].length), problems, unreadable };
      }
      return { data: data as Record<string, unknown>, body: text.slice(match[0].length), problems, unreadable };
    } catch (error) {
      if (!(error instanceof yaml.YAMLException)) throw error;
      const index = Math.min(error.mark.line, lines.length - 1);
      problems.push(`${file}: front matter is not valid YAML (line ${index + 2}): ${explainYamlError(error.reason, lines[index] ?? "")}`);
      const field = FIELD_LINE.exec(lines[index] ?? "")?.[1];
      if (field) unreadable.add(field);
      lines[index] = "";
    }
  }
  return { data: {}, body: text.slice(match[0].length), problems, unreadable };
}

/** js-yaml's reason, plus what to do when the cause is a common slip. */
function explainYamlError(reason: string, line: string): string {
  const field = FIELD_LINE.exec(line);
  const value = field?.[2] ?? "";
  if (field && /:\s/.test(value) && !/^["']/.test(value)) {
    return `${reason}. The value of "${field[1]}" holds a colon: put it in quotes, e.g. ${field[1]}: "${value.replace(/"/g, '\\"')}"`;
  }
  return reason;
}

/** The front matter, or an error naming every problem found. */
export function splitFrontMatter(source: string, file: string): SplitFile {
  const { data, body, problems } = readFrontMatter(source, file);
  if (problems.length > 0) throw new Error(problems.join("\n"));
  return { data, body };
}

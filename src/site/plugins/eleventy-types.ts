/**
 * The narrow slice of Eleventy's config API we use. Eleventy ships JSDoc, not types
 * for the config object, so this keeps our plugins strictly typed.
 */
export interface PaginationData {
  data: string;
  size: number;
  alias: string;
}

export interface TemplateData {
  pagination?: PaginationData;
  permalink: string | ((data: Record<string, unknown>) => string);
  eleventyExcludeFromCollections?: boolean;
  [key: string]: unknown;
}

export interface EleventyConfig {
  addGlobalData(name: string, value: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addTemplate(virtualPath: string, content: string, data: TemplateData): void;
  addWatchTarget(target: string): void;
  addPlugin<T>(plugin: (config: EleventyConfig, options: T) => void, options?: T): void;
  setServerOptions(options: Record<string, unknown>): void;
  on(event: "eleventy.before" | "eleventy.after" | "eleventy.beforeWatch", handler: (event: unknown) => unknown): void;
  setInputDirectory(dir: string): void;
  setOutputDirectory(dir: string): void;
  /** Relative to the input directory. */
  setIncludesDirectory(dir: string): void;
  setTemplateFormats(formats: string[]): void;
  ignores: { add(glob: string): void };
}

// Eleventy and its RSS plugin ship no type declarations; these cover what we call.
declare module "@11ty/eleventy-plugin-rss" {
  export function convertHtmlToAbsoluteUrls(html: string, base: string): Promise<string>;
  const rssPlugin: (config: unknown, options?: unknown) => void;
  export default rssPlugin;
}

declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: Record<string, unknown>);
    init(): Promise<unknown>;
    write(): Promise<unknown>;
    watch(): Promise<unknown>;
    serve(port?: number): Promise<unknown>;
  }
}

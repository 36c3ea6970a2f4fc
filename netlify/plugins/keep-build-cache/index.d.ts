/** Types of index.js for the TypeScript tests: the part of Netlify's plugin API it uses. */
export interface NetlifyCache {
  restore(path: string): Promise<boolean>;
  save(path: string): Promise<boolean>;
}
export interface PluginOptions {
  constants: { PUBLISH_DIR?: string };
  utils: { cache: NetlifyCache };
}
export function cachedPaths(constants: PluginOptions["constants"]): string[];
export function onPreBuild(options: PluginOptions): Promise<void>;
export function onPostBuild(options: PluginOptions): Promise<void>;

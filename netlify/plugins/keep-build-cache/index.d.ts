/** Types of index.js for the TypeScript tests: the part of Netlify's plugin API it uses. */
export interface NetlifyCache {
  restore(path: string, options?: { move?: boolean }): Promise<boolean>;
  save(path: string, options?: { move?: boolean }): Promise<boolean>;
}
export interface PluginOptions {
  /** IS_LOCAL is false on Netlify's build servers, true under `netlify build` on a workstation. */
  constants: { PUBLISH_DIR?: string; IS_LOCAL?: boolean };
  utils: { cache: NetlifyCache };
}
export function cachedPaths(constants: PluginOptions["constants"]): string[];
export function onPreBuild(options: PluginOptions): Promise<void>;
export function onSuccess(options: PluginOptions): Promise<void>;

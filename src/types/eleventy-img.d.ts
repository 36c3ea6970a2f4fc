// @11ty/eleventy-img ships no type declarations; this covers what src/site/media/ calls.
declare module "@11ty/eleventy-img" {
  interface ImageFunction {
    (src: string, options: Record<string, unknown>): Promise<Record<string, unknown[]>>;
    concurrency: number;
  }
  const Image: ImageFunction;
  export default Image;
}

import { describe, expect, it } from "vitest";
import { heapLimitArgs, youngGenerationArgs } from "../../src/build/heap-limit.ts";

const GIB = 2 ** 30;
const nothingChosen = { nodeOptions: undefined, execArgv: ["--import", "tsx"] };

describe("the heap limit for the processes that hold the whole site", () => {
  it("gives them three quarters of the machine's memory, past Node's 4 GiB default", () => {
    expect(heapLimitArgs({ totalBytes: 24 * GIB, defaultLimitBytes: 4 * GIB }, nothingChosen)).toEqual(["--max-old-space-size=18432"]);
  });

  it("leaves the default where it is already the larger", () => {
    expect(heapLimitArgs({ totalBytes: 4 * GIB, defaultLimitBytes: 4 * GIB }, nothingChosen)).toEqual([]);
  });

  it("leaves a limit the user chose, in NODE_OPTIONS or node's own arguments", () => {
    const machine = { totalBytes: 24 * GIB, defaultLimitBytes: 4 * GIB };
    expect(heapLimitArgs(machine, { nodeOptions: "--enable-source-maps --max-old-space-size=2048", execArgv: [] })).toEqual([]);
    expect(heapLimitArgs(machine, { nodeOptions: "", execArgv: ["--max-old-space-size=6000", "--import", "tsx"] })).toEqual([]);
  });
});

describe("the young generation of the processes that hold the whole site", () => {
  it("is larger than V8's default, so rendering collects garbage less often", () => {
    expect(youngGenerationArgs(nothingChosen)).toEqual(["--max-semi-space-size=64"]);
  });

  it("is left as the user chose it, in NODE_OPTIONS or node's own arguments", () => {
    expect(youngGenerationArgs({ nodeOptions: "--max-semi-space-size=16", execArgv: [] })).toEqual([]);
    expect(youngGenerationArgs({ nodeOptions: undefined, execArgv: ["--max-semi-space-size=8", "--import", "tsx"] })).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { createAsyncQueue } from "../../src/build/async-queue.ts";

describe("a queue of items that arrive one by one", () => {
  it("gives each item as it arrives, in order, and ends once ended and read", async () => {
    const queue = createAsyncQueue<number>();
    queue.push(1);
    const read: number[] = [];
    const reading = (async () => {
      for await (const item of queue) read.push(item);
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(read).toEqual([1]);
    queue.push(2);
    queue.push(3);
    queue.end();
    await reading;
    expect(read).toEqual([1, 2, 3]);
  });

  it("refuses an item after its end, which nobody would read", () => {
    const queue = createAsyncQueue<number>();
    queue.end();
    expect(() => queue.push(1)).toThrow("the queue has ended");
  });
});

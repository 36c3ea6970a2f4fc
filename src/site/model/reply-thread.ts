/**
 * Threads a flat list of approved replies: oldest first at every level, nested to a
 * fixed depth. A reply whose parent is not shown (pending, rejected, or deeper than the
 * limit allows) is shown under the nearest shown ancestor, or at the top level, rather
 * than disappearing.
 */
import { MAX_THREAD_DEPTH } from "../../shared/reply-routes.ts";

export interface Threadable {
  id: string;
  parent: string | null;
  date: string;
}

export interface ThreadNode<T> {
  reply: T;
  /** 1 for a reply to the article. */
  depth: number;
  children: ThreadNode<T>[];
}

export function threadReplies<T extends Threadable>(replies: readonly T[], maxDepth = MAX_THREAD_DEPTH): ThreadNode<T>[] {
  const byId = new Map(replies.map((reply) => [reply.id, reply]));
  const sorted = [...replies].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : 1));
  const nodes = new Map<string, ThreadNode<T>>();
  const roots: ThreadNode<T>[] = [];

  const attach = (reply: T): ThreadNode<T> => {
    const existing = nodes.get(reply.id);
    if (existing) return existing;
    let parentNode: ThreadNode<T> | undefined;
    const parent = reply.parent ? byId.get(reply.parent) : undefined;
    // Guard against a cycle in hand-edited files: a parent must be older.
    if (parent && parent.id !== reply.id && parent.date <= reply.date) parentNode = attach(parent);
    while (parentNode && parentNode.depth >= maxDepth) parentNode = findParentNode(parentNode);
    const node: ThreadNode<T> = { reply, depth: parentNode ? parentNode.depth + 1 : 1, children: [] };
    nodes.set(reply.id, node);
    (parentNode ? parentNode.children : roots).push(node);
    return node;
  };
  const findParentNode = (node: ThreadNode<T>): ThreadNode<T> | undefined => {
    const parentId = node.reply.parent;
    return parentId ? nodes.get(parentId) : undefined;
  };

  for (const reply of sorted) attach(reply);
  const byDate = (a: ThreadNode<T>, b: ThreadNode<T>) => (a.reply.date < b.reply.date ? -1 : a.reply.date > b.reply.date ? 1 : 0);
  const sortDeep = (list: ThreadNode<T>[]) => {
    list.sort(byDate);
    for (const node of list) sortDeep(node.children);
  };
  sortDeep(roots);
  return roots;
}

interface Nested {
  children: readonly Nested[];
}

export function countReplies(nodes: readonly Nested[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countReplies(node.children), 0);
}

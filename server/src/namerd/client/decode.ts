// Checks that namerd's JSON bodies have the documented shapes (namerd-http-api.md §1.4, §1.7) before they reach
// callers. Anything else is a `bad-response` error (a proxy's HTML page, a truncated body, another service).
// Trees are walked with an explicit stack: a hostile server cannot overflow ours.

import type { AddrJson, BoundTreeJson, DelegateTreeJson, DentryJson } from '../wire.js';

export class ShapeError extends Error {}

type Json = unknown;

function isObject(v: Json): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(what: string): never {
  throw new ShapeError(`expected ${what}`);
}

export function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new ShapeError('the body is not JSON');
  }
}

export function decodeStringArray(v: Json): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail('a JSON array of strings');
  return v as string[];
}

/** bound-names: namerd writes `[""]` when there are no names (hand-built JSON, §1.7); that means none. */
export function decodeBoundNames(v: Json): string[] {
  return decodeStringArray(v).filter((s) => s !== '');
}

export function decodeDentries(v: Json): DentryJson[] {
  if (!Array.isArray(v)) fail('a JSON dtab (an array of {prefix, dst})');
  return v.map((d) => {
    if (!isObject(d) || typeof d.prefix !== 'string' || typeof d.dst !== 'string') fail('dtab entries of the form {"prefix":"...","dst":"..."}');
    return { prefix: d.prefix, dst: d.dst };
  });
}

export function decodeAddr(v: Json): AddrJson {
  if (!isObject(v)) fail('an Addr object');
  switch (v.type) {
    case 'neg':
    case 'pending':
      return { type: v.type };
    case 'failed':
      return typeof v.cause === 'string' ? { type: 'failed', cause: v.cause } : { type: 'failed' };
    case 'bound': {
      if (!Array.isArray(v.addrs)) fail('"addrs" in a bound Addr');
      const addrs = v.addrs.map((a) => {
        if (!isObject(a) || typeof a.ip !== 'string' || typeof a.port !== 'number') fail('addresses of the form {"ip","port","meta"}');
        return { ip: a.ip, port: a.port, meta: isObject(a.meta) ? a.meta : {} };
      });
      return { type: 'bound', addrs, meta: isObject(v.meta) ? v.meta : {} };
    }
    default:
      return fail('an Addr with type bound, neg, failed or pending');
  }
}

function checkBound(v: Json): void {
  if (!isObject(v) || typeof v.id !== 'string' || typeof v.path !== 'string') fail('a bound name {"addr","id","path"}');
  decodeAddr(v.addr);
}

const TREE_TYPES = new Set(['delegate', 'alt', 'union', 'leaf', 'neg', 'fail', 'empty', 'exception', 'transformation']);

/** Children of a tree node, checking the fields its type requires. */
function childrenOf(node: Record<string, unknown>, requirePath: boolean): Json[] {
  if (!TREE_TYPES.has(String(node.type))) fail(`a tree node type, not ${JSON.stringify(node.type)}`);
  if (requirePath && typeof node.path !== 'string') fail(`"path" on a ${String(node.type)} node`);
  if (node.dentry !== undefined && (!isObject(node.dentry) || typeof node.dentry.prefix !== 'string' || typeof node.dentry.dst !== 'string')) {
    fail('"dentry" of the form {"prefix","dst"}');
  }
  switch (node.type) {
    case 'delegate':
      return [node.delegate];
    case 'alt':
      if (!Array.isArray(node.alt)) fail('"alt" array');
      return node.alt;
    case 'union':
      if (!Array.isArray(node.union)) fail('"union" array');
      return node.union.map((w) => {
        if (!isObject(w) || typeof w.weight !== 'number') fail('union members {"weight","tree"}');
        return w.tree;
      });
    case 'leaf':
      checkBound(node.bound);
      return [];
    case 'transformation':
      checkBound(node.bound);
      return [node.tree];
    default:
      return [];
  }
}

function checkTree(root: Json, requirePath: boolean): void {
  const stack: Json[] = [root];
  while (stack.length > 0) {
    const n = stack.pop();
    if (!isObject(n)) fail('a tree node object');
    stack.push(...childrenOf(n, requirePath));
  }
}

export function decodeDelegateTree(v: Json): DelegateTreeJson {
  checkTree(v, true);
  return v as DelegateTreeJson;
}

export function decodeBoundTree(v: Json): BoundTreeJson {
  checkTree(v, false);
  return v as BoundTreeJson;
}

// Decoding namerd's delegate JSON back into a DelegateTree (the reverse of delegate-json.ts), for our namerd client.
// Linkerd's own decoder sends `neg`/`fail` paths through `Path.read`, so it cannot read the `"~"` and `"!"` that
// namerd itself writes (spec G25); here both decode to the empty path, which encodes back to the same strings.
// Never throws: malformed input gives `{ok:false, message}`. No recursion on the (untrusted) tree.

import type { Dentry, Path } from './ast.js';
import type { DelegateTree, DelegateWeighted } from './delegate-tree.js';
import type { Addr, Address, Meta, NameBound } from './namers-types.js';
import { readNameTree, readPath, readPrefix } from './parse.js';
import { DENTRY_NOP } from './show.js';
import { foldPostOrder } from './tree.js';

export type DecodeResult = { readonly ok: true; readonly tree: DelegateTree } | { readonly ok: false; readonly message: string };

class DecodeError extends Error {}

type Json = { readonly [key: string]: unknown };

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(o: Json, key: string, what: string): unknown {
  if (!(key in o)) throw new DecodeError(`${what}: missing "${key}"`);
  return o[key];
}

function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new DecodeError(`${what}: expected a string`);
  return v;
}

function path(v: unknown, what: string): Path {
  if (v === undefined || v === null) return [];
  const r = readPath(str(v, what));
  if (!r.ok) throw new DecodeError(`${what}: ${r.message}`);
  return r.value;
}

function dentry(v: unknown): Dentry {
  if (v === undefined || v === null) return DENTRY_NOP;
  if (!isObject(v)) throw new DecodeError('dentry: expected an object');
  const prefix = readPrefix(str(field(v, 'prefix', 'dentry'), 'dentry.prefix'));
  if (!prefix.ok) throw new DecodeError(`dentry.prefix: ${prefix.message}`);
  const dst = readNameTree(str(field(v, 'dst', 'dentry'), 'dentry.dst'));
  if (!dst.ok) throw new DecodeError(`dentry.dst: ${dst.message}`);
  return { prefix: prefix.value, dst: dst.value };
}

function meta(v: unknown): Meta | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw new DecodeError('meta: expected an object');
  return v as Meta;
}

function weight(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new DecodeError('weight: expected a number');
}

export function addrFromJson(v: unknown): Addr {
  if (!isObject(v)) throw new DecodeError('addr: expected an object');
  switch (v['type']) {
    case 'bound': {
      const list = v['addrs'] ?? [];
      if (!Array.isArray(list)) throw new DecodeError('addr.addrs: expected an array');
      const addrs = list.map((a): Address => {
        if (!isObject(a) || typeof a['ip'] !== 'string' || typeof a['port'] !== 'number') {
          throw new DecodeError('addr.addrs: expected {"ip","port"} objects');
        }
        const m = meta(a['meta']);
        return m ? { ip: a['ip'], port: a['port'], meta: m } : { ip: a['ip'], port: a['port'] };
      });
      const m = meta(v['meta']);
      return m ? { type: 'bound', addrs, meta: m } : { type: 'bound', addrs };
    }
    case 'failed':
      return { type: 'failed', cause: typeof v['cause'] === 'string' ? v['cause'] : '' };
    case 'neg':
      return { type: 'neg' };
    case 'pending':
      return { type: 'pending' };
    default:
      throw new DecodeError(`addr: unknown type ${JSON.stringify(v['type'])}`);
  }
}

function bound(v: unknown): NameBound {
  if (!isObject(v)) throw new DecodeError('bound: expected an object');
  return {
    kind: 'bound',
    addr: addrFromJson(field(v, 'addr', 'bound')),
    id: path(field(v, 'id', 'bound'), 'bound.id'),
    residual: path(v['path'], 'bound.path'),
  };
}

function jsonChildren(v: unknown): readonly unknown[] {
  if (!isObject(v)) return [];
  switch (v['type']) {
    case 'delegate':
      return [v['delegate']];
    case 'transformation':
      return [v['tree']];
    case 'alt':
      return Array.isArray(v['alt']) ? v['alt'] : [];
    case 'union':
      return Array.isArray(v['union']) ? v['union'].map((w: unknown) => (isObject(w) ? w['tree'] : w)) : [];
    default:
      return [];
  }
}

function node(v: unknown, kids: readonly DelegateTree[]): DelegateTree {
  if (!isObject(v)) throw new DecodeError('node: expected an object');
  const type = v['type'];
  const p = () => path(v['path'], `${String(type)}.path`);
  switch (type) {
    case 'neg':
    case 'fail': {
      const text = v['path'];
      const special = type === 'neg' ? '~' : '!';
      return { kind: type, path: text === special ? [] : p(), dentry: dentry(v['dentry']) };
    }
    case 'empty':
      return { kind: 'empty', path: p(), dentry: dentry(v['dentry']) };
    case 'exception': {
      const message = v['message'];
      const d = dentry(v['dentry']);
      return typeof message === 'string'
        ? { kind: 'exception', path: p(), dentry: d, message }
        : { kind: 'exception', path: p(), dentry: d };
    }
    case 'leaf':
      return { kind: 'leaf', path: p(), dentry: dentry(v['dentry']), bound: bound(field(v, 'bound', 'leaf')) };
    case 'delegate':
      if (!('delegate' in v)) throw new DecodeError('delegate: missing "delegate"');
      return { kind: 'delegate', path: p(), dentry: dentry(v['dentry']), tree: kids[0]! };
    case 'alt':
      if (!Array.isArray(v['alt'])) throw new DecodeError('alt: "alt" must be an array');
      return { kind: 'alt', path: p(), dentry: dentry(v['dentry']), trees: kids };
    case 'union': {
      const members = v['union'];
      if (!Array.isArray(members)) throw new DecodeError('union: "union" must be an array');
      const weighted: DelegateWeighted[] = members.map((w: unknown, i) => {
        if (!isObject(w)) throw new DecodeError('union: members must be {"weight","tree"} objects');
        return { weight: weight(w['weight']), tree: kids[i]! };
      });
      return { kind: 'union', path: p(), dentry: dentry(v['dentry']), weighted };
    }
    case 'transformation':
      if (!('tree' in v)) throw new DecodeError('transformation: missing "tree"');
      return {
        kind: 'transformation',
        path: p(),
        name: str(field(v, 'name', 'transformation'), 'transformation.name'),
        bound: bound(field(v, 'bound', 'transformation')),
        tree: kids[0]!,
      };
    default:
      throw new DecodeError(`unknown node type ${JSON.stringify(type)}`);
  }
}

/** Decodes namerd's `/api/1/delegate` JSON (text or already parsed). */
export function delegateFromJson(input: string | unknown): DecodeResult {
  try {
    const value: unknown = typeof input === 'string' ? JSON.parse(input) : input;
    // Nodes are decoded bottom-up; an object shared by reference is decoded once.
    const tree = foldPostOrder<object, DelegateTree>(
      isObject(value) ? value : { type: undefined },
      (o) => jsonChildren(o).map((c) => (isObject(c) ? c : { type: undefined })),
      (o, kids) => node(o, kids),
    );
    return { ok: true, tree };
  } catch (e) {
    if (e instanceof DecodeError || e instanceof SyntaxError) return { ok: false, message: `invalid delegate JSON: ${e.message}` };
    throw e;
  }
}

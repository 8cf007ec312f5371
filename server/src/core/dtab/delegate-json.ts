// namerd's JSON for delegation and bind results (spec/dtab-language.md §6.4; namerd-http-api.md §1.7): byte-for-
// byte what Linkerd's Jackson codec (`DelegateApiHandler`) writes. Compact; `type` first; absent fields omitted;
// the dentry omitted when equivalent to `Dentry.nop`; doubles in Java `Double.toString` form (`1.0`, `1.0E-4`).
// Pure; no recursion on the tree.

import type { Dentry, NameTree } from './ast.js';
import type { DelegateTree } from './delegate-tree.js';
import { foldDelegateTree } from './delegate-tree.js';
import { javaDoubleToString } from './java-format.js';
import { isNopEquivalent } from './lookup.js';
import type { Addr, MetaValue, NameBound } from './namers-types.js';
import { showNameTree, showPath, showPrefix } from './show.js';
import { foldTree } from './tree.js';

const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string as Jackson writes it: like JSON.stringify, but `\u00XX` escapes use upper-case hex. */
export function jsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  return JSON.stringify(s).replace(/\\(\\|u[0-9a-f]{4})/g, (m, e: string) => (e === '\\' ? m : '\\' + 'u' + e.slice(1).toUpperCase()));
}

/** A Java double as Jackson writes it (`Double.toString`; non-finite values quoted). */
export function jsonDouble(d: number): string {
  return Number.isFinite(d) ? javaDoubleToString(d) : jsonString(javaDoubleToString(d));
}

/** Metadata values: strings and booleans as JSON, numbers as Java doubles (Finagle's metadata numbers are). */
function metaValueJson(v: MetaValue): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number') return jsonDouble(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(metaValueJson).join(',') + ']';
  const obj = v as { readonly [key: string]: MetaValue };
  return '{' + Object.keys(obj).map((k) => jsonString(k) + ':' + metaValueJson(obj[k]!)).join(',') + '}';
}

/** `Addr` JSON: bound addresses with `meta` always present, failed `cause`, neg, pending. */
export function addrToJson(addr: Addr): string {
  switch (addr.type) {
    case 'bound': {
      const addrs = addr.addrs.map(
        (a) => `{"ip":${jsonString(a.ip)},"port":${a.port},"meta":${metaValueJson(a.meta ?? {})}}`,
      );
      return `{"type":"bound","addrs":[${addrs.join(',')}],"meta":${metaValueJson(addr.meta ?? {})}}`;
    }
    case 'failed':
      return `{"type":"failed","cause":${jsonString(addr.cause)}}`;
    default:
      return `{"type":"${addr.type}"}`;
  }
}

/** `Bound` JSON: `{"addr":…,"id":…,"path":<residual>}`. */
export function boundToJson(b: NameBound): string {
  return `{"addr":${addrToJson(b.addr)},"id":${jsonString(showPath(b.id))},"path":${jsonString(showPath(b.residual))}}`;
}

export function dentryToJson(d: Dentry): string {
  return `{"prefix":${jsonString(showPrefix(d.prefix))},"dst":${jsonString(showNameTree(d.dst))}}`;
}

const dentryFields = new WeakMap<Dentry, string>();

/** `,"dentry":{…}` unless the dentry is equivalent to the no-op sentinel. Cached: one dentry fires many times. */
function dentryField(d: Dentry): string {
  let field = dentryFields.get(d);
  if (field === undefined) {
    field = isNopEquivalent(d) ? '' : ',"dentry":' + dentryToJson(d);
    dentryFields.set(d, field);
  }
  return field;
}

const FAIL_PREFIX = ['$', 'fail'];

/** The JSON of a delegate tree, exactly as namerd's `/api/1/delegate` body. */
export function delegateToJson(tree: DelegateTree): string {
  return foldDelegateTree<string>(tree, (t, kids) => {
    const head = `{"type":"${t.kind}","path":`;
    switch (t.kind) {
      case 'neg':
        return head + jsonString(t.path.length === 0 ? '~' : showPath(t.path)) + dentryField(t.dentry) + '}';
      case 'fail': {
        const isFailPath = t.path.length >= 2 && t.path[0] === FAIL_PREFIX[0] && t.path[1] === FAIL_PREFIX[1];
        return head + jsonString(isFailPath ? showPath(t.path) : '!') + dentryField(t.dentry) + '}';
      }
      case 'empty':
        return head + jsonString(showPath(t.path)) + dentryField(t.dentry) + '}';
      case 'exception':
        return (
          head +
          jsonString(showPath(t.path)) +
          dentryField(t.dentry) +
          (t.message === undefined ? '' : ',"message":' + jsonString(t.message)) +
          '}'
        );
      case 'leaf':
        return head + jsonString(showPath(t.path)) + dentryField(t.dentry) + ',"bound":' + boundToJson(t.bound) + '}';
      case 'delegate':
        return head + jsonString(showPath(t.path)) + dentryField(t.dentry) + ',"delegate":' + kids[0] + '}';
      case 'alt':
        return head + jsonString(showPath(t.path)) + dentryField(t.dentry) + ',"alt":[' + kids.join(',') + ']}';
      case 'union': {
        const members = t.weighted.map((w, i) => `{"weight":${jsonDouble(w.weight)},"tree":${kids[i]}}`);
        return head + jsonString(showPath(t.path)) + dentryField(t.dentry) + ',"union":[' + members.join(',') + ']}';
      }
      case 'transformation':
        return (
          head +
          jsonString(showPath(t.path)) +
          ',"name":' +
          jsonString(t.name) +
          ',"bound":' +
          boundToJson(t.bound) +
          ',"tree":' +
          kids[0] +
          '}'
        );
    }
  });
}

/**
 * The JSON of a bound tree as namerd's `/api/1/bind/<ns>` writes it: the same codec over a tree built without
 * paths, so no node has `path` or `dentry` (`{"type":"neg"}`, `{"type":"leaf","bound":{…}}`).
 */
export function boundTreeToJson(tree: NameTree<NameBound>): string {
  return foldTree<NameBound, string>(tree, (t, kids) => {
    switch (t.kind) {
      case 'leaf':
        return `{"type":"leaf","bound":${boundToJson(t.value)}}`;
      case 'alt':
        return `{"type":"alt","alt":[${kids.join(',')}]}`;
      case 'union':
        return `{"type":"union","union":[${t.weighted.map((w, i) => `{"weight":${jsonDouble(w.weight)},"tree":${kids[i]}}`).join(',')}]}`;
      default:
        return `{"type":"${t.kind}"}`;
    }
  });
}

// Queries over the dtab syntax tree shared by the LSP features: what is at an offset, and walks over the
// leaves of a destination. Every walk uses an explicit stack: user input may nest parentheses arbitrarily deep.

import { AnyElem } from '../core/dtab/ast.js';
import { prefixMatches } from '../core/dtab/lookup.js';
import type {
  DentryNode,
  DtabDocument,
  Path,
  Prefix,
  PrefixNode,
  LabelNode,
  PathNode,
  Span,
  TreeNode,
  WeightedNode,
  WildcardNode,
} from '../core/dtab/ast.js';

export type SyntaxTarget =
  /** An element of the dentry's prefix (a label or `*`). */
  | { readonly kind: 'prefixElem'; readonly elemIndex: number; readonly elem: LabelNode | WildcardNode }
  /** A label of a path in the destination. */
  | { readonly kind: 'pathLabel'; readonly path: PathNode; readonly labelIndex: number; readonly label: LabelNode }
  /** A path in the destination, but not on one of its labels (e.g. on `/` of the empty path). */
  | { readonly kind: 'path'; readonly path: PathNode }
  /** The weight of a union member; `union` has the sibling members (a lone weighted tree has one). */
  | { readonly kind: 'weight'; readonly member: WeightedNode; readonly union: readonly WeightedNode[] }
  /** `~`, `!` or `$` in the destination. */
  | { readonly kind: 'terminal'; readonly node: { readonly kind: 'neg' | 'fail' | 'empty'; readonly span: Span } }
  /** Somewhere else in the dentry (`=>`, an operator, whitespace). */
  | { readonly kind: 'other' };

export interface SyntaxHit {
  readonly dentry: DentryNode;
  readonly dentryIndex: number;
  readonly target: SyntaxTarget;
  /** Spans of the enclosing nodes, innermost first: the path/prefix, tree nodes, then the dentry. */
  readonly ancestors: readonly Span[];
}

const within = (span: Span, offset: number): boolean => offset >= span.start && offset <= span.end;

/** Index of the dentry whose span contains `offset` (end inclusive), or -1. Binary search: dentries are in order. */
export function dentryIndexAt(doc: DtabDocument, offset: number): number {
  const ds = doc.dentries;
  let lo = 0;
  let hi = ds.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const span = ds[mid]!.span;
    if (offset < span.start) hi = mid - 1;
    else if (offset > span.end) lo = mid + 1;
    else {
      // Touching spans (`/a=>/b;/c` has none, but a recovered dentry might): prefer the later one at its start.
      if (mid + 1 < ds.length && ds[mid + 1]!.span.start === offset) return mid + 1;
      return mid;
    }
  }
  return -1;
}

export function syntaxAt(doc: DtabDocument, offset: number): SyntaxHit | undefined {
  const dentryIndex = dentryIndexAt(doc, offset);
  if (dentryIndex < 0) return undefined;
  const dentry = doc.dentries[dentryIndex]!;
  const ancestors: Span[] = [dentry.span];
  const hit = (target: SyntaxTarget, inner: Span[]): SyntaxHit => ({
    dentry,
    dentryIndex,
    target,
    ancestors: [...inner.reverse(), ...ancestors],
  });

  if (within(dentry.prefix.span, offset)) {
    const elemIndex = dentry.prefix.elems.findIndex((e) => within(e.span, offset));
    if (elemIndex >= 0) {
      return hit({ kind: 'prefixElem', elemIndex, elem: dentry.prefix.elems[elemIndex]! }, [dentry.prefix.span]);
    }
    return hit({ kind: 'other' }, [dentry.prefix.span]);
  }
  if (!within(dentry.dst.span, offset)) return hit({ kind: 'other' }, []);

  // Descend to the innermost node containing the offset, outermost first in `trail`.
  const trail: Span[] = [];
  let node: TreeNode | undefined = dentry.dst;
  while (node) {
    trail.push(node.span);
    switch (node.kind) {
      case 'leaf': {
        const path = node.path;
        const labelIndex = path.labels.findIndex((l) => within(l.span, offset));
        if (labelIndex >= 0) return hit({ kind: 'pathLabel', path, labelIndex, label: path.labels[labelIndex]! }, trail);
        return hit({ kind: 'path', path }, trail);
      }
      case 'group':
        node = within(node.inner.span, offset) ? node.inner : undefined;
        break;
      case 'alt':
        node = node.members.find((m) => within(m.span, offset));
        break;
      case 'union': {
        const members: readonly WeightedNode[] = node.members;
        const member = members.find((m) => within(m.span, offset));
        if (!member) {
          node = undefined;
          break;
        }
        trail.push(member.span);
        if (member.weight && within(member.weight.span, offset)) {
          return hit({ kind: 'weight', member, union: members }, trail);
        }
        node = within(member.tree.span, offset) ? member.tree : undefined;
        break;
      }
      default:
        return hit({ kind: 'terminal', node }, trail);
    }
  }
  return hit({ kind: 'other' }, trail);
}

/** Every path leaf of a destination, in source order. */
export function leavesOf(tree: TreeNode): PathNode[] {
  const out: PathNode[] = [];
  const stack: TreeNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'leaf':
        out.push(node.path);
        break;
      case 'group':
        stack.push(node.inner);
        break;
      case 'alt':
        for (let i = node.members.length - 1; i >= 0; i--) stack.push(node.members[i]!);
        break;
      case 'union':
        for (let i = node.members.length - 1; i >= 0; i--) stack.push(node.members[i]!.tree);
        break;
      default:
        break;
    }
  }
  return out;
}

/** The labels of a path node as byte strings. */
export function pathLabels(path: PathNode): string[] {
  return path.labels.map((l) => l.value);
}

/** The prefix of a dentry as the data model has it (`*` as AnyElem). */
export function prefixOf(node: PrefixNode): Prefix {
  return node.elems.map((e) => ('any' in e ? AnyElem : e.value));
}

/**
 * Whether names starting with `path` can be rewritten by a dentry with `prefix`: the prefix matches the path
 * (Finagle's rule), or the path is shorter and the prefix matches once the residual is appended.
 */
export function prefixRelatesTo(prefix: Prefix, path: Path): boolean {
  if (prefix.length <= path.length) return prefixMatches(prefix, path);
  return prefixMatches(prefix.slice(0, path.length), path);
}

/** A dentry with its `;`. */
export function dentryExtent(d: DentryNode): Span {
  return { start: d.span.start, end: d.semicolon ? d.semicolon.end : d.span.end };
}

export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

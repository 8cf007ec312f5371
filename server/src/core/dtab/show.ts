// Canonical printing (`show`), exactly as Finagle prints (spec §2; gotchas G2, G11, G12, G13).

import { AnyElem, type Dentry, type Dtab, type Label, type NameTree, type Path, type Prefix } from './ast.js';
import { HEX2, SHOWABLE } from './chars.js';
import { javaFormat2f } from './java-format.js';

/**
 * A label as printed: as-is when every byte is SHOWABLE, else EVERY byte as `\xHH` with lowercase hex
 * (all-or-nothing, §2.1). Labels are byte strings (char codes 0..255).
 */
export function showLabel(label: Label): string {
  const n = label.length;
  let i = 0;
  for (; i < n; i++) {
    const c = label.charCodeAt(i);
    if (c >= 128 || SHOWABLE[c] !== 1) break;
  }
  if (i === n) return label;
  let out = '';
  for (let j = 0; j < n; j++) out += '\\x' + HEX2[label.charCodeAt(j) & 0xff];
  return out;
}

/** `Path.show`: `/` + labels joined by `/`; the empty path is `/`. */
export function showPath(path: Path): string {
  if (path.length === 0) return '/';
  let out = '';
  for (const l of path) out += '/' + showLabel(l);
  return out;
}

/** `Dentry.Prefix.show`: like a path, `*` for the wildcard (a literal `*` label prints `\x2a`). */
export function showPrefix(prefix: Prefix): string {
  if (prefix.length === 0) return '/';
  let out = '';
  for (const e of prefix) out += '/' + (e === AnyElem ? '*' : showLabel(e));
  return out;
}

/** Java `%.2f` of a weight (HALF_UP on Java's digits, no exponent, `.` separator). */
export function showWeight(w: number): string {
  return javaFormat2f(w);
}

function unwrapSingles<T>(t: NameTree<T>): NameTree<T> {
  for (;;) {
    if (t.kind === 'alt' && t.trees.length === 1) t = t.trees[0]!;
    else if (t.kind === 'union' && t.weighted.length === 1) t = t.weighted[0]!.tree;
    else return t;
  }
}

/**
 * `NameTree.show` for any leaf type: `showLeaf` prints a leaf's value. Separators ` | ` and ` & `, weights as
 * `2.00*` with no spaces, omitted iff exactly 1.0; Alt inside Union/Alt and Union inside Union are parenthesised.
 */
export function showNameTreeWith<T>(tree: NameTree<T>, showLeaf: (value: T) => string): string {
  // Explicit-stack printer: deep programmatic trees must not overflow the JS stack.
  // Level: 0 = top, 1 = alt member, 2 = simple.
  type Frame = { t: NameTree<T>; level: 0 | 1 | 2 } | string;
  const out: string[] = [];
  const stack: Frame[] = [{ t: tree, level: 0 }];
  while (stack.length > 0) {
    const f = stack.pop()!;
    if (typeof f === 'string') {
      out.push(f);
      continue;
    }
    const t = unwrapSingles(f.t);
    const level = f.level;
    if (t.kind === 'alt') {
      if (level === 0) {
        // join(showAltMember(c), " | ")
        for (let i = t.trees.length - 1; i >= 0; i--) {
          stack.push({ t: t.trees[i]!, level: 1 });
          if (i > 0) stack.push(' | ');
        }
      } else {
        stack.push(')');
        stack.push({ t, level: 0 });
        stack.push('(');
      }
      continue;
    }
    if (t.kind === 'union') {
      if (level <= 1) {
        for (let i = t.weighted.length - 1; i >= 0; i--) {
          const w = t.weighted[i]!;
          stack.push({ t: w.tree, level: 2 });
          if (w.weight !== 1.0) stack.push(javaFormat2f(w.weight) + '*');
          if (i > 0) stack.push(' & ');
        }
      } else {
        stack.push(')');
        stack.push({ t, level: 0 });
        stack.push('(');
      }
      continue;
    }
    switch (t.kind) {
      case 'leaf':
        out.push(showLeaf(t.value));
        break;
      case 'fail':
        out.push('!');
        break;
      case 'neg':
        out.push('~');
        break;
      case 'empty':
        out.push('$');
        break;
    }
  }
  return out.join('');
}

/** `NameTree[Path].show`. */
export function showNameTree(tree: NameTree<Path>): string {
  return showNameTreeWith(tree, showPath);
}

/** `Dentry.show`: prefix + `=>` + tree, no spaces around `=>`. */
export function showDentry(d: Dentry): string {
  return showPrefix(d.prefix) + '=>' + showNameTree(d.dst);
}

/** `Dtab.show`: dentries joined by `;`, no spaces, no trailing `;`; the empty dtab is "". */
export function showDtab(dtab: Dtab): string {
  let out = '';
  for (let i = 0; i < dtab.length; i++) out += (i > 0 ? ';' : '') + showDentry(dtab[i]!);
  return out;
}

/** `Dentry.nop`: prefix = one label holding byte 0x2f, dst Neg; shows `/\x2f=>~`. */
export const DENTRY_NOP: Dentry = { prefix: ['/'], dst: { kind: 'neg' } };

/** True for a dentry equal to `Dentry.nop`. */
export function isNopDentry(d: Dentry): boolean {
  return d.prefix.length === 1 && d.prefix[0] === '/' && d.dst.kind === 'neg';
}

/** Decodes a label's bytes as UTF-8 (for namers that need text); invalid sequences become U+FFFD. */
export function labelToUtf8(label: Label): string {
  const bytes = new Uint8Array(label.length);
  for (let i = 0; i < label.length; i++) bytes[i] = label.charCodeAt(i) & 0xff;
  return new TextDecoder('utf-8').decode(bytes);
}

/** Encodes text as a label (UTF-8 bytes). */
export function labelFromUtf8(text: string): Label {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

// Shared helpers for the evaluator tests (lookup, bind, delegate, namers): read vector inputs with the real
// parser, and print bind results in the spec's §8.8 notation (`Bound(id, residual)`, `U(w:x, ..)`, `~ ! $`).

import assert from 'node:assert/strict';
import type { Dtab, NameTree, Path } from '../../../server/src/core/dtab/ast.js';
import type { BindResult } from '../../../server/src/core/dtab/bind.js';
import type { LookupResult, Name, NameBound, Namer } from '../../../server/src/core/dtab/namers.js';
import { readDtab, readNameTree, readPath } from '../../../server/src/core/dtab/parse.js';
import { showPath } from '../../../server/src/core/dtab/show.js';
import { foldTree } from '../../../server/src/core/dtab/tree.js';
import type { Vector } from '../../fixtures/vectors.js';

export function dtabOf(text: string): Dtab {
  const r = readDtab(text);
  assert.ok(r.ok, `dtab ${JSON.stringify(text)}: ${r.ok ? '' : r.message}`);
  return r.value;
}

export function pathOf(text: string): Path {
  const r = readPath(text);
  assert.ok(r.ok, `path ${JSON.stringify(text)}: ${r.ok ? '' : r.message}`);
  return r.value;
}

export function treeOf(text: string): NameTree<Path> {
  const r = readNameTree(text);
  assert.ok(r.ok, `tree ${JSON.stringify(text)}: ${r.ok ? '' : r.message}`);
  return r.value;
}

/** A name tree in §8 notation: `Bound(/id,/residual)`, `L(/path)` for unbound paths, `U(2:x, 1:y)`, `Alt(..)`. */
export function showNames(t: NameTree<Name>): string {
  return foldTree<Name, string>(t, (n, kids) => {
    switch (n.kind) {
      case 'leaf':
        return n.value.kind === 'path'
          ? `L(${showPath(n.value.path)})`
          : `Bound(${showPath(n.value.id)},${showPath(n.value.residual)})`;
      case 'alt':
        return `Alt(${kids.join(', ')})`;
      case 'union':
        return `U(${n.weighted.map((w, i) => `${w.weight}:${kids[i]}`).join(', ')})`;
      case 'neg':
        return '~';
      case 'fail':
        return '!';
      case 'empty':
        return '$';
    }
  });
}

export function showResult(r: BindResult | LookupResult): string {
  if (r.state === 'ok') return showNames(r.tree);
  if (r.state === 'pending') return 'Pending';
  return `Failed: ${r.message}`;
}

/** A namer that binds every path under its prefix to `id` with the rest as residual (like the tests' `/#/namer`). */
export function bindingNamer(prefix: string, port = 1): Namer {
  const p = pathOf(prefix);
  return {
    prefix: p,
    lookup: (residual: Path): LookupResult => ({
      state: 'ok',
      tree: {
        kind: 'leaf',
        value: { kind: 'bound', id: p, residual, addr: { type: 'bound', addrs: [{ ip: '127.0.0.1', port }] } } satisfies NameBound,
      },
    }),
  };
}

/** A namer that always fails with `error naming <full path>` (the tests' `/#/error`). */
export function errorNamer(prefix: string): Namer {
  const p = pathOf(prefix);
  return { prefix: p, lookup: (residual) => ({ state: 'failed', message: `error naming ${showPath([...p, ...residual])}` }) };
}

/** Asserts that the tests of a section cover exactly the ids of its vectors. */
export function assertCovers(vectors: readonly Vector[], covered: Iterable<string>): void {
  assert.deepEqual([...covered].sort(), vectors.map((v) => v.id).sort());
}

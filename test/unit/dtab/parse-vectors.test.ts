// Every vector of spec §8.1-8.4, one test each, keyed by its id (P1, N6, E7, D12…).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnyElem, type Dtab, type NameTree, type Path } from '../../../server/src/core/dtab/ast.js';
import {
  parseDtab,
  readDentry,
  readDtab,
  readNameTree,
  readPath,
  readPrefix,
  toDtab,
} from '../../../server/src/core/dtab/parse.js';
import { showDentry, showDtab, showNameTree, showPath, showPrefix } from '../../../server/src/core/dtab/show.js';
import { decodeInput, loadVectors } from '../../fixtures/vectors.js';

/** Parses the spec's AST notation: `Alt(..)`, `U(w:x, ..)`, `L(/p)` or a bare `/p`, `~ ! $`. */
function parseAst(src: string): NameTree<Path> | undefined {
  let i = 0;
  const ws = () => {
    while (src[i] === ' ') i++;
  };
  const path = (): Path => {
    const start = i;
    while (i < src.length && !/[,)\s]/.test(src[i]!)) i++;
    const r = readPath(src.slice(start, i));
    if (!r.ok) throw new Error('bad path in AST: ' + src.slice(start, i));
    return r.value;
  };
  const tree = (): NameTree<Path> => {
    ws();
    if (src.startsWith('Alt(', i)) {
      i += 4;
      const trees: NameTree<Path>[] = [];
      while (src[i] !== ')') {
        trees.push(tree());
        ws();
        if (src[i] === ',') i++;
      }
      i++;
      return { kind: 'alt', trees };
    }
    if (src.startsWith('U(', i)) {
      i += 2;
      const weighted: { weight: number; tree: NameTree<Path> }[] = [];
      while (src[i] !== ')') {
        ws();
        const m = /^(\d+(?:\.\d+)?):/.exec(src.slice(i));
        let weight = 1;
        if (m) {
          weight = Number(m[1]);
          i += m[0].length;
        }
        weighted.push({ weight, tree: tree() });
        ws();
        if (src[i] === ',') i++;
      }
      i++;
      return { kind: 'union', weighted };
    }
    if (src.startsWith('L(', i)) {
      i += 2;
      const p = path();
      i++;
      return { kind: 'leaf', value: p };
    }
    const c = src[i];
    i++;
    if (c === '~') return { kind: 'neg' };
    if (c === '!') return { kind: 'fail' };
    if (c === '$') return { kind: 'empty' };
    i--;
    return { kind: 'leaf', value: path() };
  };
  if (!/^(Alt\(|U\(|L\(|[~!$]\s*$|\/)/.test(src)) return undefined;
  return tree();
}

/** Checks an expected error message (full, with display; a trailing ` ...` means "starts with"). */
function assertMessage(actual: string, expected: string): void {
  if (expected.endsWith(' ...')) assert.ok(actual.startsWith(expected.slice(0, -4)), `${actual} !~ ${expected}`);
  else assert.equal(actual, expected);
}

/** The document parser agrees with Dtab.read on the text: no errors iff it reads; same first error; same value. */
function assertDocumentAgrees(text: string): void {
  const doc = parseDtab(text);
  const r = readDtab(text);
  if (r.ok) {
    assert.deepEqual(doc.errors, [], 'parseDtab found errors in a valid dtab');
    assert.equal(showDtab(toDtab(doc)), showDtab(r.value));
    assert.deepEqual(toDtab(doc), r.value);
  } else {
    assert.ok(doc.errors.length > 0, 'parseDtab found no error');
    const first = doc.errors[0]!;
    assert.equal(first.span.start, r.offset, 'first error offset');
    const finagle = r.message.replace(/ at '[\s\S]*'$/, '');
    if (first.code === 'dtab/missing-semicolon') assert.ok(first.message.startsWith(finagle + ': '), first.message);
    else assert.equal(first.message, finagle);
  }
}

describe('§8.1 paths (Path.read)', () => {
  for (const v of loadVectors('8.1')) {
    test(v.id, () => {
      const input = decodeInput(v.code[1]![0]!);
      const r = readPath(input);
      const expected = v.code[2]!.find((c) => c.includes('expected but')) ?? v.code[2]![0];
      if (v.cells[2]!.includes('expected but') || expected === undefined) {
        assert.equal(r.ok, false, 'expected an error');
        if (!r.ok && expected !== undefined) assertMessage(r.message, decodeInput(expected));
      } else {
        assert.ok(r.ok, r.ok ? '' : r.message);
        assert.equal(showPath(r.value), expected);
        if (v.id === 'P3') assert.deepEqual(r.value, ['foo']);
        if (v.id === 'P12') assert.deepEqual(r.value, ['/']);
      }
    });
  }
});

describe('§8.2 name trees (NameTree.read and show)', () => {
  for (const v of loadVectors('8.2')) {
    if (v.cells[1]!.startsWith('(programmatic)')) {
      test(v.id + ' (programmatic: see show.test.ts)', () => {});
      continue;
    }
    test(v.id, () => {
      const input = decodeInput(v.code[1]![0]!);
      const r = readNameTree(input);
      const astCell = v.cells[2]!;
      if (astCell.startsWith('error') || astCell.startsWith('NumberFormatException')) {
        assert.equal(r.ok, false);
        if (!r.ok) assert.equal(r.message, decodeInput(v.code[2]![0]!));
        return;
      }
      assert.ok(r.ok, r.ok ? '' : r.message);
      const ast = parseAst(astCell);
      if (ast) assert.deepEqual(r.value, ast);
      const weight = /^weight (\S+)/.exec(astCell);
      if (weight && r.value.kind === 'union') assert.equal(r.value.weighted[0]!.weight, Number(weight[1]));
      const show = v.cells[3] === 'same as input' ? input : v.code[3]![0];
      if (show !== undefined) assert.equal(showNameTree(r.value), show);
      // Also as a destination in a document.
      assertDocumentAgrees('/x => ' + input);
    });
  }
});

describe('§8.3 prefixes and dentries', () => {
  for (const v of loadVectors('8.3')) {
    test(v.id, () => {
      const cell = v.cells[1]!;
      if (v.id === 'E23') return; // Dentry.nop: show.test.ts
      const input = decodeInput(v.code[1]![0]!);
      const isPrefix = cell.startsWith('Prefix');
      const result = v.cells[2]!;
      const r = isPrefix ? readPrefix(input) : readDentry(input);
      if (result.startsWith('error')) {
        assert.equal(r.ok, false);
        if (!r.ok) assert.equal(r.message, decodeInput(v.code[2]![0]!));
        return;
      }
      assert.ok(r.ok, r.ok ? '' : r.message);
      const show = /show `([^`]*)`/.exec(result);
      const shown = isPrefix ? showPrefix(r.value as never) : showDentry(r.value as never);
      if (show) assert.equal(shown, show[1]);
      if (!isPrefix) {
        const d = r.value as { prefix: readonly unknown[]; dst: NameTree<Path> };
        if (v.id === 'E3') assert.deepEqual(d.prefix, ['foo', AnyElem, 'bar']);
        if (v.id === 'E4') assert.equal(d.prefix.length, 3);
        if (v.id === 'E10') assert.deepEqual(d.prefix, ['*']);
        if (v.id === 'E17') assert.deepEqual(d.dst, { kind: 'leaf', value: ['b#notacomment'] });
        assertDocumentAgrees(input);
      } else if (v.id === 'E22') assert.deepEqual(r.value, [AnyElem, AnyElem]);
    });
  }
});

describe('§8.4 dtabs (Dtab.read and show)', () => {
  for (const v of loadVectors('8.4')) {
    test(v.id, () => {
      if (v.id === 'D7') {
        const a = readDtab('/foo => /bar');
        const b = readDtab('/foo=>/biz;/biz=>/$/inet/8080;/bar=>/$/inet/9090');
        const ab = readDtab('/foo => /bar;/foo=>/biz;/biz=>/$/inet/8080;/bar=>/$/inet/9090');
        assert.ok(a.ok && b.ok && ab.ok);
        assert.deepEqual([...a.value, ...b.value], ab.value);
        return;
      }
      if (v.id === 'D19' || v.id === 'D20' || v.id === 'D21') {
        // Dtab algebra (stripPrefix, simplified): tested with the evaluator.
        return;
      }
      const raw = v.code[1]![0]!;
      const call = /^Dtab\.read\("(.*)"\)/.exec(raw);
      const input = v.id === 'D6' ? v.code[1]!.slice(1).join('\n') : decodeInput(call ? call[1]! : raw);
      const r = readDtab(input);
      const result = v.cells[2]!;
      if (result.startsWith('error')) {
        assert.equal(r.ok, false);
        if (!r.ok) assert.equal(r.message, decodeInput(v.code[2]![0]!));
      } else {
        assert.ok(r.ok, r.ok ? '' : r.message);
        const m = /^(\d+)(?:; `([^`]*)`)?/.exec(result);
        if (m) {
          assert.equal(r.value.length, Number(m[1]));
          if (m[2] !== undefined) assert.equal(showDtab(r.value as Dtab), m[2]);
        } else assert.equal(showDtab(r.value as Dtab), v.code[2]![0]); // D22: just the show
        if (v.id === 'D6') assert.deepEqual(r.value[0]!.prefix, ['#foo']);
      }
      assertDocumentAgrees(input);
    });
  }
});

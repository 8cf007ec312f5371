// Which embedded dtab a cursor in a linkerd.yaml / namerd.yaml is in, and where in the dtab's text (`regionAt`, which
// hover, completion, definition, references, highlights, rename, selection ranges, code actions and the custom
// requests go through). Pinned at the edges of each scalar style: on a block scalar's `|` header, in the
// indentation, at the end of the last line and on the line after it, on and after a closing quote, at the end of
// the file, and around the neighbouring dtab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, regionAt } from '../../../server/src/lsp/analysis.js';
import { markedText } from './fixture.js';

/** Region index, offset in its dtab text, and the dtab text from there (3 chars), or null outside every dtab. */
type Found = [region: number, offset: number, next: string] | null;

function found(marked: string, fileName: string): Found[] {
  const { text, cursors } = markedText(marked);
  const cache = new AnalysisCache({ configGlobs: () => [], extraKinds: () => [], knownNamerPrefixes: () => undefined });
  const analysis = cache.get(TextDocument.create(`file:///w/${fileName}`, 'yaml', 1, text));
  return cursors.map((c) => {
    const at = regionAt(analysis, c);
    return at ? [analysis.regions.indexOf(at.region), at.offset, at.region.parsed.text.slice(at.offset, at.offset + 3)] : null;
  });
}

/** Two routers: the first one's dtab is `a`, the second one's `b`. */
const two = (a: string, b: string) =>
  `routers:\n- protocol: http\n  dtab: ${a}\n  servers:\n  - port: 4140\n- protocol: h2\n  dtab: ${b}\n  servers:\n  - port: 4142\n`;
const namerd = (namespaces: string) => `storage:\n  kind: io.l5d.inMemory\n  namespaces:${namespaces}interfaces:\n- kind: io.l5d.httpController\n`;

test('regionAt: the embedded dtab and its offset at the edges of every scalar style', () => {
  const cases: [name: string, marked: string, fileName: string, want: Found[]][] = [
    // on `|`, after it, at the start and in the middle of the indentation, end of a line, the next line's
    // indentation, end of the last line, the line after the scalar
    ['block literal', two('<|>|<|>\n<|>  <|>  /a => /b;<|>\n<|>    /c => /d;<|>\n<|>', '/x => /y'), 'linkerd.yaml',
      [[0, 0, '/a '], [0, 0, '/a '], [0, 0, '/a '], [0, 0, '/a '], [0, 9, '\n/c'], [0, 10, '/c '], [0, 19, '\n'], null]],
    ['block folded, strip', two('<|>>-<|>\n    /a => /b;<|>\n    /c<|> => /d;<|>\n<|>  <|>', '/x => /y'), 'linkerd.yaml',
      [[0, 0, '/a '], [0, 0, '/a '], [0, 9, ' /c'], [0, 12, ' =>'], [0, 19, ''], null, null]],
    ['block folded, clip', two('>\n    /a => /b<|>\n<|>\n    /c => /d;<|>\n<|>', '/x => /y'), 'linkerd.yaml',
      [[0, 8, '\n/c'], [0, 8, '\n/c'], [0, 18, '\n'], null]],
    ['block literal, keep: trailing empty lines', two('|+\n    /a => /b;<|>\n<|>\n<|>    <|>\n', '/x => /y'), 'linkerd.yaml',
      [[0, 9, '\n\n\n'], [0, 10, '\n\n\n'], [0, 11, '\n\n'], [0, 11, '\n\n']]],
    ['block literal, strip: an empty line inside', two('|-\n    /a => /b;<|>\n\n<|>    /c => /d;<|>\n<|>', '/x => /y'), 'linkerd.yaml',
      [[0, 9, '\n\n/'], [0, 11, '/c '], [0, 20, ''], null]],
    ['block literal, indentation indicator', two('|2\n<|>  <|>    /a => /b;<|>\n<|>    /c => /d;<|>\n<|>', '/x => /y'), 'linkerd.yaml',
      [[0, 0, '  /'], [0, 0, '  /'], [0, 11, '\n/c'], [0, 12, '/c '], [0, 21, '\n'], null]],
    // before and after the opening quote, on and after the closing quote
    ['quoted', two('<|>"<|>/a => /b<|>"<|>', "<|>'<|>/x => /y<|>'<|>"), 'linkerd.yaml',
      [[0, 0, '/a '], [0, 0, '/a '], [0, 8, ''], null, [1, 0, '/x '], [1, 0, '/x '], [1, 8, ''], null]],
    ['double-quoted over two lines, an escape and an escaped line break', two('"/a\\x2fb<|> => /c\\<|>\n    <|>/d<|>"<|>', '/x => /y'), 'linkerd.yaml',
      [[0, 4, ' =>'], [0, 10, '/d'], [0, 10, '/d'], [0, 12, ''], null]],
    ['plain over two lines', two('<|>/a => /b<|>\n    <|>/c => /d<|>', '/x<|> => /y<|>'), 'linkerd.yaml',
      [[0, 0, '/a '], [0, 8, ' /c'], [0, 9, '/c '], [0, 17, ''], [1, 2, ' =>'], [1, 8, '']]],
    ['empty dtabs', two('""<|>', "<|>''<|>"), 'linkerd.yaml', [null, [1, 0, ''], null]],
    ['empty block scalars', two('<|>|\n<|>', '|<|>\n<|>'), 'linkerd.yaml', [[0, 0, ''], [0, 0, ''], [1, 0, ''], [1, 0, '']]],
    ['a trailing comment', two('/a => /b # comment<|>', '/x => /y<|> # c'), 'linkerd.yaml', [null, [1, 8, '']]],
    // the end of the file, with no line break after the dtab
    ['plain at the end of the file', 'routers:\n- protocol: http\n  dtab: /a => /b<|>', 'linkerd.yaml', [[0, 8, '']]],
    ['block at the end of the file', 'routers:\n- protocol: http\n  dtab: |\n    /a => /b;<|>', 'linkerd.yaml', [[0, 9, '\n']]],
    ['quoted at the end of the file', 'routers:\n- protocol: http\n  dtab: "/a => /b"<|>', 'linkerd.yaml', [null]],
    ['second block at the end of the file', 'routers:\n- protocol: http\n  dtab: <|>|\n    /a => /b;\n  servers:\n  - port: 4140\n- protocol: h2\n  dtab: <|>|\n    /x => /y;<|>\n<|>', 'linkerd.yaml',
      [[0, 0, '/a '], [1, 0, '/x '], [1, 9, '\n'], null]],
    // namerd.yaml namespaces: a block value followed by a plain one, and a flow mapping
    ['namerd namespaces', namerd('\n    default: <|>|\n      /a => /b;<|>\n<|>    staging: <|>/x => /y<|>\n<|>'), 'namerd.yaml',
      [[0, 0, '/a '], [0, 9, '\n'], null, [1, 0, '/x '], [1, 8, ''], null]],
    ['namerd namespaces in a flow mapping', namerd(' {<|>a: <|>/x=>/y<|>, b: <|>"/z=>/w"<|>}\n'), 'namerd.yaml',
      [null, [0, 0, '/x='], [0, 6, ''], [1, 0, '/z='], null]],
  ];
  for (const [name, marked, fileName, want] of cases) assert.deepEqual(found(marked, fileName), want, `${name}: ${JSON.stringify(marked)}`);
});

test('regionAt maps the offset only in the dtab under the cursor (the others are ruled out by their YAML span)', () => {
  const config = ['/a => /b;', '/c => /d;', '/e => /f;'].map((d, i) => `- protocol: http\n  label: r${i}\n  dtab: |\n    ${d}\n  servers:\n  - port: ${4140 + i}\n`);
  const { text, cursors } = markedText(`routers:\n${config[0]}${config[1]}${config[2]!.replace('/e => /f', '/e => /<|>f').replace('servers', 'ser<|>vers')}`);
  const cache = new AnalysisCache({ configGlobs: () => [], extraKinds: () => [], knownNamerPrefixes: () => undefined });
  const analysis = cache.get(TextDocument.create('file:///w/linkerd.yaml', 'yaml', 1, text));
  // Each site is its embedded dtab; mapping a YAML offset into it (which builds its offset map) is counted.
  const mapped: string[] = [];
  for (const site of analysis.config!.sites as unknown as { name: string; fromYamlOffset(y: number): number }[]) {
    const inner = site.fromYamlOffset.bind(site);
    site.fromYamlOffset = (y) => {
      mapped.push(site.name);
      return inner(y);
    };
  }
  const found = regionAt(analysis, cursors[0]!);
  assert.deepEqual([found && analysis.regions.indexOf(found.region), found?.offset], [2, 7]);
  assert.deepEqual(mapped, ['r2']);
  mapped.length = 0;
  assert.equal(regionAt(analysis, cursors[1]!), undefined);
  assert.deepEqual(mapped, []);
});

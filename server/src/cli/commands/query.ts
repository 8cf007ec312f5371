// `dtab lookup`, `dtab bind` and `dtab delegate`: resolve a path against a dtab given as a file or as text, with
// Finagle's semantics (lookup: one dtab step; bind: full resolution with the global namer; delegate: namerd's
// explanation tree, `--json` exactly as namerd's /api/1/delegate; `--config` names the namers that resolve `/#/`
// names at runtime, which the human output shows as such).

import type { Command } from 'commander';
import type { Dtab, Path } from '../../core/dtab/ast.js';
import { bind } from '../../core/dtab/bind.js';
import { delegate } from '../../core/dtab/delegate.js';
import { boundTreeToJson, delegateToJson } from '../../core/dtab/delegate-json.js';
import { linkerdLookup } from '../../core/dtab/interpreter.js';
import { lookup } from '../../core/dtab/lookup.js';
import { parseDtab, readDtab, readPath } from '../../core/dtab/parse.js';
import { showNameTree, showNameTreeWith } from '../../core/dtab/show.js';
import { renderBound, renderDelegateTree, runtimeNamerOf } from '../../core/dtab/delegate-render.js';
import { LineIndex } from '../../core/text-position.js';
import { action } from '../command.js';
import { EXIT_FAILURE, EXIT_OK, UsageError } from '../exit-codes.js';
import { configNamers } from '../config-files.js';
import { readDtabOption, readInput } from '../input.js';
import { locatedLine } from '../report.js';

interface QueryOptions {
  readonly dtab: string;
  readonly json?: boolean;
  readonly config?: string;
}

type Parsed = { ok: true; dtab: Dtab; path: Path } | { ok: false };

/** Reads `--dtab` and PATH; on a syntax error prints `NAME:LINE:COL: message` lines on stderr. */
async function parseQuery(opts: QueryOptions, pathText: string): Promise<Parsed> {
  const input = await readDtabOption(opts.dtab);
  const dtab = readDtab(input.text);
  if (!dtab.ok) {
    const index = new LineIndex(input.text);
    const doc = parseDtab(input.text);
    const errors =
      doc.errors.length > 0 ? doc.errors.map((e) => ({ offset: e.span.start, message: e.message })) : [dtab];
    for (const e of errors) process.stderr.write(locatedLine(input.name, index, e.offset, e.message) + '\n');
    return { ok: false };
  }
  const path = readPath(pathText);
  if (!path.ok) {
    process.stderr.write(`dtab: invalid path: ${path.message}\n`);
    return { ok: false };
  }
  return { ok: true, dtab: dtab.value, path: path.value };
}

function query(
  program: Command,
  name: string,
  description: string,
  run: (q: { dtab: Dtab; path: Path }, opts: QueryOptions) => number | Promise<number>,
  json?: string,
): Command {
  const cmd = program
    .command(name)
    .description(description)
    .requiredOption('--dtab <fileOrText>', 'the dtab: a file name (or - for standard input), else dtab text')
    .argument('<path>', 'the path to resolve, e.g. /svc/web');
  if (json) cmd.option('--json', json);
  cmd.action(
    action(async (pathText: string, opts: QueryOptions) => {
      const q = await parseQuery(opts, pathText);
      return q.ok ? run(q, opts) : EXIT_FAILURE;
    }),
  );
  return cmd;
}

/** The namers `--config FILE` declares; a file that is not a linkerd/namerd config is a usage error. */
async function namersOfConfigOption(file: string) {
  const input = await readInput(file);
  const namers = configNamers(input);
  if (!namers) throw new UsageError(`${input.name} is not a linkerd or namerd config (no routers:, or namers: with storage:)`);
  return namers;
}

const NO_CONFIG_NOTE =
  'note: no --config given, so the CLI has no configured namers: a /#/<kind>/... name is shown as resolved at ' +
  'runtime by the namer its prefix names. Pass --config FILE (a linkerd or namerd config) to use the namers it declares.';

export function registerQueries(program: Command): void {
  query(
    program,
    'lookup',
    "one Dtab.lookup step: the rewrites of every matching dentry (Finagle's show syntax)",
    ({ dtab, path }) => {
      process.stdout.write(showNameTree(lookup(dtab, path)) + '\n');
      return EXIT_OK;
    },
  );

  query(
    program,
    'bind',
    'resolve a path to bound names, as Linkerd binds it (dtab, then the /$/ namers; no configured namers)',
    ({ dtab, path }, opts) => {
      const r = bind(linkerdLookup(dtab), path);
      if (r.state === 'failed') {
        process.stderr.write(`dtab: bind failed: ${r.message}\n`);
        return EXIT_FAILURE;
      }
      if (r.state === 'pending') {
        process.stderr.write(
          'dtab: bind pending: a namer has not answered (e.g. a ZooKeeper namer, not evaluated offline)\n',
        );
        return EXIT_FAILURE;
      }
      process.stdout.write((opts.json ? boundTreeToJson(r.tree) : showNameTreeWith(r.tree, renderBound)) + '\n');
      return EXIT_OK;
    },
    "print namerd's /api/1/bind JSON",
  );

  query(
    program,
    'delegate',
    'explain how a path resolves, dentry by dentry (the namerd/linkerd delegator tree)',
    async ({ dtab, path }, opts) => {
      const r = delegate(dtab, path);
      if (!r.ok) {
        process.stderr.write(`dtab: delegation failed: ${r.message}\n`);
        return EXIT_FAILURE;
      }
      if (opts.json) {
        process.stdout.write(delegateToJson(r.tree) + '\n');
        return EXIT_OK;
      }
      const namers = opts.config !== undefined ? await namersOfConfigOption(opts.config) : undefined;
      let leftToNamers = false;
      const owner = runtimeNamerOf(namers ?? [], namers === undefined);
      const runtimeNamer = (p: Path) => {
        const kind = owner(p);
        if (kind !== undefined) leftToNamers = true;
        return kind;
      };
      process.stdout.write(renderDelegateTree(r.tree, { runtimeNamer }) + '\n');
      if (leftToNamers && namers === undefined) process.stdout.write(NO_CONFIG_NOTE + '\n');
      return EXIT_OK;
    },
    "print exactly namerd's /api/1/delegate JSON",
  ).option(
    '--config <file>',
    'a linkerd or namerd config: /#/ names under the prefixes of its namers are shown as resolved by them at runtime (human output; --json is unchanged)',
  );
}

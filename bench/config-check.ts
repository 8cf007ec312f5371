// Benchmark: the complete config check (schema walk, cross-section rules, every embedded dtab parsed, checked and
// mapped) on a generated ~5,000-line linkerd config, against the peer baseline: yaml-language-server validating the
// same file against our generated JSON Schema (schema validation only, no dtab checks). Prints medians and ratio.
//   node --import tsx bench/config-check.ts [--lines 5000] [--runs 15]
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from 'yaml-language-server';
import { analyzeConfig } from '../server/src/core/config/analyze.js';
import { clearDtabCache } from '../server/src/core/config/embedded.js';
import { schemaText } from '../server/src/core/config/json-schema.js';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const NAMERS = ['io.l5d.fs', 'io.l5d.k8s', 'io.l5d.consul', 'io.l5d.marathon'];

/** One router with a 100-dentry dtab and realistic client/service blocks (about 120 lines). */
function router(i: number): string {
  const dentries: string[] = [];
  for (let d = 0; d < 100; d++) {
    const ns = NAMERS[d % NAMERS.length];
    const leaf = ns === 'io.l5d.k8s' ? `/#/io.l5d.k8s/prod/http/svc${d}` : ns === 'io.l5d.consul' ? `/#/io.l5d.consul/dc1/svc${d}` : `/#/${ns}/svc${d}`;
    dentries.push(d % 10 === 0 ? `    /svc/team${i}/svc${d} => 0.9 * ${leaf} & 0.1 * /$/inet/10.0.${i % 250}.${d}/8080;` : `    /svc/team${i}/svc${d} => ${leaf} | /$/inet/svc${d}.example.com/80;`);
  }
  return [
    `- protocol: http`,
    `  label: router-${i}`,
    `  dstPrefix: /svc`,
    `  bindingTimeoutMs: 5000`,
    `  identifier:`,
    `    kind: io.l5d.path`,
    `    segments: 2`,
    `  dtab: |`,
    `    /svc => /#/io.l5d.fs;`,
    ...dentries,
    `  client:`,
    `    kind: io.l5d.static`,
    `    configs:`,
    `    - prefix: /#/io.l5d.fs/*`,
    `      loadBalancer:`,
    `        kind: ewma`,
    `        decayTimeMs: 5000`,
    `      failureAccrual:`,
    `        kind: io.l5d.consecutiveFailures`,
    `        failures: 5`,
    `  service:`,
    `    totalTimeoutMs: 3000`,
    `    retries:`,
    `      budget:`,
    `        percentCanRetry: 0.1`,
    `      backoff:`,
    `        kind: jittered`,
    `        minMs: 10`,
    `        maxMs: 1000`,
    `  servers:`,
    `  - port: ${4000 + i}`,
    `    ip: 0.0.0.0`,
  ].join('\n');
}

export function generateConfig(targetLines: number): string {
  const head = [
    'admin:',
    '  port: 9990',
    'namers:',
    '- kind: io.l5d.fs',
    '  rootDir: disco',
    '- kind: io.l5d.k8s',
    '  host: localhost',
    '  port: 8001',
    '- kind: io.l5d.consul',
    '  host: 127.0.0.1',
    '- kind: io.l5d.marathon',
    '  host: marathon.mesos',
    'telemetry:',
    '- kind: io.l5d.prometheus',
    'routers:',
  ];
  const routers: string[] = [];
  let lines = head.length;
  for (let i = 0; lines < targetLines; i++) {
    const r = router(i);
    routers.push(r);
    lines += r.split('\n').length;
  }
  return head.join('\n') + '\n' + routers.join('\n') + '\n';
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function runConfigBench(opts: { lines?: number; runs?: number; print?: boolean } = {}): Promise<{ cold: number; edit: number; peer: number; coldRatio: number; editRatio: number; lines: number; dentries: number }> {
  const text = generateConfig(opts.lines ?? 5000);
  const runs = opts.runs ?? 15;
  const lineCount = text.split('\n').length - 1;

  const sanity = analyzeConfig(text);
  const serious = sanity.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (serious.length) throw new Error(`generated config is not clean: ${JSON.stringify(serious.slice(0, 3))}`);
  const dentries = sanity.embeddedDtabs.reduce((n, e) => n + e.document.dentries.length, 0);

  // Cold: nothing cached, every dtab parsed and checked.
  const coldRun = (): void => {
    clearDtabCache();
    analyzeConfig(text);
  };
  // After an edit: one router's dtab changed since the previous check (what an editor re-checks per keystroke).
  const marker = '    /svc => /#/io.l5d.fs;';
  const routerStarts: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) routerStarts.push(at);
  const editRun = (i: number): void => {
    const at = routerStarts[i % routerStarts.length]!;
    analyzeConfig(text.slice(0, at) + `    /edit${i} => /svc;\n` + text.slice(at));
  };

  const schema = schemaText('linkerd');
  const ls = getLanguageService({
    schemaRequestService: async () => schema,
    workspaceContext: { resolveRelativePath: (rel: string) => rel },
  });
  ls.configure({ validate: true, completion: false, hover: false, schemas: [{ uri: 'file:///linkerd.schema.json', fileMatch: ['*.yaml'], schema: JSON.parse(schema) }] });
  // A new version each run so the peer re-parses instead of answering from its per-version cache.
  const doc = (i: number): TextDocument => TextDocument.create(`file:///bench/linkerd-${i}.yaml`, 'yaml', i, text);
  const peerDiags = await ls.doValidation(doc(-1), false);
  if (peerDiags.length) throw new Error(`yaml-language-server reports ${peerDiags.length} problems, e.g. ${peerDiags[0]!.message}`);
  const peerRun = async (i: number): Promise<void> => {
    await ls.doValidation(doc(i), false);
  };

  // Interleaved, so that load from other processes hits all three alike (the machine is shared).
  const warmEnd = performance.now() + 3000;
  for (let i = 0; performance.now() < warmEnd; i++) {
    coldRun();
    editRun(i);
    await peerRun(i);
  }
  const cold: number[] = [];
  const edit: number[] = [];
  const peer: number[] = [];
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    coldRun();
    cold.push(performance.now() - t0);
    t0 = performance.now();
    editRun(1000 + r);
    edit.push(performance.now() - t0);
    t0 = performance.now();
    await peerRun(1000 + r);
    peer.push(performance.now() - t0);
  }

  const result = {
    cold: median(cold),
    edit: median(edit),
    peer: median(peer),
    coldRatio: median(cold) / median(peer),
    editRatio: median(edit) / median(peer),
    lines: lineCount,
    dentries,
  };
  if (opts.print !== false) {
    console.log(`config check: ${lineCount} lines, ${sanity.embeddedDtabs.length} routers, ${dentries} dentries, median of ${runs} runs`);
    console.log(`  ours, cold (schema + cross-section + every dtab parsed, checked, mapped)   ${result.cold.toFixed(1)} ms`);
    console.log(`  ours, after a one-router edit (unchanged dtabs come from the cache)       ${result.edit.toFixed(1)} ms`);
    console.log(`  peer: yaml-language-server doValidation with our schema (schema only)   ${result.peer.toFixed(1)} ms`);
    console.log(`  ratio ours/peer: cold ${result.coldRatio.toFixed(2)}, after an edit ${result.editRatio.toFixed(2)} (target <= 1.00)`);
  }
  return result;
}

/** Entry point for bench/run-all.ts. */
export async function run(): Promise<void> {
  await runConfigBench({ lines: 5000, runs: 21 });
}

if (require.main === module) {
  runConfigBench({ lines: arg('lines', 5000), runs: arg('runs', 15) }).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}

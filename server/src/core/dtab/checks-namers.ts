// Checks on the namers a destination names (spec §5.3, §7): unknown `/$/<class>` namers, the arguments of the
// known ones (`/$/inet` host/port shape, io.buoyant.* argument shapes) and `/#/` namers the workspace config does
// not define. Leaves are judged on the dentry's value; the syntax tree (built lazily by the parser) is only
// consulted to place the diagnostics of a dentry that has some. Pure.

import { closest, distance } from 'fastest-levenshtein';
import type { DentryNode, Path, PathNode, Span } from './ast.js';
import type { Diagnostic, Fix } from '../diagnostic.js';
import { forEachTreeNode, labelsSpan } from './checks-walk.js';
import { pathKey, pathStartsWith } from './lookup.js';
import { NAMER_DOCS, namerDoc } from './namers-docs.js';
import { fastLabelText, isIpv4 } from './namers.js';
import { showLabel, showPath } from './show.js';
import { internLabel } from './label-intern.js';

export const UNKNOWN_NAMER = 'dtab/unknown-namer';
export const INET_ADDRESS = 'dtab/inet-address';
export const NAMER_ARGUMENT = 'dtab/namer-argument';
export const UNDEFINED_NAMER = 'dtab/undefined-namer';

const KNOWN_NAMES: readonly string[] = NAMER_DOCS.map((d) => d.name);
/** Packages whose namers we know completely: an unknown class there is a typo, not a plugin. */
const SHIPPED_PACKAGES = ['io.buoyant.', 'com.twitter.finagle.'];

export interface NamerCheckContext {
  /** Prefixes of the namers the workspace config defines (`/#/io.l5d.k8s`, ...); undefined: not known. */
  readonly knownNamerPrefixes?: readonly Path[];
}

/** A problem with a leaf path, located by label indices (first..last inclusive). */
interface Finding {
  readonly code: string;
  readonly severity: Diagnostic['severity'];
  readonly message: string;
  readonly first: number;
  readonly last: number;
  readonly fix?: { readonly title: string; readonly first: number; readonly last: number; readonly newText: string };
}

/** A namer diagnostic on a leaf path; it stands unless the dtab itself rewrites that path (the caller checks). */
export interface LeafDiagnostic {
  readonly leaf: Path;
  readonly diagnostic: Diagnostic;
}

/** Judges `/$/` leaves, once per distinct leaf (one address is often written behind many names). */
export class SystemNamerJudge {
  private readonly findings = new Map<string, Finding[]>();

  judge(leaf: Path): readonly Finding[] {
    // The common well-formed address needs no key, no cache entry and no decoding.
    if (isPlainInetAddress(leaf)) return NO_PROBLEMS;
    const key = pathKey(leaf);
    let found = this.findings.get(key);
    if (!found) {
      if (this.findings.size >= MAX_JUDGED_LEAVES) this.findings.clear();
      this.findings.set(key, (found = systemNamer(leaf)));
    }
    return found;
  }
}

const MAX_JUDGED_LEAVES = 100_000;
const NO_FINDINGS: readonly LeafDiagnostic[] = [];
const NO_PROBLEMS: readonly Finding[] = [];

/**
 * Whether `leaf` is `/$/inet/<host>/<port>...` (or `fixedinet`) that `systemNamer` finds nothing wrong with, told
 * from its labels alone: a port of ASCII digits from 0 to 65535, and a non-empty host of letters, digits, '-' and
 * '.' that is a valid IPv4 literal when it has only digits and dots. Anything else goes to `systemNamer`.
 */
export function isPlainInetAddress(leaf: Path): boolean {
  if (leaf.length < 4 || leaf[0] !== '$' || (leaf[1] !== 'inet' && leaf[1] !== 'fixedinet')) return false;
  const port = leaf[3]!;
  if (port.length === 0) return false;
  let value = 0;
  for (let i = 0; i < port.length; i++) {
    const c = port.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
    value = value * 10 + (c - 0x30);
  }
  if (value > 65535) return false;
  const host = leaf[2]!;
  if (host.length === 0) return false;
  // Bit 1: some char is not a digit or '.'; bit 2: some char is none of the host chars.
  let classes = 0;
  for (let i = 0; i < host.length; i++) {
    const c = host.charCodeAt(i);
    classes |= c < 128 ? HOST_CHARS[c]! : 2;
  }
  return classes === 0 ? isIpv4(host) : classes === 1;
}

/** Per ASCII code: 0 for a digit or '.', 1 for a letter or '-', 2 for anything else (see isPlainInetAddress). */
const HOST_CHARS: Uint8Array = (() => {
  const t = new Uint8Array(128).fill(2);
  for (let c = 0; c < 128; c++) {
    if ((c >= 0x30 && c <= 0x39) || c === 0x2e) t[c] = 0;
    else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2d) t[c] = 1;
  }
  return t;
})();

/**
 * Unknown `/$/` namers and bad namer arguments in one error-free dentry (they depend on that dentry alone).
 * `leaves`: the leaf paths of its value, in order.
 */
export function systemNamerDiagnostics(
  dentry: DentryNode,
  leaves: readonly Path[],
  judge: SystemNamerJudge,
): readonly LeafDiagnostic[] {
  // Most dentries have no `/$/` leaf: nothing is allocated for them.
  let findings: [number, Path, Finding][] | undefined;
  for (let k = 0; k < leaves.length; k++) {
    const leaf = leaves[k]!;
    // (The judge's own first test, here to spare the call for the commonest leaf.)
    if (leaf[0] !== '$' || isPlainInetAddress(leaf)) continue;
    const found = judge.judge(leaf);
    for (let j = 0; j < found.length; j++) (findings ??= []).push([k, leaf, found[j]!]);
  }
  return findings === undefined ? NO_FINDINGS : locate(dentry, findings);
}

/** `/#/` paths of one error-free dentry (its value's `leaves`) outside the namers the config defines (`known`). */
export function configuredNamerDiagnostics(
  dentry: DentryNode,
  leaves: readonly Path[],
  known: readonly Path[],
): readonly LeafDiagnostic[] {
  // Most leaves are under a configured namer: nothing is allocated for them.
  let findings: [number, Path, Finding][] | undefined;
  const shared = sharedPrefixes(known);
  for (let k = 0; k < leaves.length; k++) {
    const leaf = leaves[k]!;
    if (leaf[0] !== '#' || covered(leaf, shared)) continue;
    (findings ??= []).push([k, leaf, configuredNamer(leaf, known)]);
  }
  return findings === undefined ? NO_FINDINGS : locate(dentry, findings);
}

let lastKnown: readonly Path[] | undefined;
let lastShared: readonly Path[] = [];

/**
 * `known` with its labels replaced by their shared copies (label-intern.ts), which the parsed leaves hold too: then
 * comparing labels is mostly comparing references. Kept for the last `known` (the same for every dentry of a check).
 */
function sharedPrefixes(known: readonly Path[]): readonly Path[] {
  if (known !== lastKnown) {
    lastShared = known.map((k) => k.map(internLabel));
    lastKnown = known;
  }
  return lastShared;
}

/** Whether a configured prefix starts `labels`, or `labels` starts one (the residual may complete it). */
function covered(labels: Path, known: readonly Path[]): boolean {
  for (let i = 0; i < known.length; i++) {
    const k = known[i]!;
    if (pathStartsWith(labels, k) || pathStartsWith(k, labels)) return true;
  }
  return false;
}

/**
 * Places findings on the written leaves: the k-th leaf of the value is the k-th leaf path written in the
 * destination (groups and dropped weights change no leaf). The syntax tree (built lazily by the parser) is only
 * consulted for a dentry that has findings.
 */
function locate(dentry: DentryNode, findings: readonly [number, Path, Finding][]): LeafDiagnostic[] {
  const leaves: PathNode[] = [];
  forEachTreeNode(dentry.dst, (node) => {
    if (node.kind === 'leaf') leaves.push(node.path);
  });
  const out: LeafDiagnostic[] = [];
  for (const [k, leaf, f] of findings) {
    const path = leaves[k];
    if (!path) continue;
    const fix: Fix | undefined = f.fix && {
      title: f.fix.title,
      edits: [{ span: findingSpan(path, f.fix.first, f.fix.last), newText: f.fix.newText }],
      preferred: true,
    };
    out.push({
      leaf,
      diagnostic: {
        code: f.code,
        severity: f.severity,
        span: findingSpan(path, f.first, f.last),
        message: f.message,
        ...(fix ? { fixes: [fix] } : {}),
      },
    });
  }
  return out;
}

/**
 * The span of labels `first..last` of a written path. A span from the first label starts at the path's leading
 * `/`, so that `/#/io.l5d.xxx` is marked as the whole prefix it is, not from the `#`.
 */
function findingSpan(path: PathNode, first: number, last: number): Span {
  const span = labelsSpan(path.labels.slice(first, last + 1));
  return first === 0 ? { start: path.span.start, end: span.end } : span;
}

function closeMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates as string[]);
  const limit = Math.max(2, Math.floor(best.length / 4));
  return distance(word, best) <= limit ? best : undefined;
}

const isInet = (name: string) => name === 'inet' || name === 'fixedinet';

/** `/$/<class>/args...`: the class must exist, and its arguments must have the shape it expects. */
export function systemNamer(path: Path): Finding[] {
  if (path.length < 2) return []; // `/$` alone: the residual supplies the class.
  const name = fastLabelText(path[1]!);
  const doc = namerDoc(name);
  if (!doc) return [unknownNamer(name)];
  const args = path.slice(2).map(fastLabelText);
  const out: Finding[] = doc.validate(args).map((p) => ({
    code: isInet(name) ? INET_ADDRESS : NAMER_ARGUMENT,
    severity: p.severity,
    message: `/$/${name}: ${p.message}.` + (isInet(name) ? '' : ` Expected /$/${name}${doc.args}.`),
    first: p.index + 2,
    last: p.index + 2,
  }));
  // The host of `/$/inet/<host>/<port>` (§5.3 rule 1), when the port is well-formed.
  if (isInet(name) && out.length === 0 && args.length >= 2 && /^[+-]?[0-9]+$/.test(args[1]!)) {
    const problem = hostProblem(args[0]!);
    if (problem) {
      out.push({
        code: INET_ADDRESS,
        severity: 'warning',
        message: `/$/${name}: ${problem}, so it will not resolve. Write an IP address or a DNS host name.`,
        first: 2,
        last: 2,
      });
    }
  }
  return out;
}

function hostProblem(host: string): string | undefined {
  if (/^[0-9.]+$/.test(host)) {
    return isIpv4(host) ? undefined : `'${host}' is not a valid IPv4 address`;
  }
  // Host names (letters, digits, '-', '.'), or IPv6 literals (hex digits, ':', '.', and a '%' zone).
  if (/^[A-Za-z0-9.-]+$/.test(host) || /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9]+)?$/.test(host)) return undefined;
  return `'${host}' is not a host name or an IP address`;
}

function unknownNamer(name: string): Finding {
  const suggestion = closeMatch(name, KNOWN_NAMES);
  const shipped = SHIPPED_PACKAGES.some((p) => name.startsWith(p));
  const maybePlugin = name.includes('.') && !shipped && !suggestion;
  if (maybePlugin) {
    return {
      code: UNKNOWN_NAMER,
      severity: 'warning',
      message:
        `'${name}' is not a namer that Linkerd ships. If it is a namer plugin on Linkerd's classpath this is fine; ` +
        `otherwise the lookup fails with "Unknown namer: ${name}". Check the class name.`,
      first: 1,
      last: 1,
    };
  }
  return {
    code: UNKNOWN_NAMER,
    severity: 'error',
    message:
      `Unknown namer '/$/${name}': Linkerd fails this lookup with "Unknown namer: ${name}". ` +
      `Known /$/ namers are inet, fixedinet, nil, fail and the io.buoyant.* utility namers.` +
      (suggestion ? ` Did you mean '${suggestion}'?` : ''),
    first: 1,
    last: 1,
    fix: suggestion
      ? { title: `Replace with '${suggestion}'`, first: 1, last: 1, newText: showLabel(suggestion) }
      : undefined,
  };
}

/**
 * The finding for `/#/<namer>/...` that does not start with the prefix of a namer the config defines (nor is a
 * shorter path that the residual may complete: `covered`). (Unless the dtab itself rewrites the path: the caller
 * checks that.)
 */
function configuredNamer(labels: Path, known: readonly Path[]): Finding {
  const suggestion = nearestPrefix(labels, known);
  const last = Math.min(labels.length, Math.max(2, suggestion?.length ?? 2)) - 1;
  const written = showPath(labels.slice(0, last + 1));
  const list =
    known.length > 0 ? `the config defines ${known.map(showPath).join(', ')}` : 'the config defines no namers';
  return {
    code: UNDEFINED_NAMER,
    severity: 'warning',
    message:
      `No namer is configured at '${written}' (${list}), so this path resolves to nothing (Neg). Fix the path, ` +
      `or add the namer to the config's 'namers' section.` +
      (suggestion ? ` Did you mean '${showPath(suggestion)}'?` : ''),
    first: 0,
    last,
    fix: suggestion && {
      title: `Replace with '${showPath(suggestion)}'`,
      first: 1,
      last,
      newText: suggestion.slice(1).map(showLabel).join('/'),
    },
  };
}

/** The configured prefix closest in spelling to the same number of leading labels of `labels`. */
function nearestPrefix(labels: Path, known: readonly Path[]): Path | undefined {
  let best: Path | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k.length < 2 || k.length > labels.length || k[0] !== '#') continue;
    const want = showPath(k);
    const d = distance(showPath(labels.slice(0, k.length)), want);
    if (d < bestDistance && d <= Math.max(2, Math.floor(want.length / 4))) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

// Checks on the namers a destination names (spec §5.3, §7): unknown `/$/<class>` namers, the arguments of the
// known ones (`/$/inet` host/port shape, io.buoyant.* argument shapes) and `/#/` namers the workspace config does
// not define. Pure.

import { closest, distance } from 'fastest-levenshtein';
import type { DtabDocument, LabelNode, Path, PathNode } from './ast.js';
import type { Diagnostic, Fix } from '../diagnostic.js';
import { forEachLeafPath, labelsSpan } from './checks-walk.js';
import { matchingDentries, pathStartsWith } from './lookup.js';
import { NAMER_DOCS, namerDoc } from './namers-docs.js';
import { labelText, parseIpv4 } from './namers.js';
import { showLabel, showPath } from './show.js';
import { toDtab } from './parse.js';

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

export function checkNamers(doc: DtabDocument, ctx: NamerCheckContext = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  let dtab: ReturnType<typeof toDtab> | undefined;
  forEachLeafPath(doc, (path) => {
    const first = path.labels[0]?.value;
    if (first === '$') out.push(...systemNamer(path));
    else if (first === '#' && ctx.knownNamerPrefixes) {
      dtab ??= toDtab(doc);
      const d = configuredNamer(path, ctx.knownNamerPrefixes, (p) => matchingDentries(dtab!, p).length > 0);
      if (d) out.push(d);
    }
  });
  return out;
}

function closeMatch(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates as string[]);
  const limit = Math.max(2, Math.floor(best.length / 4));
  return distance(word, best) <= limit ? best : undefined;
}

function replaceLabelFix(label: LabelNode, replacement: string): Fix {
  return {
    title: `Replace with '${replacement}'`,
    edits: [{ span: label.span, newText: replacement }],
    preferred: true,
  };
}

const isInet = (name: string) => name === 'inet' || name === 'fixedinet';

/** `/$/<class>/args...`: the class must exist, and its arguments must have the shape it expects. */
function systemNamer(path: PathNode): Diagnostic[] {
  const classLabel = path.labels[1];
  if (!classLabel) return []; // `/$` alone: the residual supplies the class.
  const name = labelText(classLabel.value);
  const doc = namerDoc(name);
  if (!doc) return [unknownNamer(classLabel, name)];
  const args = path.labels.slice(2);
  const out: Diagnostic[] = doc.validate(args.map((a) => labelText(a.value))).map((p) => ({
    code: isInet(name) ? INET_ADDRESS : NAMER_ARGUMENT,
    severity: p.severity,
    span: args[p.index]!.span,
    message: `/$/${name}: ${p.message}.` + (isInet(name) ? '' : ` Expected /$/${name}${doc.args}.`),
  }));
  if (isInet(name) && out.length === 0) {
    const host = inetHost(args);
    if (host) {
      const problem = hostProblem(labelText(host.value));
      if (problem) {
        out.push({
          code: INET_ADDRESS,
          severity: 'warning',
          span: host.span,
          message: `/$/${name}: ${problem}, so it will not resolve. Write an IP address or a DNS host name.`,
        });
      }
    }
  }
  return out;
}

/** The host element of `/$/inet/<host>/<port>`, when the written path has that shape (§5.3 rule 1). */
function inetHost(args: readonly LabelNode[]): LabelNode | undefined {
  if (args.length < 2 || !/^[+-]?[0-9]+$/.test(labelText(args[1]!.value))) return undefined;
  return args[0];
}

function hostProblem(host: string): string | undefined {
  if (/^[0-9.]+$/.test(host)) {
    return parseIpv4(host) === undefined ? `'${host}' is not a valid IPv4 address` : undefined;
  }
  // Host names (letters, digits, '-', '.'), or IPv6 literals (hex digits, ':', '.', and a '%' zone).
  if (/^[A-Za-z0-9.-]+$/.test(host) || /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9]+)?$/.test(host)) return undefined;
  return `'${host}' is not a host name or an IP address`;
}

function unknownNamer(label: LabelNode, name: string): Diagnostic {
  const suggestion = closeMatch(name, KNOWN_NAMES);
  const shipped = SHIPPED_PACKAGES.some((p) => name.startsWith(p));
  const maybePlugin = name.includes('.') && !shipped && !suggestion;
  const hint = suggestion ? ` Did you mean '${suggestion}'?` : '';
  if (maybePlugin) {
    return {
      code: UNKNOWN_NAMER,
      severity: 'warning',
      span: label.span,
      message:
        `'${name}' is not a namer that Linkerd ships. If it is a namer plugin on Linkerd's classpath this is fine; ` +
        `otherwise the lookup fails with "Unknown namer: ${name}". Check the class name.`,
    };
  }
  return {
    code: UNKNOWN_NAMER,
    severity: 'error',
    span: label.span,
    message:
      `Unknown namer '/$/${name}': Linkerd fails this lookup with "Unknown namer: ${name}". ` +
      `Known /$/ namers are inet, fixedinet, nil, fail and the io.buoyant.* utility namers.${hint}`,
    fixes: suggestion ? [replaceLabelFix(label, showLabel(suggestion))] : undefined,
  };
}

/**
 * `/#/<namer>/...` must start with the prefix of a namer the config defines (or be a shorter path that the
 * residual may complete), unless the dtab itself rewrites the path.
 */
function configuredNamer(
  path: PathNode,
  known: readonly Path[],
  rewrittenByDtab: (p: Path) => boolean,
): Diagnostic | undefined {
  const labels = path.labels.map((l) => l.value);
  const covered = known.some((k) => pathStartsWith(labels, k) || pathStartsWith(k, labels));
  if (covered || rewrittenByDtab(labels)) return undefined;
  const suggestion = nearestPrefix(labels, known);
  const namerLabels = path.labels.slice(0, Math.max(2, suggestion?.length ?? 2));
  const written = showPath(namerLabels.map((l) => l.value));
  const list =
    known.length > 0 ? `the config defines ${known.map(showPath).join(', ')}` : 'the config defines no namers';
  const fix: Fix | undefined = suggestion && {
    title: `Replace with '${showPath(suggestion)}'`,
    edits: [{ span: labelsSpan(namerLabels.slice(1)), newText: suggestion.slice(1).map(showLabel).join('/') }],
    preferred: true,
  };
  return {
    code: UNDEFINED_NAMER,
    severity: 'warning',
    span: labelsSpan(namerLabels),
    message:
      `No namer is configured at '${written}' (${list}), so this path resolves to nothing (Neg). Fix the path, ` +
      `or add the namer to the config's 'namers' section.` +
      (suggestion ? ` Did you mean '${showPath(suggestion)}'?` : ''),
    fixes: fix ? [fix] : undefined,
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

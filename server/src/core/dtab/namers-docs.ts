// Documentation and argument-shape validators for every `/$/` namer of spec/dtab-language.md §7.1–7.2, used by
// completion, hover and the semantic checks. Pure.

import { HOST, hostColonPort, METHOD, subdomain } from './namers-buoyant.js';
import { javaParseInt } from './namers-text.js';

/** A problem with one argument (the labels after `/$/<name>` as written in a dst; index into them). */
export interface NamerArgProblem {
  readonly index: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface NamerDoc {
  /** The element after `/$/`, e.g. `inet` or `io.buoyant.http.domainToPathPfx`. */
  readonly name: string;
  /** The argument shape, e.g. `/<host>/<port>[/residual...]`. */
  readonly args: string;
  /** Argument names in order (for snippets); optional ones are not listed. */
  readonly params: readonly string[];
  readonly description: string;
  /** Whether the namer binds (`bound`), rewrites to a path looked up again (`rewrite`), or is special. */
  readonly result: 'bound' | 'rewrite' | 'fail' | 'empty';
  /**
   * Checks the arguments written in a destination. Arguments that are missing may still come from the residual
   * appended at lookup time, so only the present ones are judged.
   */
  validate(args: readonly string[]): NamerArgProblem[];
}


function portProblems(index: number, text: string): NamerArgProblem[] {
  const port = javaParseInt(text);
  if (port === undefined) return [{ index, severity: 'error', message: `port '${text}' is not an integer` }];
  if (port < 0 || port > 65535) {
    return [{ index, severity: 'error', message: `port ${port} is out of range: use 0 to 65535` }];
  }
  return [];
}

function inetProblems(name: string, args: readonly string[]): NamerArgProblem[] {
  if (args.length === 0) return [];
  if (args.length === 1) return javaParseInt(args[0]!) !== undefined ? portProblems(0, args[0]!) : [];
  if (javaParseInt(args[1]!) !== undefined) return portProblems(1, args[1]!);
  if (javaParseInt(args[0]!) !== undefined) return portProblems(0, args[0]!);
  return [
    {
      index: 1,
      severity: 'error',
      message:
        `port '${args[1]}' is not an integer: Finagle then treats '${name}' as a class name and the lookup fails ` +
        `with "Unknown namer: ${name}". Write /$/${name}/<host>/<port> with a numeric port`,
    },
  ];
}

function matchProblem(
  args: readonly string[],
  index: number,
  ok: (s: string) => boolean,
  what: string,
): NamerArgProblem[] {
  const a = args[index];
  if (a === undefined || ok(a)) return [];
  return [{ index, severity: 'warning', message: `'${a}' is not ${what}: the namer answers Neg (no match)` }];
}

const isHost = (s: string) => HOST.test(s);
const isMethod = (s: string) => METHOD.test(s);

function hostPortProblems(args: readonly string[], index: number): NamerArgProblem[] {
  return matchProblem(args, index, (s) => hostColonPort(s) !== undefined, 'host:port (port a number or a lowercase DNS label such as http)');
}

function domainProblems(args: readonly string[], index: number): NamerArgProblem[] {
  const a = args[index];
  if (a === undefined) return [];
  if (!HOST.test(a)) return matchProblem(args, index, isHost, 'a host name');
  if (a.startsWith('.') || a.includes('..')) {
    return [{ index, severity: 'error', message: `'${a}' has an empty DNS label: the lookup fails (paths cannot have empty elements)` }];
  }
  return [];
}

function subdomainProblems(args: readonly string[], domainIdx: number, hostIdx: number): NamerArgProblem[] {
  const problems = [...matchProblem(args, domainIdx, isHost, 'a domain name'), ...matchProblem(args, hostIdx, isHost, 'a host name')];
  const domain = args[domainIdx];
  const host = args[hostIdx];
  if (problems.length === 0 && domain !== undefined && host !== undefined && !subdomain(domain, host)) {
    problems.push({ index: hostIdx, severity: 'warning', message: `'${host}' is not a subdomain of '${domain}': the namer answers Neg` });
  }
  return problems;
}

const none = (): NamerArgProblem[] => [];

export const NAMER_DOCS: readonly NamerDoc[] = [
  {
    name: 'inet',
    args: '/<host>/<port>[/residual...] or /<port>[/residual...]',
    params: ['host', 'port'],
    result: 'bound',
    description:
      'Binds to the socket address host:port (Finagle InetResolver), re-resolving DNS every 5 seconds. The bound id ' +
      'is /$/inet/<host>/<port> and the rest of the path is the residual. With a port only, binds the local ' +
      'wildcard address. The port must be an integer: otherwise `inet` is taken as a class name and the lookup ' +
      'fails with "Unknown namer: inet".',
    validate: (args) => inetProblems('inet', args),
  },
  {
    name: 'fixedinet',
    args: '/<host>/<port>[/residual...] or /<port>[/residual...]',
    params: ['host', 'port'],
    result: 'bound',
    description:
      'Like /$/inet, but DNS is resolved once and cached (Finagle FixedInetResolver). Use it for hosts whose ' +
      'addresses never change.',
    validate: (args) => inetProblems('fixedinet', args),
  },
  {
    name: 'fail',
    args: '[/anything...]',
    params: [],
    result: 'fail',
    description:
      'Always resolves to Fail (!): the request fails and, inside an alternative, later alternatives are not tried.',
    validate: none,
  },
  {
    name: 'nil',
    args: '[/anything...]',
    params: [],
    result: 'empty',
    description:
      'Always resolves to Empty ($): a successful, empty address set. An alternative stops here; requests get ' +
      '"no brokers available".',
    validate: none,
  },
  {
    name: 'io.buoyant.rinet',
    args: '/<port>/<host>[/residual...]',
    params: ['port', 'host'],
    result: 'bound',
    description:
      'The inet namer with port before host: binds directly to host:port, with id /$/io.buoyant.rinet/<port>/<host>. ' +
      'Handy after a prefix that carries the port, e.g. /svc => /$/io.buoyant.rinet/80.',
    validate: (args) => (args.length > 0 ? portProblems(0, args[0]!) : []),
  },
  {
    name: 'io.buoyant.hostportPfx',
    args: '/<pfx>/<host>:<port>[/rest...]',
    params: ['pfx', 'host:port'],
    result: 'rewrite',
    description:
      'Splits a host:port element: /<pfx>/<host>:<port>/rest is rewritten to /<pfx>/<host>/<port>/rest, which is ' +
      'looked up again in the dtab. The port may be a number or a DNS label (http); IPv6 is not supported. Neg ' +
      'when the element is not exactly host:port.',
    validate: (args) => hostPortProblems(args, 1),
  },
  {
    name: 'io.buoyant.porthostPfx',
    args: '/<pfx>/<host>:<port>[/rest...]',
    params: ['pfx', 'host:port'],
    result: 'rewrite',
    description:
      'Like io.buoyant.hostportPfx, but rewrites /<pfx>/<host>:<port>/rest to /<pfx>/<port>/<host>/rest.',
    validate: (args) => hostPortProblems(args, 1),
  },
  {
    name: 'io.buoyant.http.anyMethod',
    args: '/<METHOD>[/rest...]',
    params: ['METHOD'],
    result: 'rewrite',
    description:
      'Drops an HTTP method element: /<METHOD>/rest becomes /rest, looked up again. Neg unless the element is ' +
      'upper-case letters only.',
    validate: (args) => matchProblem(args, 0, isMethod, 'an upper-case HTTP method'),
  },
  {
    name: 'io.buoyant.http.anyMethodPfx',
    args: '/<pfx>/<METHOD>[/rest...]',
    params: ['pfx', 'METHOD'],
    result: 'rewrite',
    description: 'Drops the HTTP method after a prefix: /<pfx>/<METHOD>/rest becomes /<pfx>/rest, looked up again.',
    validate: (args) => matchProblem(args, 1, isMethod, 'an upper-case HTTP method'),
  },
  {
    name: 'io.buoyant.http.anyHost',
    args: '/<host>[/rest...]',
    params: ['host'],
    result: 'rewrite',
    description:
      'Drops a host element: /<host>/rest becomes /rest, looked up again. Neg unless the host matches ' +
      '[A-Za-z0-9.:_-]+.',
    validate: (args) => matchProblem(args, 0, isHost, 'a host name'),
  },
  {
    name: 'io.buoyant.http.anyHostPfx',
    args: '/<pfx>/<host>[/rest...]',
    params: ['pfx', 'host'],
    result: 'rewrite',
    description: 'Drops the host after a prefix: /<pfx>/<host>/rest becomes /<pfx>/rest, looked up again.',
    validate: (args) => matchProblem(args, 1, isHost, 'a host name'),
  },
  {
    name: 'io.buoyant.http.subdomainOf',
    args: '/<domain>/<host>[/rest...]',
    params: ['domain', 'host'],
    result: 'rewrite',
    description:
      'Keeps the subdomain: /<domain>/<host>/rest becomes /<sub>/rest, where sub is the host (any :port removed) ' +
      'without the suffix .<domain>. Neg when the host is not under the domain.',
    validate: (args) => subdomainProblems(args, 0, 1),
  },
  {
    name: 'io.buoyant.http.subdomainOfPfx',
    args: '/<domain>/<pfx>/<host>[/rest...]',
    params: ['domain', 'pfx', 'host'],
    result: 'rewrite',
    description:
      'Like io.buoyant.http.subdomainOf, with a prefix: /<domain>/<pfx>/<host>/rest becomes /<pfx>/<sub>/rest.',
    validate: (args) => subdomainProblems(args, 0, 2),
  },
  {
    name: 'io.buoyant.http.domainToPath',
    args: '/<host>[/rest...]',
    params: ['host'],
    result: 'rewrite',
    description:
      'Turns a domain into path elements, most significant first: /foo.buoyant.io/rest becomes /io/buoyant/foo/rest, ' +
      'looked up again. An empty label (a..b, .a) makes the lookup fail; a :port stays on the last label.',
    validate: (args) => domainProblems(args, 0),
  },
  {
    name: 'io.buoyant.http.domainToPathPfx',
    args: '/<pfx>/<host>[/rest...]',
    params: ['pfx', 'host'],
    result: 'rewrite',
    description:
      'Like io.buoyant.http.domainToPath, after a prefix: /<pfx>/foo.buoyant.io/rest becomes ' +
      '/<pfx>/io/buoyant/foo/rest.',
    validate: (args) => domainProblems(args, 1),
  },
  {
    name: 'io.buoyant.http.status',
    args: '/<code>[/rest...]',
    params: ['code'],
    result: 'bound',
    description:
      'Binds to a local service that answers every HTTP request with status <code> (100-599), e.g. ' +
      '/$/io.buoyant.http.status/404 as a last-resort alternative. Neg when the code is missing or out of range.',
    validate: (args) => {
      const a = args[0];
      if (a === undefined) return [];
      const code = javaParseInt(a);
      return code !== undefined && code >= 100 && code < 600
        ? []
        : [{ index: 0, severity: 'warning', message: `'${a}' is not an HTTP status code (100-599): the namer answers Neg` }];
    },
  },
  {
    name: 'io.buoyant.namer.zk.leader',
    args: '/<zkhost:port>[::<zkhost:port>...]/<zk/path...>',
    params: ['zkHosts', 'zkPath'],
    result: 'bound',
    description:
      'Binds to the address published by the leader of a ZooKeeper leader group. Not evaluated offline: ' +
      'lookups stay pending.',
    validate: none,
  },
  {
    name: 'com.twitter.serverset',
    args: '/<zkhost:port>/<zk/path...>',
    params: ['zkHosts', 'zkPath'],
    result: 'bound',
    description:
      'Binds to the members of a ZooKeeper serverset (finagle-serversets). Not evaluated offline: lookups stay ' +
      'pending.',
    validate: none,
  },
];

const byName = new Map(NAMER_DOCS.map((d) => [d.name, d]));

/** The documentation of `/$/<name>`, if it is a namer we know. */
export function namerDoc(name: string): NamerDoc | undefined {
  return byName.get(name);
}

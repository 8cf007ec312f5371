// Cases of the cross-file interpreter rule (spec §8.3 rule 12): a linkerd config whose expected diagnostic range is
// marked « », the workspace's namerd configs (a related span marked ‹ ›, at most one per file), and the expected
// code and message. `message: undefined` means the rule stays quiet.

export interface CrossFileCase {
  readonly name: string;
  readonly linkerd: string;
  readonly namerds: readonly { readonly file: string; readonly text: string }[];
  readonly code?: string;
  readonly message?: string;
}

const NAMERD_HTTP = `storage:
  kind: io.l5d.inMemory
  ‹namespaces›:
    default: /svc => /#/io.l5d.fs;
    staging: /svc => /#/io.l5d.fs;
namers:
- kind: io.l5d.fs
  rootDir: disco
interfaces:
- kind: io.l5d.httpController
  port: 4180
`;

/** A namerd config of this storage kind serving these interfaces (YAML list items, one per line). */
const namerdOf = (storage: string, ...interfaces: string[]): string => `storage:\n  kind: ${storage}\ninterfaces:\n${interfaces.map((i) => `- ${i}\n`).join('')}`;

const router = (interpreter: string): string => `routers:
- protocol: http
  label: edge
  interpreter:
${interpreter}
  servers:
  - port: 4140
`;

export const CROSS_FILE_CASES: readonly CrossFileCase[] = [
  {
    name: 'io.l5d.namerd against a namerd serving only httpController',
    linkerd: router('    kind: «io.l5d.namerd»\n    dst: /$/inet/127.1/4100\n    namespace: default'),
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP.replace('‹namespaces›', 'namespaces').replace('interfaces:', '‹interfaces›:') }],
    code: 'config/namerd-interface-missing',
    message:
      "Router 'edge' uses the io.l5d.namerd interpreter, which talks to namerd's io.l5d.thriftNameInterpreter interface, but namerd.yaml serves no io.l5d.thriftNameInterpreter interface (only io.l5d.httpController). Add `- kind: io.l5d.thriftNameInterpreter` to the `interfaces:` of namerd.yaml, or switch this router to the io.l5d.namerd.http interpreter.",
  },
  {
    name: 'io.l5d.mesh against two namerd configs, neither serving io.l5d.mesh',
    linkerd: router('    kind: «io.l5d.mesh»\n    dst: /$/inet/127.1/4321\n    root: /default'),
    namerds: [
      { file: 'a/namerd.yaml', text: namerdOf('io.l5d.k8s', 'kind: io.l5d.thriftNameInterpreter').replace('interfaces', '‹interfaces›') },
      { file: 'b/namerd.yaml', text: namerdOf('io.l5d.k8s', 'kind: io.l5d.destination').replace('interfaces', '‹interfaces›') },
    ],
    code: 'config/namerd-interface-missing',
    message:
      "Router 'edge' uses the io.l5d.mesh interpreter, which talks to namerd's io.l5d.mesh interface, but the workspace's namerd configs (a/namerd.yaml, b/namerd.yaml) serve no io.l5d.mesh interface (only io.l5d.thriftNameInterpreter, io.l5d.destination). Add `- kind: io.l5d.mesh` to the `interfaces:` of the namerd config this router uses, or switch this router to the io.l5d.namerd interpreter.",
  },
  {
    name: 'io.l5d.namerd.http on another port than the interface (explicit port)',
    linkerd: router('    kind: io.l5d.namerd.http\n    experimental: true\n    dst: «/$/inet/localhost/4181»'),
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP.replace('‹namespaces›', 'namespaces').replace('port: 4180', 'port: ‹4180›') }],
    code: 'config/namerd-interface-port',
    message:
      "The io.l5d.namerd.http interpreter of router 'edge' connects to port 4181, but namerd.yaml serves io.l5d.httpController on port 4180. Change the port in `dst` to 4180, or the interface's `port` in namerd.yaml.",
  },
  {
    name: 'io.l5d.namerd on another port than the default 4100 (rinet dst)',
    linkerd: router('    kind: io.l5d.namerd\n    dst: «/$/io.buoyant.rinet/4101/namerd»'),
    namerds: [{ file: 'namerd.yaml', text: namerdOf('io.l5d.zk', 'kind: ‹io.l5d.thriftNameInterpreter›') }],
    code: 'config/namerd-interface-port',
    message:
      "The io.l5d.namerd interpreter of router 'edge' connects to port 4101, but namerd.yaml serves io.l5d.thriftNameInterpreter on port 4100. Change the port in `dst` to 4100, or the interface's `port` in namerd.yaml.",
  },
  {
    name: 'namespace not declared by the in-memory storage',
    linkerd: router('    kind: io.l5d.namerd.http\n    experimental: true\n    dst: /$/inet/localhost/4180\n    namespace: «prod»'),
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP }],
    code: 'config/namerd-namespace-unknown',
    message:
      "Router 'edge' reads namerd namespace 'prod' through io.l5d.namerd.http, but the io.l5d.inMemory storage of namerd.yaml declares only default, staging. Set `namespace` to one of them, or add `prod: <dtab>` under `storage.namespaces` in namerd.yaml.",
  },
  {
    name: 'the default namespace, not declared',
    linkerd: router('    kind: «io.l5d.namerd.http»\n    experimental: true\n    dst: /$/inet/localhost/4180'),
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP.replace('    default: /svc => /#/io.l5d.fs;\n', '') }],
    code: 'config/namerd-namespace-unknown',
    message:
      "Router 'edge' reads namerd namespace 'default' through io.l5d.namerd.http (the default when `namespace` is not set), but the io.l5d.inMemory storage of namerd.yaml declares only staging. Set `namespace` to one of them, or add `default: <dtab>` under `storage.namespaces` in namerd.yaml.",
  },
  {
    name: 'a mesh root naming no namespace; storage without namespaces',
    linkerd: router('    kind: io.l5d.mesh\n    dst: /$/inet/127.1/4321\n    root: «/prod»'),
    namerds: [{ file: 'namerd.yaml', text: namerdOf('‹io.l5d.inMemory›', 'kind: io.l5d.mesh') }],
    code: 'config/namerd-namespace-unknown',
    message:
      "Router 'edge' reads namerd namespace 'prod' (its io.l5d.mesh `root` is /prod), but the io.l5d.inMemory storage of namerd.yaml declares no namespaces. Add `prod: <dtab>` under `storage.namespaces` in namerd.yaml.",
  },
  // Quiet cases.
  {
    name: 'no namerd config in the workspace',
    linkerd: router('    kind: io.l5d.namerd\n    dst: /$/inet/127.1/4999\n    namespace: nowhere'),
    namerds: [],
  },
  {
    name: 'interface, port and namespace all match',
    linkerd: router('    kind: io.l5d.namerd.http\n    experimental: true\n    dst: /$/inet/localhost/4180\n    namespace: staging'),
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP }],
  },
  {
    name: 'one namerd config serves the port, another does not',
    linkerd: router('    kind: io.l5d.namerd.http\n    experimental: true\n    dst: /$/inet/localhost/4181'),
    namerds: [
      { file: 'a.yaml', text: namerdOf('io.l5d.k8s', 'kind: io.l5d.httpController') },
      { file: 'b.yaml', text: namerdOf('io.l5d.k8s', 'kind: io.l5d.httpController\n  port: 4181') },
    ],
  },
  {
    name: 'an unknown namespace when one namerd config stores dtabs elsewhere',
    linkerd: router('    kind: io.l5d.namerd.http\n    experimental: true\n    dst: /$/inet/localhost/4180\n    namespace: prod'),
    namerds: [
      { file: 'a/namerd.yaml', text: NAMERD_HTTP },
      { file: 'b/namerd.yaml', text: namerdOf('io.l5d.consul', 'kind: io.l5d.httpController') },
    ],
  },
  {
    name: 'a dst that is no /$/inet address, and the default interpreter',
    linkerd: router('    kind: io.l5d.namerd.http\n    experimental: true\n    dst: /#/io.l5d.k8s/default/http/namerd') +
      '- protocol: http\n  label: local\n  dtab: /svc => /$/inet/127.1/4100;\n  servers:\n  - port: 4141\n',
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP }],
  },
  {
    name: 'a mesh root of two segments (reported by the config checks)',
    linkerd: router('    kind: io.l5d.mesh\n    dst: /$/inet/127.1/4321\n    root: /a/b'),
    namerds: [{ file: 'namerd.yaml', text: namerdOf('io.l5d.inMemory', 'kind: io.l5d.mesh') }],
  },
  {
    name: 'a linkerd config with YAML errors',
    linkerd: router('    kind: io.l5d.namerd\n    dst: [/$/inet/127.1/4999'),
    namerds: [{ file: 'namerd.yaml', text: NAMERD_HTTP }],
  },
];

/** Removes a pair of markers from a text; returns the text and the marked span (if any). */
export function unmark(text: string, open: string, close: string): { text: string; span?: { start: number; end: number } } {
  const start = text.indexOf(open);
  if (start < 0) return { text };
  const end = text.indexOf(close, start);
  return { text: text.slice(0, start) + text.slice(start + 1, end) + text.slice(end + 1), span: { start, end: end - 1 } };
}

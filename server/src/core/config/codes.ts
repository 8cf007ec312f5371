// The stable diagnostic codes of the config checks, with what each means. The CLI's `--explain`, the docs and the
// code-action layer can rely on these; a test checks every code the checks emit is listed here.

export const CONFIG_CODES: Readonly<Record<string, string>> = {
  'config/yaml-syntax': 'The file is not valid YAML/JSON; nothing else is checked until it is.',
  'config/unknown-key': 'A key linkerd/namerd does not know at this place (Jackson rejects the file).',
  'config/duplicate-key': 'A key given twice in one mapping (Jackson rejects the file).',
  'config/type': 'A value of the wrong type, e.g. a quoted port or a list where a mapping belongs.',
  'config/invalid-value': 'A value of the right type that linkerd rejects: out-of-range port, non-literal IP, bad enum, conflicting options.',
  'config/path-syntax': 'A path-typed value that is not a Finagle path.',
  'config/unknown-kind': 'A `kind`/`protocol` that no installed plugin provides (a warning once extraKinds is configured).',
  'config/missing-required': 'A required key or `kind` is missing, or a required list is empty.',
  'config/family-mismatch': 'A kind of the other protocol family (h2 identifier on an http router, identifier on a thrift router, ...).',
  'config/legacy-key': 'A key older linkerd releases accepted, with its replacement.',
  'config/legacy-kind': 'A renamed kind, with its current name.',
  'config/experimental': 'An experimental component without `experimental: true` (linkerd refuses to start).',
  'config/deprecated': 'A deprecated component or option.',
  'config/duplicate-label': 'Two routers with the same label (label defaults to the protocol).',
  'config/port-conflict': 'Two servers or interfaces on one ip:port, or one on the admin port.',
  'config/announcer-prefix': 'An announce name that no announcer of the router serves.',
  'config/namer-prefix-overlap': 'namerd namers with empty or overlapping prefixes.',
  'config/unknown-namer': 'A `/#/` client prefix that no configured namer serves.',
  'config/prefix-semantics': 'A client prefix written as a logical name or a service prefix written as a bound name.',
  'config/dst-prefix-unrouted': 'No dentry of the router dtab matches the names under its dstPrefix.',
  'config/internal-error': 'The dtab engine failed on an embedded dtab (a bug to report); that dtab is not checked.',
  'config/interpreter-port': "A namerd interpreter's dst points at another interface's default port.",
};

// linkerd's own words for missing required fields, where it has them (spec §8.2). Keyed by
// `<family id>:<kind>:<key>` for kinds and `<shape id>:<key>` for fixed shapes.

const MESSAGES: Readonly<Record<string, string>> = {
  'identifiers.http:io.l5d.static:path': 'assertion failed: path is required',
  'interpreters:io.l5d.namerd:dst': '`dst` is a required field',
  'interpreters:io.l5d.namerd.http:dst': '`dst` is a required field',
  'interpreters:io.l5d.mesh:dst': '`dst` is a required field',
  'interpreters:io.l5d.k8s.configMap:name': 'requirement failed: ConfigMap name is required!',
  'interpreters:io.l5d.k8s.configMap:filename': 'requirement failed: ConfigMap dtab filename is required!',
  'transformers:io.l5d.k8s.daemonset:namespace': 'assertion failed: io.l5d.k8s.daemonset: namespace property is required',
  'transformers:io.l5d.k8s.daemonset:service': 'assertion failed: io.l5d.k8s.daemonset: service property is required',
  'transformers:io.l5d.k8s.daemonset:port': 'assertion failed: io.l5d.k8s.daemonset: port property is required',
  'transformers:io.l5d.specificHost:host': 'assertion failed: io.l5d.specificHost: host property is required',
  'backoffs:jittered:minMs': "'minMs' must be specified",
  'backoffs:jittered:maxMs': "'maxMs' must be specified",
  'defs.hostAndPort:host': 'host must be specified',
  'defs.hostAndPort:port': 'port must be specified',
  'namerdTop:interfaces': "requirement failed: 'interfaces' field is required",
  'linkerdTop:routers': 'At least one router must be specified in the configuration.',
};

export function requiredMessage(owner: string, key: string): string | undefined {
  return MESSAGES[`${owner}:${key}`];
}

/** Required lists that must also be non-empty, with linkerd's message for the empty case. */
export function emptyListMessage(owner: string, key: string, routerLabel?: string): string | undefined {
  if (owner === 'linkerdTop' && key === 'routers') return 'At least one router must be specified in the configuration.';
  if (owner === 'namerdTop' && key === 'interfaces') return 'requirement failed: One or more interfaces must be specified';
  if (owner.startsWith('router:') && key === 'servers') return `router '${routerLabel ?? owner.slice(7)}' has no servers`;
  return undefined;
}

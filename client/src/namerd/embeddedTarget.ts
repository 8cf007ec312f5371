// Which namerd namespace (and endpoint) a dtab embedded in a config belongs to, for the live hover. A router's
// `dtab:` in linkerd.yaml follows the rules of a dtab file (first-line pragma, then dtab.namerd.namespaceMapping);
// the value of an io.l5d.inMemory namespace in namerd.yaml is that namespace, named by its key, so only the endpoint
// comes from the pragma, the mapping or dtab.namerd.defaultEndpoint. Pure, like target.ts. The kind and name come
// from the language server's `dtab/embeddedPathAt` answer.

import type { EmbeddedDtabSiteKind } from '../../../server/src/protocol/requests.js';
import { resolveFileTarget, type FileTarget, type TargetInputs } from './target.js';

export function embeddedDtabTarget(site: { readonly kind: EmbeddedDtabSiteKind; readonly name: string }, file: TargetInputs): FileTarget {
  const target = resolveFileTarget(file);
  if (site.kind !== 'namespace') return target;
  if (target.ok) return { ok: true, endpoint: target.endpoint, namespace: site.name, reason: 'namespace key' };
  if (!target.unmapped) return target;
  // The file names no namespace, which the key supplies: only the endpoint is left, the default one.
  const endpoint = file.defaultEndpoint;
  if (!endpoint) return { ok: false, unmapped: false, message: `No namerd endpoint for namespace "${site.name}": set dtab.namerd.defaultEndpoint or name one in the mapping.` };
  if (!file.endpoints.has(endpoint)) return { ok: false, unmapped: false, message: `The namerd endpoint "${endpoint}" is not in dtab.namerd.endpoints (user settings only in an untrusted workspace).` };
  return { ok: true, endpoint, namespace: site.name, reason: 'namespace key' };
}

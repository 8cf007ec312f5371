// Which product a config is for, from its parsed root (and its file name when the root says nothing). Its own module
// so that both the analysis and the cross-file rule use it without importing each other.

import { getPair, isMap } from './yaml-doc.js';

export type Flavour = 'linkerd' | 'namerd' | 'unknown';

/** linkerd when there is a top-level `routers`, namerd when there is `storage` or `interfaces` (spec §1.3). */
export function detectFlavour(root: unknown, fileName?: string): Flavour {
  if (isMap(root)) {
    if (getPair(root, 'routers')) return 'linkerd';
    if (getPair(root, 'storage') || getPair(root, 'interfaces')) return 'namerd';
  }
  const base = fileName?.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (base.startsWith('namerd')) return 'namerd';
  if (base.startsWith('linkerd') || base.startsWith('l5d')) return 'linkerd';
  return 'unknown';
}

// Host resolution for `/$/inet/<host>/<port>` in the local server. The engine's evaluation is synchronous, so a
// host name not seen before is `pending` while DNS runs in the background; the answer is cached (re-resolved every
// 5 s, as Finagle's inet does) and a change signal lets watches and waiting requests re-evaluate.

import { lookup } from 'node:dns/promises';
import { offlineResolver } from '../../core/dtab/namers-inet.js';
import type { Addr, HostResolver } from '../../core/dtab/namers-types.js';

const REFRESH_MS = 5_000;

interface Entry {
  ips?: string[];
  error?: string;
  at: number;
  inFlight: boolean;
}

export type LookupAll = (host: string) => Promise<string[]>;

const systemLookup: LookupAll = async (host) => (await lookup(host, { all: true, family: 4 })).map((r) => r.address);

export function createDnsResolver(onChange: () => void, lookupAll: LookupAll = systemLookup, now: () => number = Date.now): HostResolver {
  const cache = new Map<string, Entry>();
  const refresh = (host: string, e: Entry): void => {
    e.inFlight = true;
    lookupAll(host)
      .then((ips) => {
        const changed = e.error !== undefined || JSON.stringify(ips) !== JSON.stringify(e.ips);
        Object.assign(e, { ips, error: undefined, at: now(), inFlight: false });
        if (changed) onChange();
      })
      .catch((err: Error) => {
        const changed = e.error === undefined;
        Object.assign(e, { ips: undefined, error: err.message, at: now(), inFlight: false });
        if (changed) onChange();
      });
  };
  return (host: string, port: number): Addr => {
    const literal = offlineResolver(host, port);
    if (literal.type === 'bound') return literal;
    let e = cache.get(host);
    if (!e) {
      e = { at: -Infinity, inFlight: false };
      cache.set(host, e);
    }
    if (!e.inFlight && now() - e.at >= REFRESH_MS) refresh(host, e);
    if (e.ips) return { type: 'bound', addrs: e.ips.map((ip) => ({ ip, port })) };
    if (e.error !== undefined) return { type: 'neg' };
    return { type: 'pending' };
  };
}

// Versions of the in-memory store (namerd-http-api.md §2.1): an int64 counter, exposed as the unquoted base64 of
// its 8 big-endian bytes (`AAAAAAAAAAE=` is 1). If-Match is decoded like util's MIME base64 decoder, which skips
// characters outside the alphabet, so a quoted ETag still matches and `*` decodes to nothing (not a wildcard).

export function versionToEtag(version: bigint): string {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt.asIntN(64, version));
  return b.toString('base64');
}

/** The version bytes an If-Match header names, or undefined when they are not exactly 8 bytes. */
export function etagToVersion(header: string): bigint | undefined {
  const alphabet = header.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes = Buffer.from(alphabet, 'base64');
  return bytes.length === 8 ? bytes.readBigInt64BE() : undefined;
}

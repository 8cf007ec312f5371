// Keeps secrets out of logs and errors: credentials in URLs and every configured header value.

/** The URL without `user:password@`. Unparsable input is replaced rather than echoed (it may hold a secret). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = '';
      u.password = '';
    }
    return u.toString();
  } catch {
    return '<invalid URL>';
  }
}

/** Header names with their values hidden, for debug logs: `Authorization: <redacted>`. */
export function describeHeaders(headers: Readonly<Record<string, string>> | undefined): string {
  const names = Object.keys(headers ?? {});
  return names.length === 0 ? '' : names.map((n) => `${n}: <redacted>`).join(', ');
}

/** Removes any configured header value (and URL password) that leaked into a message, e.g. a proxy's echo. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (s.length >= 4) out = out.split(s).join('<redacted>');
  }
  return out;
}

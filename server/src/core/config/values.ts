// Type checks for scalar values (spec §6 meta.typeLegend and §1.1 "Scalar coercion"): ints, ports, bools, numbers,
// IP literals, paths and enums, with linkerd's own messages where it has one.

import { isIP } from 'node:net';
import type { Diagnostic, Fix } from '../diagnostic.js';
import { readPath } from '../dtab/parse.js';
import type { FieldSpec, FieldType } from './model.js';
import { typeMismatch } from './messages.js';
import { decodeScalar, type ScalarStyle } from './scalar-map.js';
import { isMap, isScalar, isSeq, isQuoted, spanOf, type Scalar } from './yaml-doc.js';

const EXPECTED: Partial<Record<FieldType, string>> = {
  int: 'an integer',
  long: 'an integer',
  'duration-ms': 'an integer number of milliseconds',
  'duration-s': 'an integer number of seconds',
  port: 'a port number (an unquoted integer 0..65535)',
  bool: 'true or false',
  number: 'a number',
  ip: 'an IP address literal',
  path: 'a path such as /svc',
  'path-matcher': 'a path pattern such as /#/io.l5d.fs/*',
  dtab: 'a dtab string',
  string: 'a string',
  'string-template': 'a string',
  regex: 'a regular expression string',
  file: 'a file path string',
  directory: 'a directory path string',
  enum: 'one of the allowed values',
};

const INT_TYPES = new Set<FieldType>(['int', 'long', 'duration-ms', 'duration-s']);
const STRING_TYPES = new Set<FieldType>(['string', 'string-template', 'regex', 'file', 'directory', 'dtab', 'path', 'path-matcher', 'ip', 'enum']);

/** Describes what a node holds, for "but it is ..." messages. */
export function describeNode(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value == null) return 'empty';
    if (typeof node.value === 'string') return isQuoted(node) ? `the quoted string ${JSON.stringify(node.value)}` : `the string ${JSON.stringify(node.value)}`;
    return `${typeof node.value === 'boolean' ? 'the boolean' : 'the number'} ${String(node.value)}`;
  }
  return 'an alias';
}

export function expectedText(type: FieldType): string {
  return EXPECTED[type] ?? (type === 'list' ? 'a list' : type === 'map' || type === 'object' ? 'a mapping' : type);
}

function diag(code: string, severity: Diagnostic['severity'], node: unknown, message: string, fixes?: Fix[]): Diagnostic {
  return fixes ? { code, severity, span: spanOf(node), message, fixes } : { code, severity, span: spanOf(node), message };
}

const INT_RE = /^[-+]?(0|[1-9][0-9]*)$/;
const NUM_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Enum errors in linkerd's words (custom deserializers, §8.2). */
function enumMessage(key: string, value: string, allowed: readonly string[]): string {
  const list = allowed.join(', ');
  if (key === 'thriftProtocol') return `unsupported thrift protocol ${value}. Use one of: ${list}.`;
  if (key === 'level') return `Illegal log level: ${value}. Use one of: ${list}.`;
  if (/ConsistencyMode$|^consistencyMode$/.test(key)) return `Illegal Consul consistency mode level: ${value}. Use one of: ${list}.`;
  if (key === 'healthStatuses') return `Illegal Consul health status: ${value}. Use one of: ${list}.`;
  return `"${value}" is not a valid value for "${key}". Use one of: ${list}.`;
}

/**
 * Check a scalar-typed value. `key` names the field (for messages); `yamlText` is needed to map path-syntax
 * errors to the right character inside quoted or block scalars.
 */
export function checkScalarValue(node: unknown, key: string, field: FieldSpec, yamlText: string, out: Diagnostic[], anchor?: unknown): void {
  const type = field.type;
  if (!isScalar(node)) {
    // A whole mapping or list is reported at its key (`anchor`, the key node), not over all its lines.
    const span = anchor && (isMap(node) || isSeq(node)) ? spanOf(anchor) : spanOf(node);
    out.push({ code: 'config/type', severity: 'error', span, message: typeMismatch(key, expectedText(type), describeNode(node), `Write ${expectedText(type)} here.`) });
    return;
  }
  const v = node.value;
  if (v == null) return; // `key:` with no value reads as absent
  if (type === 'port') {
    checkPort(node, key, out);
    return;
  }
  if (INT_TYPES.has(type)) {
    if (typeof v === 'number' && Number.isInteger(v)) return;
    if (typeof v === 'string' && INT_RE.test(v.trim())) {
      out.push(diag('config/type', 'warning', node, typeMismatch(key, expectedText(type), describeNode(node), 'Jackson coerces it, but write it without quotes.'), [unquoteFix(node, v.trim())]));
      return;
    }
    out.push(diag('config/type', 'error', node, typeMismatch(key, expectedText(type), describeNode(node), `Write ${expectedText(type)}.`)));
    return;
  }
  if (type === 'number') {
    if (typeof v === 'number') return;
    if (typeof v === 'string' && NUM_RE.test(v.trim())) {
      out.push(diag('config/type', 'warning', node, typeMismatch(key, 'a number', describeNode(node), 'Jackson coerces it, but write it without quotes.'), [unquoteFix(node, v.trim())]));
      return;
    }
    out.push(diag('config/type', 'error', node, typeMismatch(key, 'a number', describeNode(node), 'Write a number such as 0.5.')));
    return;
  }
  if (type === 'bool') {
    if (typeof v === 'boolean') return;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) {
      out.push(diag('config/type', 'warning', node, typeMismatch(key, 'true or false', describeNode(node), 'Jackson coerces it, but write it without quotes.'), [unquoteFix(node, v.trim().toLowerCase())]));
      return;
    }
    out.push(diag('config/type', 'error', node, typeMismatch(key, 'true or false', describeNode(node), 'Write true or false.')));
    return;
  }
  if (!STRING_TYPES.has(type)) return;
  // Jackson turns numbers and booleans into strings for String fields; only paths, IPs and enums need real text.
  const s = String(v);
  if (type === 'ip') {
    if (isIP(s) === 0) {
      out.push(diag('config/invalid-value', 'error', node, `'${s}' is not an IP string literal. Use an address such as 127.0.0.1 or 0.0.0.0; hostnames are not accepted here.`));
    }
    return;
  }
  if (type === 'enum' && field.enum) {
    const ok = key === 'level' ? field.enum.some((e) => e.toLowerCase() === s.toLowerCase()) : field.enum.includes(s);
    if (!ok) out.push(diag('config/invalid-value', 'error', node, enumMessage(key, s, field.enum)));
    return;
  }
  if (type === 'path') checkPath(node, s, key, yamlText, out);
  else if (type === 'path-matcher' && !s.startsWith('/')) {
    out.push(diag('config/path-syntax', 'error', node, `"${key}" must be a path pattern starting with '/', such as /#/io.l5d.fs/{service}; got ${JSON.stringify(s)}.`));
  }
}

export function checkEnumItem(node: unknown, key: string, allowed: readonly string[], out: Diagnostic[]): void {
  const s = isScalar(node) && node.value != null ? String(node.value) : undefined;
  if (s === undefined) {
    out.push(diag('config/type', 'error', node, typeMismatch(key, `one of ${allowed.join(', ')}`, describeNode(node), 'Write one of the allowed values.')));
  } else if (!allowed.includes(s)) {
    out.push(diag('config/invalid-value', 'error', node, enumMessage(key, s, allowed)));
  }
}

function checkPort(node: Scalar, key: string, out: Diagnostic[]): void {
  const v = node.value;
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v < 0 || v > 65535) out.push(diag('config/invalid-value', 'error', node, `${v} outside valid range for ports. Use a port between 0 and 65535.`));
    return;
  }
  if (typeof v === 'string' && INT_RE.test(v.trim())) {
    out.push(
      diag(
        'config/type',
        'error',
        node,
        typeMismatch(key, expectedText('port'), describeNode(node), 'linkerd reads ports as YAML integers and rejects quoted ones: remove the quotes.'),
        [unquoteFix(node, v.trim())],
      ),
    );
    return;
  }
  out.push(diag('config/type', 'error', node, typeMismatch(key, expectedText('port'), describeNode(node), 'Write a port number such as 4140.')));
}

function checkPath(node: Scalar, s: string, key: string, yamlText: string, out: Diagnostic[]): void {
  if (!s.startsWith('/')) {
    out.push(diag('config/path-syntax', 'error', node, `"${key}" must be a path starting with '/', such as /svc; got ${JSON.stringify(s)}.`));
    return;
  }
  const r = readPath(s);
  if (r.ok) return;
  const [start, end] = node.range ?? [0, 0];
  const decoded = decodeScalar(yamlText, start, end, node.type as ScalarStyle, s);
  const at = decoded.offsets[Math.min(r.offset, s.length)] ?? start;
  out.push({
    code: 'config/path-syntax',
    severity: 'error',
    span: { start: at, end: Math.min(at + 1, Math.max(end, at + 1)) },
    message: `Invalid path in "${key}": ${r.message}`,
  });
}

function unquoteFix(node: Scalar, text: string): Fix {
  return { title: `Write ${text} without quotes`, edits: [{ span: spanOf(node), newText: text }], preferred: true };
}

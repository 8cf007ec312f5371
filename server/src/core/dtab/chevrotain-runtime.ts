// Chevrotain at run time. Chevrotain 11 is ESM-only and its `@chevrotain/*` dependencies export only an `import`
// condition. esbuild bundles it either way, but under tsx (tests, benches, the fuzzer) this CommonJS project's
// `require('chevrotain')` goes through tsx's CJS transform, which then cannot resolve those dependencies. The
// package ships a self-contained ESM bundle (`lib/chevrotain.mjs`, same code, dependencies inlined): load that one,
// by a static relative path so that esbuild still bundles it. Types come from the package as usual.
import type * as Chevrotain from 'chevrotain';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const chevrotain: typeof Chevrotain = require('../../../../node_modules/chevrotain/lib/chevrotain.mjs');

export const { createToken, Lexer, EmbeddedActionsParser, NoViableAltException } = chevrotain;
export type { IToken, TokenType } from 'chevrotain';

// Entry point of the namerd HTTP client.
export { createNamerdClient, NamerdClient } from './client.js';
export { NamerdError, isNamerdError, type NamerdErrorKind } from './errors.js';
export type * from './types.js';
export type * from '../wire.js';

// linkerd/namerd config files for `dtab check`: recognised by extension and analysed by the config engine.

import type { Diagnostic } from '../core/diagnostic.js';
import type { Input } from './input.js';
import { UsageError } from './exit-codes.js';

const CONFIG_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function isConfigFile(path: string): boolean {
  const lower = path.toLowerCase();
  return CONFIG_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

export function checkConfigFile(input: Input): Diagnostic[] {
  throw new UsageError(`${input.name}: checking linkerd/namerd configs is not available in this build yet`);
}

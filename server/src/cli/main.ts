// The `dtab` command line: formatting, checking and resolving dtabs with the same engine as the editor.
// Each command lives in its own module under commands/ and registers itself with one line below.

import { Command, CommanderError } from 'commander';
import { version } from '../../../package.json';
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { registerFmt } from './commands/fmt.js';
import { registerCheck } from './commands/check.js';
import { registerQueries } from './commands/query.js';
import { registerServeCommand } from './commands/serve.js';
import { registerNamespaces } from './commands/namespaces.js';
import { registerPull } from './commands/pull.js';
import { registerPush } from './commands/push.js';
import { registerDiff } from './commands/diff.js';
import { registerDelete } from './commands/delete.js';
import { registerShift } from './commands/shift.js';

const program = new Command('dtab')
  .description('Format, check and resolve Linkerd 1.x / Finagle dtabs, and manage them in namerd.')
  .version(version)
  .showHelpAfterError()
  // Usage errors exit 2; help and --version exit 0 (commander's default would be 1 for usage errors).
  .exitOverride((err: CommanderError) => {
    const ok = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0;
    process.exit(ok ? EXIT_OK : EXIT_USAGE);
  });

registerFmt(program);
registerCheck(program);
registerQueries(program);
registerServeCommand(program);
registerNamespaces(program);
registerPull(program);
registerPush(program);
registerDiff(program);
registerDelete(program);
registerShift(program);

// Actions set process.exitCode instead of calling process.exit, so piped output is flushed before exiting.
void program.parseAsync(process.argv);

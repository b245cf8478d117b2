// Runs a command-line script: results on stdout, one clear line on stderr on failure.
import { ZodError } from 'zod';
import { db } from '../lib/db';

export function runCli(main: () => Promise<void>) {
  main()
    .then(() => db.$disconnect())
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      const message = err instanceof ZodError ? err.issues.map((i) => i.message).join('; ') : (err as Error).message;
      process.stderr.write(`${message}\n`);
      process.exit(1);
    });
}

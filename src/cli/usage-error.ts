/** An error the CLI reports as one line on stderr with a chosen exit code (2: usage or config, 1: input). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

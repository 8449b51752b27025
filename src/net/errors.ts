/** Why an HTTP exchange gave no usable answer, as one line an on-call engineer can act on. */
export type HttpFailureKind =
  | 'network'
  | 'tls'
  | 'timeout'
  | 'deadline'
  | 'aborted'
  | 'status'
  | 'content-type'
  | 'too-large'
  | 'truncated'
  | 'bad-json'
  | 'config';

export class HttpError extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What a source says when its deadline stopped it. */
export const SOURCE_DEADLINE = 'gave up: the source deadline passed';

/** The deadline (a TimeoutError reason) and a user cancel read differently. */
export function abortError(signal: AbortSignal, atDeadline = SOURCE_DEADLINE): HttpError {
  const reason = signal.reason as { name?: string } | undefined;
  if (reason?.name === 'TimeoutError') return new HttpError('deadline', atDeadline);
  return new HttpError('aborted', 'cancelled');
}

/**
 * The Python exception types integrations and the server tell apart (contract.md §A.5, §F.3): the
 * mirror job falls back to polling on NotImplementedError, CSP retries on ValueError, return_error
 * ends a command with SystemExit(0). Each keeps Python's class name so messages and tracebacks read
 * the same in both runtimes.
 */

export class NotImplementedError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'NotImplementedError';
  }
}

export class ValueError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'ValueError';
  }
}

/** `args['id']` on a missing key; like Python, the message is the quoted key. */
export class KeyError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`'${key}'`);
    this.name = 'KeyError';
    this.key = key;
  }
}

export class DemistoException extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'DemistoException';
  }
}

/**
 * `sys.exit(code)`. returnError throws SystemExit(0) to stop the handler; the runner swallows code 0
 * like the server loop does. A bare `catch {}` in a handler would swallow it too (Python's
 * `except Exception` does not, since SystemExit is a BaseException): rethrow when `isSystemExit(e)`.
 */
export class SystemExit extends Error {
  readonly code: number | string;
  constructor(code: number | string = 0) {
    super(typeof code === 'string' ? code : `exit ${code}`);
    this.name = 'SystemExit';
    this.code = code;
  }
}

export function isSystemExit(error: unknown): error is SystemExit {
  return error instanceof SystemExit;
}

/**
 * Coded errors (design.md §11). Message style: `<area>: failed to <verb> <object>: <reason>. <hint>`.
 * One status table maps codes to HTTP statuses for the express error middleware.
 */
export type HarnessErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'conflict'
  | 'unauthorized'
  | 'integration-failed'
  | 'runtime-missing'
  | 'unsupported';

export const HTTP_STATUS_BY_CODE: Record<HarnessErrorCode, number> = {
  'invalid-input': 400,
  unauthorized: 401,
  'not-found': 404,
  conflict: 409,
  unsupported: 422,
  'integration-failed': 502,
  'runtime-missing': 500,
};

export class HarnessError extends Error {
  readonly code: HarnessErrorCode;
  readonly details: unknown;
  constructor(code: HarnessErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'HarnessError';
    this.code = code;
    this.details = details;
  }
}

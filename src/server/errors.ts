// AppError, the one error type of the app: a code (its HTTP status), a message, field details and,
// for 409 and 422, a stable snake_case reason that the web apps translate.

export type ErrorCode = 'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'too_many_requests' | 'payload_too_large';

const statusOf: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
  payload_too_large: 413,
};

export interface FieldError {
  path: string;
  message: string;
  /** a 409 `conflicts_with_bookings` names the bookings in the way */
  bookingId?: string;
  startsAt?: string;
  endsAt?: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
    /** stable snake_case reason (409 and 422), which the web apps translate */
    readonly reason?: string,
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what = 'Not found') => new AppError('not_found', what);
export const forbidden = (why = 'You do not have permission to do this') => new AppError('forbidden', why);

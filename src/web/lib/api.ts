// Fetch wrapper for the Atrium JSON API: same-origin session cookie, errors thrown as ApiError with the status, the
// reason and the field paths that lib/error-messages.ts turns into words.

export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's English sentence: for logs and the console, never shown (lib/error-messages.ts words failures). */
    readonly serverMessage: string,
    readonly details: FieldIssue[] = [],
    /** The stable snake_case reason of a 409 or 422. */
    readonly reason?: string,
  ) {
    super(serverMessage || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

function withQuery(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function normalizeDetails(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.map((detail: { path?: unknown; message?: unknown }) => ({
    path: Array.isArray(detail.path) ? detail.path.join('.') : String(detail.path ?? ''),
    message: String(detail.message ?? ''),
  }));
}

async function request<T>(method: string, path: string, body?: unknown, extraHeaders?: Record<string, string>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      // Fastify rejects an empty body sent as JSON, so the content type goes only with a JSON body;
      // a FormData body (a file upload) gets its multipart content type, with the boundary, from the browser.
      headers: {
        ...(body === undefined || body instanceof FormData
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' }),
        ...extraHeaders,
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const data: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (data as { error?: { code?: string; message?: string; reason?: string; details?: unknown } } | undefined)?.error;
    throw new ApiError(response.status, error?.code ?? `http_${response.status}`, error?.message ?? '', normalizeDetails(error?.details), error?.reason);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  /** `headers` adds request headers, such as the Idempotency-Key of a request that must take effect once. */
  post: <T = void>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** DELETE; most answer 204 (nothing), some answer the resource as it is now. */
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** A multipart upload (FormData), like a file in the field "file". */
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

import type { ApiError, Result } from './bindings';

/**
 * A command failure reported by the Rust core. Pages catch it and show
 * `errorMessage(err.apiError)`; anything else that is thrown is a bug or a
 * missing backend, and is shown as an unexpected error.
 */
export class AppError extends Error {
  readonly apiError: ApiError;

  constructor(apiError: ApiError) {
    super(`IKP Desk command failed: ${describeCode(apiError)}`);
    this.name = 'AppError';
    this.apiError = apiError;
  }
}

/**
 * Turns a generated command's Result into its data, throwing AppError on failure,
 * so a page can write `const agencies = await unwrap(commands.listAgencies())`.
 */
export async function unwrap<T>(pending: Promise<Result<T, ApiError>>): Promise<T> {
  const result = await pending;
  if (result.status === 'ok') return result.data;
  throw new AppError(result.error);
}

export function isApiError(err: unknown, code: ApiError['code']): err is AppError {
  return err instanceof AppError && err.apiError.code === code;
}

// Tauri rejects with a bare string (not an ApiError) when a command is missing
// from the Rust side; keep the message readable in that case too.
function describeCode(apiError: ApiError): string {
  return typeof apiError === 'object' && apiError !== null && 'code' in apiError
    ? apiError.code
    : String(apiError);
}

import type { ApiError } from './bindings';

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

// The shape every generated command resolves to. Matched structurally rather
// than through the generated `Result` alias, which not every tauri-specta
// release exports.
type CommandOutcome = { status: 'ok'; data: unknown } | { status: 'error'; error: ApiError };
type OkData<R> = Extract<R, { status: 'ok' }> extends { data: infer T } ? T : never;

/**
 * Turns a generated command's result into its data, throwing AppError on failure,
 * so a page can write `const agencies = await unwrap(commands.listAgencies())`.
 */
export async function unwrap<R extends CommandOutcome>(pending: Promise<R>): Promise<OkData<R>> {
  const result: CommandOutcome = await pending;
  if (result.status === 'ok') return result.data as OkData<R>;
  throw new AppError(result.error);
}

// Tauri rejects with a bare string (not an ApiError) when a command is missing
// from the Rust side; keep the message readable in that case too.
function describeCode(apiError: ApiError): string {
  return typeof apiError === 'object' && apiError !== null && 'code' in apiError
    ? apiError.code
    : String(apiError);
}

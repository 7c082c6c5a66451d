import { AppError } from '../api';
import type { ApiError, InputProblem } from '../bindings';
import { t } from './language.svelte';

/** Fields picked from a list rather than typed. */
const CHOICE_FIELDS: ReadonlySet<string> = new Set(['role', 'agencyCode']);

/** The user-facing sentence for a field the core rejected, e.g. "Nama pengguna wajib diisi." */
export function inputProblemMessage(field: string, problem: InputProblem): string {
  const messages = t();
  const key = fieldKey(field);
  const label = messages.fieldNames[key] ?? messages.unknownField;
  if (problem === 'required' && CHOICE_FIELDS.has(key)) return messages.choiceRequired(label);
  return messages.inputProblems[problem](label);
}

/**
 * Plain-language text for every error the core can return. The switch is
 * exhaustive: adding a code on the Rust side makes this function fail to compile
 * until the new code has a message.
 */
export function errorMessage(err: ApiError): string {
  const messages = t();
  if (typeof err !== 'object' || err === null) return unhandled(err);
  switch (err.code) {
    case 'DeviceNotSetUp':
      return messages.errors.DeviceNotSetUp;
    case 'DeviceAlreadySetUp':
      return messages.errors.DeviceAlreadySetUp;
    case 'NotAuthorized':
      return messages.errors.NotAuthorized;
    case 'UnknownAgency':
      return messages.errors.UnknownAgency(err.detail.code);
    case 'InvalidInput':
      return inputProblemMessage(err.detail.field, err.detail.problem);
    case 'DemoAlreadyLoaded':
      return messages.errors.DemoAlreadyLoaded;
    case 'DatabaseTooNew':
      return messages.errors.DatabaseTooNew(err.detail.found, err.detail.supported);
    case 'CorruptEvent':
      return messages.errors.CorruptEvent(err.detail.id, err.detail.reason);
    case 'Storage':
      return messages.errors.Storage(err.detail.message);
    default:
      return unhandled(err);
  }
}

/** Text for anything a page caught: a core error, or a bug / missing backend. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) return errorMessage(err.apiError);
  return t().errors.unexpected(err instanceof Error ? err.message : stringify(err));
}

// Compile time: `err` must be `never` here, i.e. every code is handled above.
// Run time: Tauri may still hand over something else (a bare string when a
// command is not registered), which must not crash the page.
function unhandled(err: never): string {
  return t().errors.unexpected(stringify(err));
}

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The core may name fields in Rust style (user_name) or wire style (userName). */
export function fieldKey(field: string): string {
  return field.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

import { AppError } from '../api';
import type { ApiError, InputProblem } from '../bindings';
import { t } from './language.svelte';

/** Fields picked from a list rather than typed. */
const CHOICE_FIELDS: ReadonlySet<string> = new Set([
  'role',
  'agencyCode',
  'category',
  'leadAgency',
  'supportingAgencies',
  'direction',
  'indicatorId',
  'movement',
  'outcome',
]);

/** "indicators.1.target" → [1, "target"]: the core names indicator fields by position. */
const INDICATOR_FIELD = /^indicators\.(\d+)\.([A-Za-z_]+)$/;
/** "categories.2.label": a row of the Settings screen's category list. */
const CATEGORY_FIELD = /^categories\.(\d+)\.[A-Za-z_]+$/;
/** "evidence.foto.jpg": an evidence file the core could not find, by its file name. */
const EVIDENCE_FIELD = /^evidence\.(.+)$/;

/** The last part of a field path, in wire style: what decides "diisi" or "dipilih". */
function leafKey(field: string): string {
  const indicator = INDICATOR_FIELD.exec(field);
  return fieldKey(indicator ? (indicator[2] ?? field) : field);
}

/** The field as the user knows it: "Judul instruksi", "Target indikator 2". */
export function fieldLabel(field: string): string {
  const messages = t();
  const category = CATEGORY_FIELD.exec(field);
  if (category) return messages.categoryField(Number(category[1]) + 1);
  const indicator = INDICATOR_FIELD.exec(field);
  if (indicator) {
    const part = messages.indicatorFieldParts[fieldKey(indicator[2] ?? '')] ?? messages.unknownField;
    return messages.indicatorField(part, Number(indicator[1]) + 1);
  }
  return messages.fieldNames[fieldKey(field)] ?? messages.unknownField;
}

/** The user-facing sentence for a field the core rejected, e.g. "Nama pengguna wajib diisi." */
export function inputProblemMessage(field: string, problem: InputProblem): string {
  const messages = t();
  const evidence = EVIDENCE_FIELD.exec(field);
  if (evidence && problem === 'required') return messages.errors.evidenceMissing(evidence[1] ?? '');
  const label = fieldLabel(field);
  if (problem === 'required' && CHOICE_FIELDS.has(leafKey(field))) return messages.choiceRequired(label);
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
    case 'RootKey':
      return messages.rootKeyProblems[err.detail.problem];
    case 'AgencyInactive':
      return messages.errors.AgencyInactive(err.detail.code);
    case 'InvalidInput':
      return inputProblemMessage(err.detail.field, err.detail.problem);
    case 'UnknownInstruction':
      return messages.errors.UnknownInstruction;
    case 'UnknownIndicator':
      return messages.errors.UnknownIndicator;
    case 'IndicatorIsAutomatic':
      return messages.errors.IndicatorIsAutomatic;
    case 'InvalidTransition':
      return messages.errors.InvalidTransition(
        messages.statuses[err.detail.status],
        messages.actionVerbs[err.detail.action],
      );
    case 'EvidenceTooLarge':
      return messages.errors.EvidenceTooLarge(err.detail.fileName, err.detail.sizeMb, err.detail.limitMb);
    case 'InvalidNumberFormat':
      return messages.numberFormatProblems[err.detail.problem](err.detail.placeholder ?? '');
    case 'UnknownEvidence':
      return messages.errors.UnknownEvidence;
    case 'EvidenceNotViewable':
      return messages.errors.EvidenceNotViewable(err.detail.fileName);
    case 'DataFolderNotMoved':
      return messages.errors.DataFolderNotMoved(err.detail.from, err.detail.to);
    case 'DeviceKeyUnreadable':
      return messages.errors.DeviceKeyUnreadable(err.detail.path);
    case 'DemoAlreadyLoaded':
      return messages.errors.DemoAlreadyLoaded;
    case 'RestoredAwaitingHistory':
      return messages.errors.RestoredAwaitingHistory(err.detail.backup);
    case 'DatabaseTooNew':
      return messages.errors.DatabaseTooNew(err.detail.found, err.detail.supported);
    case 'CorruptEvent':
      return messages.errors.CorruptEvent(err.detail.id, err.detail.reason);
    case 'Storage':
      return messages.errors.Storage(err.detail.message);
    case 'UnknownNegotiation':
      return messages.errors.UnknownNegotiation;
    case 'NegotiationAlreadyOpen':
      return messages.errors.NegotiationAlreadyOpen;
    case 'NegotiationNotPending':
      return messages.errors.NegotiationNotPending(messages.negotiationStatuses[err.detail.status]);
    case 'UnknownDecision':
      return messages.errors.UnknownDecision;
    case 'DecisionAlreadyUndone':
      return messages.errors.DecisionAlreadyUndone;
    case 'UnknownMeeting':
      return messages.errors.UnknownMeeting;
    case 'MeetingClosed':
      return messages.errors.MeetingClosed;
    case 'MinutesFinalized':
      return messages.errors.MinutesFinalized;
    case 'MinutesNotFinalized':
      return messages.errors.MinutesNotFinalized;
    case 'UnknownAgendaItem':
      return messages.errors.UnknownAgendaItem;
    case 'UnknownFollowUp':
      return messages.errors.UnknownFollowUp;
    case 'ImportUnreadable':
      return messages.errors.ImportUnreadable(err.detail.reason);
    case 'ImportMissingColumns':
      return messages.errors.ImportMissingColumns(
        err.detail.columns.map((column) => messages.importColumns[column]).join(', '),
      );
    case 'UnknownComplaint':
      return messages.errors.UnknownComplaint(err.detail.trackingId);
    case 'InvalidComplaintTransition':
      return messages.errors.InvalidComplaintTransition(
        err.detail.trackingId,
        messages.complaintStatuses[err.detail.status],
        messages.complaintActions[err.detail.action],
      );
    case 'ComplaintProofRequired':
      return messages.errors.ComplaintProofRequired(err.detail.trackingId);
    case 'PlanImportMissingColumns':
      return messages.errors.ImportMissingColumns(
        err.detail.columns.map((column) => messages.sipd.planColumns[column]).join(', '),
      );
    case 'ComplaintImportMissingColumns':
      return messages.errors.ImportMissingColumns(
        err.detail.columns.map((column) => messages.complaintColumns[column]).join(', '),
      );
    case 'ImportHasProblems':
      return messages.errors.ImportHasProblems(err.detail.rows);
    case 'BundleUnreadable':
      return messages.errors.BundleUnreadable(messages.bundleProblems[err.detail.problem]);
    case 'BundleTooNew':
      return messages.errors.BundleTooNew(err.detail.producer);
    case 'BundleRefused': {
      const first = err.detail.refused[0];
      return messages.errors.BundleRefused(
        err.detail.total,
        first ? messages.eventRefusals[first.reason] : '',
      );
    }
    case 'NoTrustRoot':
      return messages.errors.NoTrustRoot;
    case 'TrustRootMismatch':
      return messages.errors.TrustRootMismatch(err.detail.offered, err.detail.pinned);
    case 'ExportTooLarge':
      return messages.errors.ExportTooLarge(err.detail.events, err.detail.maxEvents);
    case 'RootNotConfirmed':
      return messages.errors.RootNotConfirmed(err.detail.fingerprint);
    case 'UnknownBackup':
      return messages.errors.UnknownBackup(err.detail.name);
    case 'BackupDamaged':
      return messages.errors.BackupDamaged(err.detail.name);
    case 'SyncFolderUnusable':
      return messages.syncFolder.problems[err.detail.problem](err.detail.path);
    default:
      return unhandled(err);
  }
}

/** Text for anything a page caught: a core error, or a bug / missing backend. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) return errorMessage(err.apiError);
  return t().errors.unexpected(err instanceof Error ? err.message : stringify(err));
}

/** The core's InvalidInput, if that is what was caught: forms show it under the field. */
export function invalidInputOf(err: unknown): { field: string; problem: InputProblem } | null {
  if (err instanceof AppError && err.apiError.code === 'InvalidInput') {
    return { field: fieldKeyPath(err.apiError.detail.field), problem: err.apiError.detail.problem };
  }
  return null;
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

/** fieldKey for each part of a dotted path, keeping evidence file names as they are. */
function fieldKeyPath(field: string): string {
  if (EVIDENCE_FIELD.test(field)) return field;
  return field
    .split('.')
    .map((part) => fieldKey(part))
    .join('.');
}

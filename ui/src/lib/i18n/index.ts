export { t, language } from './language.svelte';
export { formatWib, timestampOf } from './format';
export { errorMessage, describeError, inputProblemMessage, fieldKey } from './errors';
export type { Lang, Messages } from './catalogue';

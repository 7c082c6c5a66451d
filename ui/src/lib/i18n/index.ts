export { t, language } from './language.svelte';
export {
  formatWib,
  timestampOf,
  formatDate,
  addOneMonth,
  daysBetween,
  formatQuantity,
  formatPermille,
  formatBytes,
  formatRupiah,
  formatRupiahShort,
  formatPoints,
} from './format';
export { errorMessage, describeError, inputProblemMessage, invalidInputOf, fieldKey, fieldLabel } from './errors';
export type { Lang, Messages } from './catalogue';

// The roles a laptop's user can claim at first start, in the order the setup page offers
// them. What each role may do is the core's (its duties); the page only needs to know
// which roles name an agency, to show the agency field (the core checks it again).
import type { Role } from './bindings';

export const SETUP_ROLES: readonly Role[] = [
  'regent',
  'vice_regent',
  'secretary',
  'assistant',
  'operator',
  'finance',
  'complaint_desk',
  'agency_staff',
];

const WITH_AGENCY: readonly Role[] = ['agency_staff', 'finance', 'complaint_desk', 'operator'];

export function worksForAnAgency(role: Role): boolean {
  return WITH_AGENCY.includes(role);
}

import type { Agency, AgencyKind } from './bindings';

// The order in which a regency's organisation chart is usually read: the
// secretariats first, then the technical offices, then the districts. Typed as a
// Record so a new AgencyKind from the core must be placed here explicitly.
const KIND_ORDER: Record<AgencyKind, number> = {
  sekretariat: 0,
  dinas: 1,
  badan: 2,
  lainnya: 3,
  kecamatan: 4,
};

export type AgencyGroup = { kind: AgencyKind; agencies: Agency[] };

/** Non-empty groups in KIND_ORDER; within a group the core's order is kept. */
export function groupByKind(agencies: readonly Agency[]): AgencyGroup[] {
  const groups = new Map<AgencyKind, Agency[]>();
  for (const agency of agencies) {
    const group = groups.get(agency.kind);
    if (group) group.push(agency);
    else groups.set(agency.kind, [agency]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => KIND_ORDER[a] - KIND_ORDER[b])
    .map(([kind, members]) => ({ kind, agencies: members }));
}

/** Case-insensitive match on everything a user might remember about an agency. */
export function matchesQuery(agency: Agency, query: string): boolean {
  const needle = query.trim().toLocaleLowerCase('id');
  if (needle === '') return true;
  return [agency.name, agency.shortName, agency.code, agency.headName ?? '', agency.headTitle ?? '']
    .some((text) => text.toLocaleLowerCase('id').includes(needle));
}

export function countOfKind(agencies: readonly Agency[], kind: AgencyKind): number {
  return agencies.filter((agency) => agency.kind === kind).length;
}

// What an event that arrived before the record it names is waiting for (the import
// report): the core gives the record's kind and id, the catalogue words it.

import type { RecordKind } from '../../bindings';

export const id = {
  waiting: {
    record: {
      instruction: 'instruksi',
      indicator: 'indikator',
      negotiation: 'permohonan perubahan target',
      decision: 'keputusan',
    } satisfies Record<RecordKind, string>,
    waitsFor: (kind: string, record: string, shortId: string) => `${kind} — menunggu ${record} ${shortId}`,
  },
};

export const en: typeof id = {
  waiting: {
    record: {
      instruction: 'instruction',
      indicator: 'indicator',
      negotiation: 'target change request',
      decision: 'decision',
    },
    waitsFor: (kind, record, shortId) => `${kind} — waits for ${record} ${shortId}`,
  },
};

// Evidence files chosen in a form: each is stored by the core (content-addressed) before
// the report that names it is sent, so a report never names a file this laptop lacks.
import { unwrap } from './api';
import { commands, type EvidenceRef } from './bindings';
import { fileToBase64 } from './instructions';

/**
 * Stores every chosen file and returns the references a report carries. `onfile` is told
 * which file is being stored, for a progress line.
 */
export async function attachFiles(
  files: Iterable<File> | FileList | null,
  onfile?: (name: string) => void,
): Promise<EvidenceRef[]> {
  const refs: EvidenceRef[] = [];
  for (const file of files === null ? [] : Array.from(files)) {
    onfile?.(file.name);
    refs.push(await unwrap(commands.attachEvidence(file.name, await fileToBase64(file))));
  }
  return refs;
}

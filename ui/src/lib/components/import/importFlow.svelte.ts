import { fileToBase64 } from '../../instructions';

// The round trip every import card makes: a file is chosen and read, the core previews
// it (writing nothing), the user corrects the column mapping and the core previews it
// again, and only the user's confirm imports it. What differs per kind of file (which
// commands, what the preview shows) is given by the card; the steps are here once.

/** A chosen file, read for the core. */
export type PickedFile = { name: string; base64: string };

/** A header read as a column, or left out (`null`): the shape of every `…ColumnChoice` in the bindings. */
export type ColumnChoiceOf<K extends string> = { header: string; column: K | null };

export type ImportSteps<P, R, K extends string> = {
  /** The core's reading of the file with these choices; it writes nothing. */
  preview: (file: PickedFile, choices: ColumnChoiceOf<K>[]) => Promise<P>;
  /** The import itself, of the file previewed; `skipBadRows` only when the user said so. */
  commit: (file: PickedFile, choices: ColumnChoiceOf<K>[], preview: P, skipBadRows: boolean) => Promise<R>;
  /** After the import went through (the card refreshes its page, closes its panel…). */
  onimported: (result: R) => void;
  /**
   * The choices after the user maps `header` to `column`. By default the user's own
   * choices, this one replacing an earlier one for the same header; a kind whose core
   * wants every header again builds them from the preview instead.
   */
  remap?: (choices: ColumnChoiceOf<K>[], preview: P, header: string, column: K | null) => ColumnChoiceOf<K>[];
};

export class ImportFlow<P, R, K extends string> {
  file = $state.raw<PickedFile | null>(null);
  choices = $state.raw<ColumnChoiceOf<K>[]>([]);
  preview = $state.raw<P | null>(null);
  /** The last import's result, until another file is chosen. */
  imported = $state.raw<R | null>(null);
  busy = $state<'preview' | 'import' | null>(null);
  failure = $state<unknown>(null);

  readonly #steps: ImportSteps<P, R, K>;
  /** The file field, emptied once its file is imported or set aside. */
  #input: HTMLInputElement | null = null;

  constructor(steps: ImportSteps<P, R, K>) {
    this.#steps = steps;
  }

  /** A file chosen in `input` (or the choice cleared): read it and preview it. */
  choose = async (input: HTMLInputElement): Promise<void> => {
    this.#input = input;
    const chosen = input.files?.[0];
    this.preview = null;
    this.imported = null;
    this.failure = null;
    this.file = null;
    this.choices = [];
    if (!chosen) return;
    try {
      this.file = { name: chosen.name, base64: await fileToBase64(chosen) };
    } catch (error) {
      this.failure = error;
      return;
    }
    await this.check();
  };

  /** Previews the chosen file again (the mapping or the source changed). */
  check = async (): Promise<void> => {
    if (this.file === null) return;
    this.busy = 'preview';
    this.failure = null;
    try {
      this.preview = await this.#steps.preview(this.file, this.choices);
    } catch (error) {
      this.preview = null;
      this.failure = error;
    } finally {
      this.busy = null;
    }
  };

  /** The user reads `header` as `column` (`null`: leaves it out); previewed again. */
  remap = (header: string, column: K | null): void => {
    if (this.preview === null) return;
    this.choices = this.#steps.remap
      ? this.#steps.remap(this.choices, this.preview, header, column)
      : [...this.choices.filter((choice) => choice.header !== header), { header, column }];
    void this.check();
  };

  /** The user's confirm: imports the file previewed, then clears the card for the next one. */
  commit = async (skipBadRows: boolean): Promise<void> => {
    if (this.file === null || this.preview === null || this.busy !== null) return;
    this.busy = 'import';
    this.failure = null;
    try {
      const result = await this.#steps.commit(this.file, this.choices, this.preview, skipBadRows);
      this.imported = result;
      this.clear();
      this.#steps.onimported(result);
    } catch (error) {
      this.failure = error;
    } finally {
      this.busy = null;
    }
  };

  /** Sets the file aside without importing it. */
  clear = (): void => {
    this.preview = null;
    this.file = null;
    if (this.#input) this.#input.value = '';
  };
}

import type { InputProblem } from './bindings';
import { inputProblemMessage, invalidInputOf } from './i18n';

/**
 * One form's round trip to the core: busy while it runs, "saved" after, and what went
 * wrong — a field the core named (shown under that field) or anything else (shown in
 * the banner). Every settings and master-data form shares it.
 */
export class Submission {
  busy = $state(false);
  saved = $state(false);
  problem = $state<{ field: string; problem: InputProblem } | null>(null);
  failure = $state<unknown>(null);

  /** Runs `work`; true when it went through. */
  async run(work: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.saved = false;
    this.problem = null;
    this.failure = null;
    try {
      await work();
      this.saved = true;
      return true;
    } catch (error) {
      this.problem = invalidInputOf(error);
      if (this.problem === null) this.failure = error;
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The core's words for `field`, when it is the field refused. */
  errorOf(field: string): string | null {
    return this.problem?.field === field ? inputProblemMessage(this.problem.field, this.problem.problem) : null;
  }

  /** The refused field's message, whichever field it is. */
  get message(): string | null {
    return this.problem === null ? null : inputProblemMessage(this.problem.field, this.problem.problem);
  }
}

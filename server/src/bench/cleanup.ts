import { progress } from './progress';

/**
 * What the bench started, undone in reverse order at the end of a run, after a failure, or on Ctrl-C,
 * so that no server process, port or `bench_` database is left behind.
 */
export class Cleanup {
  private readonly steps: { name: string; undo: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;

  add(name: string, undo: () => Promise<void>): void {
    this.steps.push({ name, undo });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.undo();
        } catch (err) {
          progress(`cleanup: ${step.name} failed: ${(err as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C or a kill: clean up, then exit with the signal's conventional status. */
  onSignals(): void {
    for (const [signal, status] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        progress(`${signal}: stopping the server and dropping the bench database`);
        void this.run().finally(() => process.exit(status));
      });
    }
  }
}

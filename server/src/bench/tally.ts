/** Counts answers that were not the expected one, by kind, so a run that measured failures says so. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(kind: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
  }

  get total(): number {
    let n = 0;
    for (const v of this.counts.values()) n += v;
    return n;
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  toString(): string {
    return [...this.counts].map(([k, v]) => `${k} ×${v}`).join(', ') || 'none';
  }
}

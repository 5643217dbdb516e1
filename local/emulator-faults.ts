// local: the injected faults both emulators keep — each fault fails the next `times` matching calls, oldest
// fault first; what a fault matches and what it answers is each emulator's own (its limits.ts).

/** A fault as injected: its spec, an id, and how many matching calls it still fails. */
export type Injected<Spec> = Spec & { readonly id: number; remaining: number };

export class FaultQueue<Spec extends { times?: number }> {
  private faults: Injected<Spec>[] = [];
  private nextId = 1;

  add(spec: Spec): Injected<Spec> {
    const fault: Injected<Spec> = { ...spec, id: this.nextId++, remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return fault;
  }

  get pending(): readonly Injected<Spec>[] {
    return this.faults.filter((f) => f.remaining > 0);
  }

  clear(): void {
    this.faults = [];
  }

  /** Uses up one call of the oldest fault that `matches`, and returns it; undefined when none matches. */
  protected use(matches: (fault: Spec) => boolean): Injected<Spec> | undefined {
    const fault = this.faults.find((f) => f.remaining > 0 && matches(f));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }
}

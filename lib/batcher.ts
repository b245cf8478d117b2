// Batching that costs nothing at low load: the first item goes out at once, alone; items that
// arrive while a batch is out wait for it and then go together, up to maxBatch. Under a crowd
// batches grow by themselves, so a fixed cost per call (a round trip, a commit) is shared.
// Used by the draw's Lua step (one script call per batch) and its group commit (one statement).
// With `linger`, a batch that would go out small right after another one (moderate load: a
// stream of items, but not enough to fill batches by themselves) waits a moment for company.

type Waiting<In, Out> = { item: In; resolve: (out: Out) => void; reject: (err: unknown) => void };

export type BatcherOptions = {
  maxBatch: number;
  /** Batches out at once (default 1). */
  maxParallel?: number;
  /** Called when the last batch is done and nothing waits: the owner may drop this batcher. */
  onIdle?: () => void;
  /**
   * After a batch, fewer than `items` waiting wait up to `ms` more for others (the first item
   * after a quiet spell never waits). Omitted or 0 ms: never.
   */
  linger?: { ms: number; items: number };
};

export class Batcher<In, Out> {
  private queue: Waiting<In, Out>[] = [];
  private running = 0;
  private lingering: NodeJS.Timeout | null = null;

  /** `run` answers each item of the batch, in order; if it throws, every item of the batch is rejected. */
  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly options: BatcherOptions,
  ) {}

  submit(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.lingering) this.pump();
      else if (this.queue.length >= this.options.linger!.items) this.stopLingering();
    });
  }

  /** `afterBatch`: a batch has just come back, so items are flowing and a small batch may linger. */
  private pump(afterBatch = false) {
    const linger = this.options.linger;
    if (afterBatch && linger && linger.ms > 0 && this.queue.length > 0 && this.queue.length < linger.items) {
      this.lingering = setTimeout(() => this.stopLingering(), linger.ms);
      return;
    }
    while (this.running < (this.options.maxParallel ?? 1) && this.queue.length > 0)
      this.send(this.queue.splice(0, this.options.maxBatch));
    if (this.running === 0) this.options.onIdle?.();
  }

  private stopLingering() {
    clearTimeout(this.lingering!);
    this.lingering = null;
    this.pump();
  }

  /**
   * The next batch goes out before the waiters of this one are answered: they go on to run
   * their own code (and, under a crowd, hundreds of them), which would otherwise hold the
   * next call back until they are all done.
   */
  private send(batch: Waiting<In, Out>[]) {
    this.running++;
    const done = (answer: (w: Waiting<In, Out>, i: number) => void) => {
      this.running--;
      if (!this.lingering) this.pump(true);
      batch.forEach(answer);
    };
    let call: Promise<Out[]>;
    try {
      call = this.run(batch.map((w) => w.item));
    } catch (err) {
      call = Promise.reject(err);
    }
    call.then(
      (answers) => {
        if (answers.length !== batch.length)
          return done((w) => w.reject(new Error(`a batch of ${batch.length} got ${answers.length} answers`)));
        done((w, i) => w.resolve(answers[i]!));
      },
      (err: unknown) => done((w) => w.reject(err)),
    );
  }
}

/**
 * Batchers kept per owner (a Redis connection) and key (an activity, a tenant: what one call
 * may touch), made on first use and dropped once idle.
 */
export function batchersBy<Owner extends object, In, Out>(
  options: Omit<BatcherOptions, 'onIdle'>,
  make: (owner: Owner, key: string) => (items: In[]) => Promise<Out[]>,
): (owner: Owner, key: string) => Batcher<In, Out> {
  const byOwner = new WeakMap<Owner, Map<string, Batcher<In, Out>>>();
  return (owner, key) => {
    let byKey = byOwner.get(owner);
    if (!byKey) byOwner.set(owner, (byKey = new Map()));
    let batcher = byKey.get(key);
    if (!batcher) {
      const mine = byKey;
      batcher = new Batcher(make(owner, key), { ...options, onIdle: () => mine.delete(key) });
      byKey.set(key, batcher);
    }
    return batcher;
  };
}

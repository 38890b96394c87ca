// Tracks slow jobs on the page (answers, indexing), so an app update waits for them to finish. Main thread.

export interface Activity {
  /** Marks the page busy until `job` settles; returns `job`. */
  track<T>(job: Promise<T>): Promise<T>;
  isBusy(): boolean;
  /** Resolves once no tracked job is running. */
  whenIdle(): Promise<void>;
}

export function createActivity(): Activity {
  let running = 0;
  let waiters: Array<() => void> = [];
  const settle = () => {
    running--;
    if (running > 0) return;
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };
  return {
    track(job) {
      running++;
      job.then(settle, settle);
      return job;
    },
    isBusy: () => running > 0,
    whenIdle: () => (running === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
  };
}

/** The page's one tracker: the Ask screen, on-device answers and the update prompt share it. */
export const pageActivity = createActivity();

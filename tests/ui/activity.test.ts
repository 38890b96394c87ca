// The page's job tracker, which holds an app update back until no answer or indexing job is running.

import { describe, expect, it } from 'vitest';
import { createActivity } from '../../src/ui/activity';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('createActivity', () => {
  it('is idle at once when nothing runs', async () => {
    const activity = createActivity();
    expect(activity.isBusy()).toBe(false);
    await expect(activity.whenIdle()).resolves.toBeUndefined();
  });

  it('waits for every tracked job, finished or failed', async () => {
    const activity = createActivity();
    const answer = deferred();
    const indexing = deferred();
    void activity.track(answer.promise);
    void activity.track(indexing.promise).catch(() => undefined);
    let idle = false;
    void activity.whenIdle().then(() => (idle = true));
    answer.resolve();
    await Promise.resolve();
    await Promise.resolve();
    expect(idle).toBe(false);
    expect(activity.isBusy()).toBe(true);
    indexing.reject(new Error('cancelled'));
    await new Promise((r) => setTimeout(r, 0));
    expect(idle).toBe(true);
    expect(activity.isBusy()).toBe(false);
  });
});

// Worker side of the protocol: dispatches requests to plain handler functions, forwards progress,
// and cancels cooperatively. Runs in a worker; tested in Node with a fake post function.

import { serializeError } from '../core/errors';
import { isRequestMessage, type Handlers, type OpMap, type ReplyMessage } from '../core/protocol';

export type PostReply<Ops extends OpMap> = (message: ReplyMessage<Ops>, transfer: ArrayBuffer[]) => void;

/** Returns the message listener for a worker. Unknown messages are ignored. */
export function createWorkerHost<Ops extends OpMap>(handlers: Handlers<Ops>, post: PostReply<Ops>) {
  const running = new Map<number, AbortController>();

  return async function onMessage(data: unknown): Promise<void> {
    if (!isRequestMessage(data)) return;
    const { id, op } = data;
    if (op === 'cancel') {
      running.get(id)?.abort();
      return;
    }
    if (op === 'ping') {
      post({ id, type: 'alive' }, []);
      return;
    }
    const handler = (handlers as Record<string, Handlers<Ops>[keyof Ops] | undefined>)[op];
    if (!handler) {
      post({ id, type: 'error', error: { code: 'unknown', detail: `Unknown operation "${op}"` } }, []);
      return;
    }
    const controller = new AbortController();
    running.set(id, controller);
    let transfer: ArrayBuffer[] = [];
    try {
      const result = await handler(data.payload as never, {
        signal: controller.signal,
        progress: (progress) => post({ id, type: 'progress', progress } as ReplyMessage<Ops>, []),
        transfer: (buffers) => {
          transfer = buffers;
        },
      });
      post({ id, type: 'result', result } as ReplyMessage<Ops>, transfer);
    } catch (error) {
      post({ id, type: 'error', error: serializeError(error) }, []);
    } finally {
      running.delete(id);
    }
  };
}

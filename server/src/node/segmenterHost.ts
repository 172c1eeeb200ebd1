// The segmenter's own thread: loads nodejieba once, at start, and answers requests at once.
// The CLI's --jobs workers ask it while the main thread is busy matching duplicates; the language
// server asks it so that the ~0.7 s load never blocks the thread that answers the editor.
import { parentPort, workerData } from 'node:worker_threads';
import { loadError, loadSegmenter } from './segmenter';
import { answerSegRequest, markSegmenterLoaded, type ChannelEnd, type SegRequest } from './segmenterChannel';

/** Posted to the parent once the dictionary is loaded (or failed to load: `error`). */
export interface SegmenterReady {
  readonly type: 'ready';
  readonly error?: string;
}

export interface SegmenterHostData {
  /** One channel per worker thread: its port and its shared answer buffer. */
  readonly channels: readonly ChannelEnd[];
}

const segmenter = loadSegmenter();
const { channels } = workerData as SegmenterHostData;
for (const { port, buffer } of channels) {
  port.on('message', (m: SegRequest) => answerSegRequest(m, buffer, segmenter));
}
markSegmenterLoaded(channels.map((c) => c.buffer));
parentPort?.postMessage({ type: 'ready', error: loadError } satisfies SegmenterReady);

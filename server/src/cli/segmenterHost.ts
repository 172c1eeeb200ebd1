// The segmenter's own thread (--jobs): loads nodejieba once, at start, while the workers parse, and
// answers their requests at once — the main thread, busy matching duplicates, never delays them.
import { workerData, type MessagePort } from 'node:worker_threads';
import { loadSegmenter } from '../node/segmenter';
import { answerSegRequest, type SegRequest } from './segmenterChannel';

export interface SegmenterHostData {
  /** One channel per worker thread: its port and its shared answer buffer. */
  readonly channels: readonly { readonly port: MessagePort; readonly buffer: SharedArrayBuffer }[];
}

const segmenter = loadSegmenter();
for (const { port, buffer } of (workerData as SegmenterHostData).channels) {
  port.on('message', (m: SegRequest) => answerSegRequest(m, buffer, segmenter));
}

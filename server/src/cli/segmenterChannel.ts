import type { MessagePort } from 'node:worker_threads';
import type { Segmenter } from '../core';

/**
 * One segmenter for all worker threads. nodejieba's dictionary costs ~0.8 s and ~240 MB per load,
 * so only one thread loads it (segmenterHost.ts); a worker asks it synchronously (the rules call
 * `cut` as a plain function): it posts the texts and sleeps on a shared buffer until the host has
 * written the answer there.
 *
 * Buffer layout: Int32 state (0 asked, 1 answered), Int32 byte length of the answer (−1: too
 * long), then the answer as UTF-8 JSON.
 */
const HEADER = 8;
const CAPACITY = 1 << 20;

export interface SegRequest {
  readonly type: 'seg';
  readonly op: 'cutAll' | 'dictionary';
  readonly texts?: readonly string[];
}

export function newChannelBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER + CAPACITY);
}

/** Worker side: a Segmenter whose calls block until the main thread answers. */
export function channelSegmenter(buffer: SharedArrayBuffer, port: MessagePort): Segmenter {
  const state = new Int32Array(buffer, 0, 2);
  const bytes = new Uint8Array(buffer, HEADER);
  const ask = (request: SegRequest): unknown => {
    Atomics.store(state, 0, 0);
    port.postMessage(request);
    Atomics.wait(state, 0, 0);
    const length = Atomics.load(state, 1);
    if (length < 0) throw new Error('segmentation answer too long for the worker channel');
    return JSON.parse(Buffer.from(bytes.slice(0, length)).toString('utf8'));
  };
  let dictionary: boolean | undefined;
  return {
    cut: (text) => (text.length === 0 ? [] : (ask({ type: 'seg', op: 'cutAll', texts: [text] }) as string[][])[0]),
    cutAll: (texts) => (texts.length === 0 ? [] : (ask({ type: 'seg', op: 'cutAll', texts }) as string[][])),
    get dictionary() {
      return (dictionary ??= ask({ type: 'seg', op: 'dictionary' }) as boolean);
    },
  };
}

/** Host side: answers one request with `segmenter`, writes the answer to `buffer` and wakes the asker. */
export function answerSegRequest(request: SegRequest, buffer: SharedArrayBuffer, segmenter: Segmenter): void {
  const state = new Int32Array(buffer, 0, 2);
  let answer: unknown;
  try {
    answer = request.op === 'cutAll' ? (request.texts ?? []).map((t) => segmenter.cut(t)) : segmenter.dictionary;
  } catch {
    answer = request.op === 'cutAll' ? (request.texts ?? []).map((t) => [...t]) : false;
  }
  const encoded = Buffer.from(JSON.stringify(answer), 'utf8');
  if (encoded.length > CAPACITY) Atomics.store(state, 1, -1);
  else {
    new Uint8Array(buffer, HEADER).set(encoded);
    Atomics.store(state, 1, encoded.length);
  }
  Atomics.store(state, 0, 1);
  Atomics.notify(state, 0);
}


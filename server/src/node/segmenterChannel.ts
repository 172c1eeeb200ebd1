import { join } from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Segmenter } from '../core';

/**
 * One segmenter in a thread of its own. nodejieba's dictionary costs ~0.7 s and ~220 MB per load,
 * so only one thread loads it (segmenterHost.ts), for all the CLI's workers or for the language
 * server; they ask it synchronously (the rules call `cut` as a plain function): the asker posts
 * the texts and sleeps on a shared buffer until the host has written the answer there.
 *
 * Buffer layout: Int32 state (0 asked, 1 answered), Int32 byte length of the answer (−1: too
 * long), Int32 loaded (1 once the host's segmenter is loaded: an asker may look before asking,
 * see `segmenterLoaded`), then the answer as UTF-8 JSON.
 */
const HEADER = 12;
const STATE = 0;
const LENGTH = 1;
const LOADED = 2;
const CAPACITY = 1 << 20;
const ANSWER_TIMEOUT_MS = 30_000;

export interface SegRequest {
  readonly type: 'seg';
  readonly op: 'cutAll' | 'dictionary';
  readonly texts?: readonly string[];
}

/** One end of a channel: the port requests travel on, and the buffer answers are written to. */
export interface ChannelEnd {
  readonly port: MessagePort;
  readonly buffer: SharedArrayBuffer;
}

/** A channel between one asker (`channelSegmenter(asker…)`) and the segmenter's thread (`host`). */
export function newChannel(): { readonly asker: ChannelEnd; readonly host: ChannelEnd } {
  const { port1, port2 } = new MessageChannel();
  const buffer = new SharedArrayBuffer(HEADER + CAPACITY);
  return { asker: { port: port1, buffer }, host: { port: port2, buffer } };
}

/** Starts the segmenter's thread (segmenterHost.ts), answering on the host ends of the channels. */
export function startSegmenterHost(hosts: readonly ChannelEnd[]): Worker {
  // From server/out/node, and from the CLI's bundle in server/out/cli (scripts/bundle.mjs).
  return new Worker(join(__dirname, '../node/segmenterHost.js'), { workerData: { channels: hosts }, transferList: hosts.map((h) => h.port) });
}

/**
 * The segmenter's thread for one asker in this thread (the language server, the CLI in one thread):
 * started now, its dictionary loading at once. Neither the thread nor the channel keeps the process
 * alive. The segmenter's calls wait for the load.
 */
export function startSegmenterThread(): { readonly thread: Worker; readonly segmenter: Segmenter } {
  const { asker, host } = newChannel();
  const thread = startSegmenterHost([host]);
  thread.unref();
  asker.port.unref();
  return { thread, segmenter: channelSegmenter(asker.buffer, asker.port) };
}

/** Whether the segmenter's thread has loaded its segmenter: asking now would not wait for the load. */
export function segmenterLoaded(buffer: SharedArrayBuffer): boolean {
  return Atomics.load(new Int32Array(buffer, 0, HEADER / 4), LOADED) === 1;
}

/** Waits until the segmenter's thread has loaded its segmenter; false if it did not in time. */
export function awaitSegmenter(buffer: SharedArrayBuffer, timeoutMs = ANSWER_TIMEOUT_MS): boolean {
  const header = new Int32Array(buffer, 0, HEADER / 4);
  return Atomics.wait(header, LOADED, 0, timeoutMs) !== 'timed-out' || Atomics.load(header, LOADED) === 1;
}

/** Host side: says on every channel that the segmenter is loaded (and wakes whoever waits for it). */
export function markSegmenterLoaded(buffers: readonly SharedArrayBuffer[]): void {
  for (const buffer of buffers) {
    const header = new Int32Array(buffer, 0, HEADER / 4);
    Atomics.store(header, LOADED, 1);
    Atomics.notify(header, LOADED);
  }
}

/** Asking side: a Segmenter whose calls block until the segmenter's thread answers. */
export function channelSegmenter(buffer: SharedArrayBuffer, port: MessagePort): Segmenter {
  const state = new Int32Array(buffer, 0, HEADER / 4);
  const bytes = new Uint8Array(buffer, HEADER);
  /** The host did not answer once: it is not asked again (each question would wait in vain). */
  let silent = false;
  const ask = (request: SegRequest): unknown => {
    if (silent) throw new Error('the word segmentation thread did not answer');
    Atomics.store(state, STATE, 0);
    port.postMessage(request);
    // A host that died never answers: the rule fails (and is said once) instead of the asker hanging.
    if (Atomics.wait(state, STATE, 0, ANSWER_TIMEOUT_MS) === 'timed-out') {
      silent = true;
      throw new Error('the word segmentation thread did not answer');
    }
    const length = Atomics.load(state, LENGTH);
    if (length < 0) return undefined;
    return JSON.parse(Buffer.from(bytes.slice(0, length)).toString('utf8'));
  };
  let dictionary: boolean | undefined;
  // An answer longer than the buffer is asked for again in halves.
  const cutAll = (texts: readonly string[]): string[][] => {
    if (texts.length === 0) return [];
    const answer = ask({ type: 'seg', op: 'cutAll', texts }) as string[][] | undefined;
    if (answer) return answer;
    if (texts.length === 1) throw new Error('segmentation answer too long for the channel');
    const half = texts.length >> 1;
    return [...cutAll(texts.slice(0, half)), ...cutAll(texts.slice(half))];
  };
  return {
    cut: (text) => (text.length === 0 ? [] : cutAll([text])[0]),
    cutAll,
    get dictionary() {
      return (dictionary ??= ask({ type: 'seg', op: 'dictionary' }) as boolean);
    },
  };
}

/** Host side: answers one request with `segmenter`, writes the answer to `buffer` and wakes the asker. */
export function answerSegRequest(request: SegRequest, buffer: SharedArrayBuffer, segmenter: Segmenter): void {
  const state = new Int32Array(buffer, 0, HEADER / 4);
  let answer: unknown;
  try {
    answer = request.op === 'cutAll' ? (request.texts ?? []).map((t) => segmenter.cut(t)) : segmenter.dictionary;
  } catch {
    answer = request.op === 'cutAll' ? (request.texts ?? []).map((t) => [...t]) : false;
  }
  const encoded = Buffer.from(JSON.stringify(answer), 'utf8');
  if (encoded.length > CAPACITY) Atomics.store(state, LENGTH, -1);
  else {
    new Uint8Array(buffer, HEADER).set(encoded);
    Atomics.store(state, LENGTH, encoded.length);
  }
  Atomics.store(state, STATE, 1);
  Atomics.notify(state, STATE);
}


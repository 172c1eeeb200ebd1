import type { Socket } from 'node:net';
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';

/**
 * The messages' JSON as the client reads it, each diagnostic encoded once. A full pull report
 * holds every diagnostic of the document again, most of them the very objects of the last one
 * (`convert.ts` keeps a diagnostic while its finding says the same in the same place): on the 1 MB
 * report, 1,000 diagnostics and 364 KB of JSON, `JSON.stringify` and UTF-8 encoding took ~2–4 ms
 * of a keystroke; copying the diagnostics' kept bytes ~0.3 ms (docs/performance-history.md).
 *
 * A diagnostic is never changed once made (its findings' moves make new ones), so its bytes are
 * kept by the object. `test/lsp/encode.test.ts` holds the bytes equal to `JSON.stringify`'s.
 */
const encoded = new WeakMap<object, Buffer>();

/** A list shorter than this is encoded with the rest of its message (a few hundred bytes at most). */
const FEW = 16;

/** Stands for the diagnostics in the envelope's JSON, where it is found once. */
const MARK = '\u0000diagnostics';
const MARK_JSON = JSON.stringify(MARK);

const COMMA = 0x2c;

/** The diagnostics a message carries: a pulled report's items, or pushed ones. */
function diagnosticsIn(msg: Message): readonly object[] | undefined {
  const m = msg as { result?: { items?: unknown }; params?: { diagnostics?: unknown } };
  const list = m.result?.items ?? m.params?.diagnostics;
  if (!Array.isArray(list) || list.length < FEW) return undefined;
  for (const d of list) if (typeof d !== 'object' || d === null) return undefined;
  return list as object[];
}

function bytesOf(d: object): Buffer {
  let b = encoded.get(d);
  if (b === undefined) {
    b = Buffer.from(JSON.stringify(d), 'utf8');
    encoded.set(d, b);
  }
  return b;
}

/**
 * The message's JSON around `list`, which it holds once: the text before the list and after it.
 * Undefined where the list is met twice, or the mark is found elsewhere in the message.
 */
function envelopeOf(msg: Message, list: readonly object[]): [string, string] | undefined {
  let marked = 0;
  const json = JSON.stringify(msg, (_key, value: unknown) => (value === list && ++marked === 1 ? MARK : value));
  const at = json.indexOf(MARK_JSON);
  if (marked !== 1 || json.indexOf(MARK_JSON, at + 1) >= 0) return undefined;
  return [json.slice(0, at), json.slice(at + MARK_JSON.length)];
}

/**
 * The message as it goes over the wire: its `Content-Length` header and its JSON in UTF-8, as
 * `JSON.stringify` writes it, in one buffer.
 */
export function frameMessage(msg: Message): Buffer {
  const list = diagnosticsIn(msg);
  const envelope = list && envelopeOf(msg, list);
  if (list === undefined || envelope === undefined) {
    // Encoded once: its length is the header's.
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    const header = `Content-Length: ${body.length}\r\n\r\n`;
    const out = Buffer.allocUnsafe(header.length + body.length);
    out.set(body, out.write(header, 0, 'ascii'));
    return out;
  }
  const head = Buffer.from(envelope[0] + '[', 'utf8');
  const tail = Buffer.from(']' + envelope[1], 'utf8');
  const parts = new Array<Buffer>(list.length);
  let size = head.length + tail.length + list.length - 1;
  for (let i = 0; i < list.length; i++) size += (parts[i] = bytesOf(list[i])).length;
  const header = `Content-Length: ${size}\r\n\r\n`;
  const out = Buffer.allocUnsafe(header.length + size);
  // `set`, not `Buffer#copy`: a built-in, where `copy` runs node's checks in JavaScript for each
  // part. The 1 MB report's 1,000 parts in their first calls: 0.26–0.59 ms against 0.34–1.43 ms
  // (a fresh process, five calls, three times each); alike once compiled.
  let o = out.write(header, 0, 'ascii');
  out.set(head, o);
  o += head.length;
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) out[o++] = COMMA;
    out.set(parts[i], o);
    o += parts[i].length;
  }
  out.set(tail, o);
  return out;
}

/**
 * Writes each message to the socket in one write, framed by `frameMessage`. vscode-jsonrpc's
 * stream writer encodes the whole message with `JSON.stringify` and writes its header and its
 * body apart, each behind a promise; like its IPC writer, this one reports a failed write as an
 * error event and does not wait for the write to finish.
 */
export class PipeMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errors = 0;

  constructor(private readonly socket: Socket) {
    super();
    socket.on('error', (error) => this.fireError(error));
    socket.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    let frame: Buffer;
    try {
      frame = frameMessage(msg);
    } catch (error) {
      this.fireError(error, msg, ++this.errors);
      return Promise.reject(error);
    }
    this.socket.write(frame, (error) => {
      if (error) this.fireError(error, msg, ++this.errors);
      else this.errors = 0;
    });
    return Promise.resolve();
  }

  end(): void {
    this.socket.end();
  }

  override dispose(): void {
    super.dispose();
    this.socket.destroy();
  }
}

/** The pipe's name in `--pipe=NAME` or `--pipe NAME` (vscode-languageclient's TransportKind.pipe). */
export function pipeArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--pipe') return argv[i + 1];
    if (argv[i].startsWith('--pipe=')) return argv[i].slice('--pipe='.length);
  }
  return undefined;
}

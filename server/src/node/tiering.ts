import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags of the command-line linter. V8 hands a function to its optimising compiler (TurboFan,
 * on background threads) once the function has used up an "interrupt budget" of executed bytecode;
 * V8's default budget (66 KB in Node 20) is made for long-lived pages and servers. A lint run is a
 * few hundred milliseconds to a few seconds: with the default, many moderately hot functions were
 * compiled and some compiled again, and on a 2-vCPU machine those compile threads took CPU from
 * the threads doing the work. With 1 MB (16×), only the hottest functions are optimised — same
 * output, in interleaved runs (docs/performance-history.md): the folder of 1,000 reports without
 * segmentation 4.17–4.91 → 3.79–4.02 s (six each; CPU 6.4–7.5 → 5.5–5.8 s), with all rules
 * 4.89–5.72 → 4.54–5.14 s; the 1 MB report 467 → 429 ms; a cold run on 100 KB 151 → 133 ms.
 * 512 KB and 2 MB did less for the folder. The language server keeps V8's default: there the
 * same change evened out the first keystrokes after opening but slowed the later ones.
 */
export const CLI_V8_FLAGS: readonly string[] = ['--interrupt-budget=1048576'];

/** Sets V8 flags at run time (before the code they should govern is compiled, for a code cache). */
export function setV8Flags(flags: readonly string[]): void {
  for (const flag of flags) setFlagsFromString(flag);
}

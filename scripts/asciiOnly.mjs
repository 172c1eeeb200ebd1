/**
 * The bundles written in ASCII alone. esbuild escapes non-ASCII characters in strings and
 * templates but leaves regular-expression literals and comments as written, and the rules' patterns
 * are full of Chinese: one such character makes V8 hold the whole source (~640 KB) as a two-byte
 * string, decoded from UTF-8 at every start and copied again when it is wrapped as a module. In
 * ASCII it is read as Latin-1: a cold `report-lint` ~14 ms sooner (docs/performance-history.md).
 *
 * Every character outside ASCII becomes `\uXXXX` (a UTF-16 unit; a pair for one outside the BMP),
 * which means the same character in a string, a template, an identifier, a comment, and a regular
 * expression with or without the `u` flag (there a pair of escaped surrogates is one code point).
 * An identity escape (`\。`, allowed without `u`) loses its backslash, or it would escape the `\u`.
 * What changes is the spelling a regular expression's `source` gives back, which the code only
 * joins into other patterns, where it means the same. Raw template text (`String.raw`, tagged
 * templates) would change; the bundles have none outside ASCII, and `asciiOnly` refuses a source
 * that names `String.raw` beside a non-ASCII character rather than guess.
 */

/** `source` with every non-ASCII UTF-16 unit written as `\uXXXX`. */
export function asciiOnly(source) {
  if (/String\.raw`[^`]*[^\x00-\x7f]/.test(source)) throw new Error('asciiOnly: String.raw with non-ASCII text would change meaning');
  let out = '';
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code < 0x80) continue;
    let backslashes = 0;
    while (source.charCodeAt(i - backslashes - 1) === 0x5c) backslashes++;
    // An odd run of backslashes escapes this character: the last one goes, the escape says it.
    out += source.slice(from, backslashes % 2 === 1 ? i - 1 : i) + `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    from = i + 1;
  }
  return out + source.slice(from);
}

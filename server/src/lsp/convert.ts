import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  SelectionRange,
  SymbolKind,
  type TextEdit,
  type WorkspaceSymbol,
} from 'vscode-languageserver/node';
import { displayName, folds, mergeFixes, outlineNodes, render, selectionChain, unknownDirectiveRules, type Analysis, type Finding, type HeadingKind, type Locale, type Message, type OutlineNode, type Position, type Span } from '../core';
import { sameJson } from './pullResults';
import type { SymbolEntry } from './service';

/**
 * Core data → LSP objects. The one place that turns offsets into line/character positions for
 * the editor (through the analysis' LineIndex, UTF-16 code units as LSP counts them).
 */

const SEVERITY: Record<Finding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export const SOURCE = 'report-lint';

/**
 * VS Code shows at most this many diagnostics per file: given more, it keeps the errors, then the
 * warnings, the information and the hints, each in the order given, and notes how many it left
 * out (`ExtHostDiagnostics._maxDiagnosticsPerFile`). The rest were converted, encoded, sent and
 * decoded for nothing: 3,800 per keystroke on a 1 MB report.
 */
export const MAX_DIAGNOSTICS = 1000;

/** The order VS Code keeps diagnostics in, by severity. */
const SEVERITY_RANK: Readonly<Record<Finding['severity'], number>> = { error: 0, warning: 1, info: 2, hint: 3 };

export function toDiagnostics(a: Analysis, uri: string, locale: Locale): Diagnostic[] {
  // Where the user writes a disable comment, a misspelt rule in it is said (the comment does
  // nothing for it). No rule's finding: no code, and no code actions.
  const unknown = unknownDirectiveRules(a.lines.text).map(
    (u): Diagnostic => ({ range: a.lines.rangeOf(u.span), severity: DiagnosticSeverity.Warning, source: SOURCE, message: render({ key: 'directive.unknown-rule', args: { name: u.name } }, locale) }),
  );
  const room = MAX_DIAGNOSTICS - unknown.length;
  if (a.findings.length <= room) {
    const all = diagnosticsOf(a, a.findings, uri, locale);
    return unknown.length > 0 ? all.concat(unknown) : all;
  }
  // The ones VS Code would keep, in the document's order, and in place of the rest one note
  // (within the limit, so that VS Code adds none of its own).
  const keep = room - 1;
  const bySeverity = [0, 0, 0, 0];
  for (const f of a.findings) bySeverity[SEVERITY_RANK[f.severity]]++;
  let cut = 0;
  let before = 0;
  while (before + bySeverity[cut] < keep) before += bySeverity[cut++];
  let quota = keep - before;
  const shown: Finding[] = [];
  let firstLeft: Finding | undefined;
  for (const f of a.findings) {
    const rank = SEVERITY_RANK[f.severity];
    if (rank < cut || (rank === cut && quota-- > 0)) shown.push(f);
    else firstLeft ??= f;
  }
  const left = a.findings.length - keep;
  const note: Diagnostic = { range: a.lines.rangeOf(firstLeft!.span), severity: DiagnosticSeverity.Information, source: SOURCE, message: render({ key: 'server.diagnostics-limit', args: { count: left, limit: keep } }, locale) };
  return [...diagnosticsOf(a, shown, uri, locale), note, ...unknown];
}

/**
 * The last diagnostics made for each document, one per finding shown of its analysis (all of them,
 * or those kept under VS Code's limit). An edit keeps most findings: the very objects before it
 * (the paragraph rules and the duplicates carry them over), copies moved by its length after it
 * (the paragraph rules'), and rules that run again make the same findings anew. A finding keeps
 * its diagnostic when it says the same as one of the last version's (`sameMessage`) and each of its
 * places (its span, its related spans here) shows where that one's did: the same offsets before
 * the first line that moved, or offsets moved by the edit's length after the last line that moved
 * otherwise, when no line came or went (`samePlace`).
 */
const made = new Map<string, { readonly analysis: Analysis; readonly findings: readonly Finding[]; readonly locale: Locale; readonly items: Diagnostic[] }>();

/** The diagnostics of `shown` (`a`'s findings, or some of them, in order), those the last version made kept where they still hold. */
function diagnosticsOf(a: Analysis, shown: readonly Finding[], uri: string, locale: Locale): Diagnostic[] {
  const last = made.get(uri);
  if (last !== undefined && last.analysis === a && last.findings === shown && last.locale === locale) return last.items;
  const items = new Array<Diagnostic>(shown.length);
  const before = last !== undefined && last.locale === locale ? last.findings : [];
  const lines = last?.analysis.lines;
  const delta = a.lines.text.length - (lines?.text.length ?? 0);
  const at: Moves = before.length > 0 ? { limit: lines!.samePositionsBefore(a.lines), delta, from: a.lines.movedLinesFrom(lines!, delta) } : { limit: 0, delta, from: Infinity };
  // Both in document order: one cursor for the findings kept in place, one for those moved.
  let j = 0;
  let m = 0;
  for (let i = 0; i < shown.length; i++) {
    const f = shown[i];
    const start = f.span.start;
    let k = -1;
    if (f.span.end < at.limit) k = indexOfMoved(before, (j = firstAt(before, j, start)), f, 0, at);
    if (k < 0 && start - delta >= at.from) k = indexOfMoved(before, (m = firstAt(before, m, start - delta)), f, delta, at);
    items[i] = k >= 0 ? last!.items[k] : toDiagnostic(a, f, uri, locale);
  }
  made.set(uri, { analysis: a, findings: shown, locale, items });
  return items;
}

/** The first of `findings`, from `k` on, that does not start before `at`. */
function firstAt(findings: readonly Finding[], k: number, at: number): number {
  while (k < findings.length && findings[k].span.start < at) k++;
  return k;
}

/**
 * How positions moved from the last version to this one: offsets before `limit` have the same
 * positions in both; offsets from `from` on (in the last version) the same once moved by `delta`.
 */
interface Moves {
  readonly limit: number;
  readonly delta: number;
  readonly from: number;
}

/** Which of `findings` (from `k` on, those starting where `f` started before it moved by `shift`) shows as `f` does; -1 if none. */
function indexOfMoved(findings: readonly Finding[], k: number, f: Finding, shift: number, at: Moves): number {
  for (const start = f.span.start - shift; k < findings.length && findings[k].span.start === start; k++) if (movedBy(findings[k], f, at)) return k;
  return -1;
}

/** Whether `f`'s diagnostic would be `g`'s: it says the same, and at the same positions. */
function movedBy(g: Finding, f: Finding, at: Moves): boolean {
  if (!samePlace(f.span, g.span, at)) return false;
  if (f !== g && (f.rule !== g.rule || f.severity !== g.severity || f.related.length !== g.related.length || !sameMessage(f.message, g.message))) return false;
  for (let r = 0; r < f.related.length; r++) {
    const x = f.related[r];
    const y = g.related[r];
    if (x !== y && (x.uri !== y.uri || !sameMessage(x.message, y.message) || !sameJson(x.range, y.range))) return false;
    if (x.uri === undefined && x.range === undefined && !samePlace(x.span, y.span, at)) return false;
  }
  return true;
}

/**
 * Whether span `x` of this version shows at the positions span `y` of the last one showed at:
 * the same offsets before the first line that moved, or moved by the edit's length from the last
 * line that moved otherwise on. A copy after the edit whose source is before it has one of each.
 */
function samePlace(x: Span, y: Span, at: Moves): boolean {
  const shift = x.start - y.start;
  if (x.end - y.end !== shift) return false;
  return (shift === 0 && x.end < at.limit) || (shift === at.delta && y.start >= at.from);
}

/**
 * Whether two messages read the same in every language: the same object, or the same key with the
 * same arguments. Rules that run again on every version (the document rules, figure-conflict's
 * findings rebuilt, a copy's whose source moved) make their messages anew: compared by identity,
 * ~330 of the 1,000 diagnostics shown for the 1 MB report, ~80 of the 100 KB report's ~230, were
 * made again at every keystroke, most of them the same as before.
 */
function sameMessage(a: Message, b: Message): boolean {
  return a === b || (a.key === b.key && sameJson(a.args, b.args));
}

/** The document was closed: its last diagnostics are not kept. */
export function forgetDiagnostics(uri: string): void {
  made.delete(uri);
}

/**
 * One finding as a diagnostic. No `data`: nothing reads it back (code actions are found from the
 * analysis), and on a 1 MB report with 3,800 findings it was ~190 KB of every pull's JSON. No
 * empty `relatedInformation` either (optional; ~9 % of a pull's bytes, most findings have none).
 */
function toDiagnostic(a: Analysis, f: Finding, uri: string, locale: Locale): Diagnostic {
  const diagnostic: Diagnostic = { range: a.lines.rangeOf(f.span), severity: SEVERITY[f.severity], code: f.rule, source: SOURCE, message: render(f.message, locale) };
  if (f.related.length > 0) {
    diagnostic.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range ?? a.lines.rangeOf(r.span) }, message: render(r.message, locale) }));
  }
  return diagnostic;
}

const SYMBOL_KIND: Record<HeadingKind, SymbolKind> = {
  'front-matter': SymbolKind.File,
  part: SymbolKind.Namespace,
  numbered: SymbolKind.Class,
  markdown: SymbolKind.Class,
  news: SymbolKind.Class,
  'lead-in': SymbolKind.String,
  enum: SymbolKind.EnumMember,
};

export function toDocumentSymbols(a: Analysis): DocumentSymbol[] {
  const convert = (n: OutlineNode): DocumentSymbol => ({
    name: n.name || '…',
    // The outline view shows the detail beside the name: the section's length at a glance.
    detail: `${n.chars.toLocaleString('en-US')} 字`,
    kind: SYMBOL_KIND[n.kind],
    range: a.lines.rangeOf(n.span),
    selectionRange: a.lines.rangeOf(n.selection),
    children: n.children.map(convert),
  });
  return outlineNodes(a.doc).map(convert);
}

/** One range per start line (the outermost wins): editors keep only one fold per line. */
export function toFoldingRanges(a: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  const used = new Set<number>();
  for (const f of folds(a.doc)) {
    const start = a.lines.lineAt(f.span.start);
    const end = a.lines.lineAt(f.span.end);
    if (end <= start || used.has(start)) continue;
    used.add(start);
    out.push({ startLine: start, endLine: end, kind: f.kind === 'front-matter' ? FoldingRangeKind.Imports : FoldingRangeKind.Region });
  }
  return out;
}

export function toSelectionRanges(a: Analysis, positions: readonly Position[]): SelectionRange[] {
  return positions.map((p) => {
    const chain = selectionChain(a.doc, a.lines.offsetAt(p));
    let range: SelectionRange | undefined;
    for (let i = chain.length - 1; i >= 0; i--) range = { range: a.lines.rangeOf(chain[i]), parent: range };
    return range ?? { range: { start: p, end: p } };
  });
}

/** Quick fixes for the findings that touch `[start, end]`, and the safe fix-all when asked. */
export function toCodeActions(a: Analysis, uri: string, locale: Locale, start: number, end: number, only: readonly string[] | undefined, canAccept: boolean): CodeAction[] {
  const actions: CodeAction[] = [];
  // Made for the findings in reach only: the editor asks for actions at every move of the cursor.
  const made: Diagnostic[] = [];
  const diagnostic = (i: number) => (made[i] ??= toDiagnostic(a, a.findings[i], uri, locale));
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
  if (wants(CodeActionKind.QuickFix)) {
    a.findings.forEach((f, i) => {
      if (!f.fix || f.span.end < start || f.span.start > end) return;
      const edits: TextEdit[] = f.fix.edits.map((e) => ({ range: a.lines.rangeOf(e.span), newText: e.newText }));
      actions.push({
        title: render(f.fix.title, locale),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic(i)],
        isPreferred: f.fix.safe,
        edit: { changes: { [uri]: edits } },
      });
    });
  }
  if (wants(CodeActionKind.QuickFix)) {
    // A copy: jump to the other one (in this file or another).
    a.findings.forEach((f, i) => {
      const other = f.related[0];
      if (f.category !== 'duplicate' || !other || f.span.end < start || f.span.start > end) return;
      const range = other.range ?? a.lines.rangeOf(other.span);
      const file = other.uri ? displayName(other.uri) : undefined;
      const title = render({ key: file ? 'action.go-to-copy-file' : 'action.go-to-copy', args: { line: range.start.line + 1, file: file ?? '' } }, locale);
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic(i)], command: { title, command: SHOW_LOCATION, arguments: [{ uri: other.uri ?? uri, range }] } });
    });
  }
  if (wants(CodeActionKind.QuickFix)) {
    // Last in the menu: switch the rule off for this workspace (the client edits the settings).
    // A loop: flatMap made an array per finding (2,400 on the 1 MB report, at every request).
    const touching: number[] = [];
    a.findings.forEach((f, i) => {
      if (f.span.end >= start && f.span.start <= end) touching.push(i);
    });
    // Accept one finding (plain text cannot carry a disable comment that would not be printed), in
    // the suppressions file of the document's workspace folder: none outside the folders.
    if (canAccept) {
      for (const i of touching) {
        const title = render({ key: 'action.accept', args: { rule: a.findings[i].rule } }, locale);
        const f = a.findings[i];
        const at: FindingRef = { rule: f.rule, start: f.span.start, end: f.span.end };
        actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic(i)], command: { title, command: ACCEPT_FINDING, arguments: [uri, i, at] } });
      }
    }
    for (const rule of new Set(touching.map((i) => a.findings[i].rule))) {
      const title = render({ key: 'action.disable-rule', args: { rule } }, locale);
      const related = touching.filter((i) => a.findings[i].rule === rule).map(diagnostic);
      actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: related, command: { title, command: DISABLE_RULE, arguments: [rule] } });
    }
  }
  if (only && wants(FIX_ALL)) {
    const edits = safeEdits(a);
    if (edits.length > 0) actions.push({ title: render({ key: 'action.fix-all' }, locale), kind: FIX_ALL, edit: { changes: { [uri]: edits } } });
  }
  return actions;
}

export const FIX_ALL = `${CodeActionKind.SourceFixAll}.reportLint`;
/**
 * The finding an "accept" action was offered for. The analysis can change under an open menu with
 * no edit of the document (word segmentation arrives, other reports enter the cross-file index),
 * so the index alone could name another finding by the time the user clicks.
 */
export interface FindingRef {
  readonly rule: string;
  readonly start: number;
  readonly end: number;
}

/** The finding `at` names: at `index` if it is still there, else wherever it went; undefined when it is gone. */
export function findingAt(findings: readonly Finding[], index: number, at: FindingRef): Finding | undefined {
  const same = (f: Finding | undefined) => f !== undefined && f.rule === at.rule && f.span.start === at.start && f.span.end === at.end;
  return same(findings[index]) ? findings[index] : findings.find(same);
}

/** Server command: records a finding in the workspace's .reportlint-suppressions.json. */
export const ACCEPT_FINDING = 'reportLint.acceptFinding';
/** Client command that sets `reportLint.rules.<rule>` to "off" in the workspace settings. */
export const DISABLE_RULE = 'reportLint.disableRule';
/** Command that opens a location in the editor (the server asks the client with window/showDocument). */
export const SHOW_LOCATION = 'reportLint.showLocation';

/** The safe fixes of all findings, without overlaps. */
function safeEdits(a: Analysis): TextEdit[] {
  return mergeFixes(a.findings).map((e) => ({ range: a.lines.rangeOf(e.span), newText: e.newText }));
}

/** Every fix of heading-sequence at once: each series renumbered (the "renumber headings" command). */
export function toRenumberEdits(a: Analysis): TextEdit[] {
  return mergeFixes(a.findings, (f) => f.rule === 'heading-sequence' && f.fix !== undefined).map((e) => ({ range: a.lines.rangeOf(e.span), newText: e.newText }));
}

/**
 * Ctrl+T: headings of the workspace's reports whose name contains the query's characters in order
 * (as the editor's own fuzzy filter does), at most MAX_SYMBOLS.
 */
const MAX_SYMBOLS = 500;

export function toWorkspaceSymbols(entries: readonly SymbolEntry[], query: string): WorkspaceSymbol[] {
  const q = Array.from(query.replace(/\s+/g, '').toLowerCase());
  const matches = (name: string) => {
    const n = name.toLowerCase();
    let at = 0;
    for (const c of q) {
      at = n.indexOf(c, at);
      if (at < 0) return false;
      at += c.length;
    }
    return true;
  };
  const out: WorkspaceSymbol[] = [];
  for (const e of entries) {
    if (!matches(e.name)) continue;
    out.push({ name: e.name, kind: SYMBOL_KIND[e.kind], location: { uri: e.uri, range: e.range }, containerName: e.container });
    if (out.length === MAX_SYMBOLS) break;
  }
  return out;
}

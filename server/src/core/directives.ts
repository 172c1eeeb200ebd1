import type { Finding, RuleId, Span } from './model';
import { RULE_CATEGORIES } from './model';
import type { LineIndex } from './text/lineIndex';

/**
 * Inline switches, as HTML comments (invisible when markdown is rendered):
 *
 *     <!-- report-lint-disable stray-latin -->      off from here (all rules when none named)
 *     <!-- report-lint-enable stray-latin -->       on again
 *     <!-- report-lint-disable-next-line figure-sum -->   the next non-blank line only
 *     <!-- report-lint-disable-line -->             the comment's own line
 *
 * Rule names are separated by spaces or commas. A finding is switched off by the state at its
 * first character. Unknown names are left out (`unknownDirectiveRules` names them); a comment
 * that names only unknown rules switches nothing — a misspelt rule must not switch off them all.
 */
export interface DirectiveResult {
  readonly findings: readonly Finding[];
  /** How many findings the comments switched off. */
  readonly disabled: number;
}

const DIRECTIVE = /<!--\s*report-lint-(disable-next-line|disable-line|disable|enable)\b([^>]{0,500}?)-->/g;

interface Switch {
  readonly at: number;
  readonly on: boolean;
  /** Undefined: every rule. */
  readonly rules?: ReadonlySet<RuleId>;
}

/** A disable or enable comment as written: its kind, where it starts and ends, the names it gives. */
interface Directive {
  readonly kind: string;
  readonly at: number;
  readonly end: number;
  readonly names: readonly { readonly name: string; readonly span: Span; readonly known: boolean }[];
}

/** The disable and enable comments of `text`, in order (none without a `report-lint-`). */
function* directives(text: string): Generator<Directive> {
  if (!text.includes('report-lint-')) return;
  for (const m of text.matchAll(DIRECTIVE)) {
    const namesAt = m.index! + m[0].length - 3 - m[2].length;
    const names = [...m[2].matchAll(/[^\s,]+/g)].map((n) => ({
      name: n[0],
      span: { start: namesAt + n.index!, end: namesAt + n.index! + n[0].length },
      known: Object.hasOwn(RULE_CATEGORIES, n[0]),
    }));
    yield { kind: m[1], at: m.index!, end: m.index! + m[0].length, names };
  }
}

export function applyDirectives(text: string, lines: LineIndex, findings: readonly Finding[]): DirectiveResult {
  const switches: Switch[] = [];
  const lineOff: { line: number; rules?: ReadonlySet<RuleId> }[] = [];
  for (const d of directives(text)) {
    const known = d.names.filter((n) => n.known).map((n) => n.name as RuleId);
    if (d.names.length > 0 && known.length === 0) continue;
    const rules = known.length ? new Set(known) : undefined;
    const at = d.at;
    if (d.kind === 'disable') switches.push({ at, on: false, rules });
    else if (d.kind === 'enable') switches.push({ at, on: true, rules });
    else if (d.kind === 'disable-line') lineOff.push({ line: lines.lineAt(at), rules });
    else {
      let line = lines.lineAt(d.end) + 1;
      while (line < lines.lineCount && text.slice(lines.offsetAt({ line, character: 0 }), lines.offsetAt({ line: line + 1, character: 0 })).trim() === '') line++;
      lineOff.push({ line, rules });
    }
  }
  if (switches.length === 0 && lineOff.length === 0) return { findings, disabled: 0 };
  const isOff = (f: Finding): boolean => {
    const line = lines.lineAt(f.span.start);
    if (lineOff.some((l) => l.line === line && (!l.rules || l.rules.has(f.rule)))) return true;
    let off = false;
    for (const s of switches) {
      if (s.at > f.span.start) break;
      if (!s.rules || s.rules.has(f.rule)) off = !s.on;
    }
    return off;
  };
  const kept = findings.filter((f) => !isOff(f));
  return { findings: kept, disabled: findings.length - kept.length };
}

/** The rule names in disable and enable comments that are no rule's (misspelt), where they stand. */
export function unknownDirectiveRules(text: string): { readonly span: Span; readonly name: string }[] {
  const out: { span: Span; name: string }[] = [];
  for (const d of directives(text)) for (const n of d.names) if (!n.known) out.push({ span: n.span, name: n.name });
  return out;
}

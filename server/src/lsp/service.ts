import {
  analyzeDoc,
  analyzePending,
  withPending,
  DEFAULT_CROSS_FILE_SEVERITY,
  DEFAULT_DUP_OPTIONS,
  DuplicateCorpus,
  hanRatio,
  lineIndexOf,
  type LineIndex,
  mergeConfigs,
  isSection,
  outlineNodes,
  parseReport,
  RULES,
  rulesOff,
  validateConfig,
  optionProblem,
  RULE_OPTIONS,
  type Analysis,
  type Finding,
  type HeadingKind,
  type LintConfig,
  type Lineage,
  type Locale,
  type OutlineNode,
  type Range,
  type ReportDoc,
  type RuleId,
  type RuleSetting,
  type Segmenter,
} from '../core';

/** What the server is told by the client (initializationOptions and the reportLint settings). */
export interface ServerSettings {
  /** Serve plaintext and markdown documents whose text is mostly Chinese. */
  serveChinesePlainText: boolean;
  /** 'auto' follows the client's locale. */
  locale: 'auto' | Locale;
  /** Rule severities and options, from the reportLint.* settings. */
  config: LintConfig;
  /** Quiet time after a change before the diagnostics are computed, in ms. */
  debounce: number;
  /** Documents longer than this (characters) get the outline and the structure rules only. */
  maxDocumentLength: number;
  /**
   * The cross-file index takes closed workspace reports up to this many characters in all (open
   * documents always enter it). It holds ~19 bytes per character: without a bound, a workspace of
   * large report-named files ran the server out of memory (2 GB of text: a crash after 4.5 min).
   */
  maxIndexedLength: number;
  /** Settings that were ignored because they are not valid, `key: why`. */
  problems: readonly string[];
}

export const DEFAULT_SETTINGS: ServerSettings = { serveChinesePlainText: true, locale: 'auto', config: {}, debounce: 200, maxDocumentLength: 4_000_000, maxIndexedLength: 10_000_000, problems: [] };

/**
 * The `reportLint` settings section → server settings. `reportLint.rules` gives each rule a level
 * or `[level, options]`; the `reportLint.duplicates.*` settings are the duplicate rules' options
 * and merge into whatever level the rules setting gives them. An invalid entry is left out and
 * named in `problems`, so one typo does not switch every setting off.
 */
export function readSettings(value: unknown): ServerSettings {
  const v = (value ?? {}) as Record<string, unknown>;
  const dup = (v.duplicates ?? {}) as Record<string, unknown>;
  const problems: string[] = [];
  const rules: Partial<Record<RuleId, RuleSetting>> = {};
  if (v.rules !== undefined) {
    const errors = validateConfig({ rules: v.rules });
    for (const e of errors) problems.push(`reportLint.${e.key}: ${e.message}`);
    const bad = new Set(errors.map((e) => e.key));
    if (typeof v.rules === 'object' && v.rules !== null && !Array.isArray(v.rules)) {
      for (const [id, setting] of Object.entries(v.rules as Record<string, unknown>)) {
        if (!bad.has(`rules.${id}`)) rules[id as RuleId] = setting as never;
      }
    }
  }
  /** Whether the setting of this option is invalid (named in `problems` once). */
  const problem = (id: RuleId, k: string) => {
    const p = optionProblem(RULE_OPTIONS[id]![k], dup[k]);
    if (p && !problems.some((q) => q.startsWith(`reportLint.duplicates.${k}:`))) problems.push(`reportLint.duplicates.${k}: ${p}`);
    return p !== undefined;
  };
  // VS Code sends every setting with its default: only values that differ from the defaults are
  // options the user chose, and only those override a .reportlintrc.json.
  const withOptions = (id: RuleId) => {
    const chosen = Object.keys(RULE_OPTIONS[id]!).filter((k) => dup[k] !== undefined && dup[k] !== DUPLICATE_DEFAULTS[k]);
    const options = Object.fromEntries(chosen.filter((k) => !problem(id, k)).map((k) => [k, dup[k]]));
    const given = rules[id];
    if (Object.keys(options).length === 0) return;
    const level = given === undefined ? RULES.find((r) => r.meta.id === id)!.meta.defaultSeverity : typeof given === 'string' ? given : given[0];
    const own = given !== undefined && typeof given !== 'string' ? given[1] : {};
    rules[id] = [level, { ...options, ...own }];
  };
  withOptions('duplicate-paragraph');
  withOptions('duplicate-passage');
  const debounce = typeof v.debounce === 'number' && v.debounce >= 0 && v.debounce <= 5000 ? v.debounce : DEFAULT_SETTINGS.debounce;
  const maxDocumentLength = typeof v.maxDocumentLength === 'number' && v.maxDocumentLength >= 1000 ? v.maxDocumentLength : DEFAULT_SETTINGS.maxDocumentLength;
  const maxIndexedLength = typeof v.maxIndexedLength === 'number' && v.maxIndexedLength >= 0 ? v.maxIndexedLength : DEFAULT_SETTINGS.maxIndexedLength;
  return {
    serveChinesePlainText: typeof v.serveChinesePlainText === 'boolean' ? v.serveChinesePlainText : DEFAULT_SETTINGS.serveChinesePlainText,
    locale: v.locale === 'zh-cn' || v.locale === 'en' ? v.locale : 'auto',
    config: { rules },
    debounce,
    maxDocumentLength,
    maxIndexedLength,
    problems,
  };
}

/** The duplicate rules' defaults, which the reportLint.duplicates.* settings default to. */
const DUPLICATE_DEFAULTS: Record<string, unknown> = { ...DEFAULT_DUP_OPTIONS, crossFileSeverity: DEFAULT_CROSS_FILE_SEVERITY };

/** What the workspace's project files add to the settings (see project.ts). */
export interface ProjectConfig {
  configFor(uri: string): LintConfig | undefined;
  filter(uri: string, doc: ReportDoc, findings: readonly Finding[]): readonly Finding[];
}

/** A heading as Ctrl+T lists it. */
export interface SymbolEntry {
  readonly uri: string;
  readonly name: string;
  readonly kind: HeadingKind;
  readonly range: Range;
  readonly container?: string;
}

function symbolsOf(uri: string, doc: ReportDoc, lines: LineIndex): SymbolEntry[] {
  const out: SymbolEntry[] = [];
  const walk = (n: OutlineNode, container: string | undefined) => {
    if (!isSection(n.kind)) return;
    out.push({ uri, name: n.name, kind: n.kind, range: lines.rangeOf(n.selection), container });
    for (const c of n.children) walk(c, n.kind === 'front-matter' ? container : n.name);
  };
  for (const n of outlineNodes(doc)) walk(n, undefined);
  return out;
}

/** The configuration of an oversized document: every rule but the structure rules off. */
const STRUCTURE_ONLY: LintConfig = rulesOff(RULES.filter((r) => r.meta.category !== 'structure').map((r) => r.meta.id));

/** Han characters among the non-space characters above which plain text counts as a report. */
const CHINESE_SHARE = 0.3;

export interface DocumentLike {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

interface Entry {
  readonly version: number;
  readonly generation: number;
  readonly segmented: boolean;
  readonly analysis: Analysis | undefined;
}

export function isMarkdown(uri: string, languageId?: string): boolean {
  return languageId === 'markdown' || /\.(md|markdown)$/i.test(uri);
}

/**
 * The warm-up's text: the whole report up to WARM_WHOLE characters, else its first WARM_PART. A
 * version costs about as much either way (what an edit touches), but a copy of the whole report
 * gives V8 the shapes and paths of all its paragraphs (its markdown headings, its copies, its
 * tables). In process, 400 versions, then 150 edits of the 100 KB report, four alternating runs
 * each: p95 5.09–5.69 → 3.43–5.11 ms, mean 1.55–1.84 → 1.25–1.35 ms, the warm-up 1.08–1.11 →
 * 0.99–1.02 s, a copy of 32 K characters against the whole. Of the 1 MB report a copy of 128 K
 * raised the server's peak while typing from 379–385 to 391–396 MB, at the edge of the 400 MB
 * goal: a longer report keeps the 32 K copy.
 */
const WARM_WHOLE = 128_000;
const WARM_PART = 32_000;
const WARM_TYPED = ['的', '1', '，', '\n'];
/** The warm-up copy's URI: never a document's, never in the corpus. */
export const WARM_URI = 'report-lint:warm-up';

/**
 * The analysis cache: one analysis per (document, version), shared by every request of that
 * version. The corpus of documents for cross-file duplicates is updated when a document gets a
 * new version — per change, never rebuilt. When the corpus or the segmenter changes, the other
 * documents' analyses are redone on their next request from the same parsed document.
 */
export class AnalysisCache {
  readonly corpus = new DuplicateCorpus();
  private readonly entries = new Map<string, Entry>();
  private readonly indexedVersion = new Map<string, number>();
  /** Open documents whose latest version is not in the corpus yet (see indexChanged). */
  private readonly unindexed = new Map<string, ReportDoc>();
  /** Headings of the indexed (not open) report files, for workspace symbols. */
  private readonly indexedSymbols = new Map<string, SymbolEntry[]>();
  private loadedSegmenter: Segmenter | undefined;

  constructor(
    private settings: ServerSettings,
    private readonly project?: ProjectConfig,
  ) {}

  /** The rules and options for a document: the project's config file, the settings, the size limit. */
  private configOf(uri: string, text: string): LintConfig {
    const config = mergeConfigs(this.project?.configFor(uri), this.settings.config);
    return this.oversized(text) ? mergeConfigs(config, STRUCTURE_ONLY) : config;
  }

  private analyze(doc: ReportDoc, uri: string, lineage?: Lineage): Analysis {
    const config = this.configOf(uri, doc.text);
    return this.filtered(uri, doc, analyzeDoc(doc, { config, corpus: this.corpus, uri, segmenter: this.loadedSegmenter, lineage }));
  }

  /** `result` without the findings the project's suppressions accept. */
  private filtered<T extends { readonly findings: readonly Finding[] }>(uri: string, doc: ReportDoc, result: T): T {
    const findings = this.project ? this.project.filter(uri, doc, result.findings) : result.findings;
    return findings === result.findings ? result : { ...result, findings };
  }

  /**
   * `a` with what its pending rules find now that the segmenter is loaded: what an analysis with
   * the segmenter would have said (withPending), without running the other rules again: the
   * first request after the load on a 1 MB report 38–45 → 12–13 ms, once per open document.
   * Run as a version in the editor is (a lineage without a previous version), so that the next
   * edit carries their findings over as it does the others'.
   */
  private addPending(a: Analysis, uri: string, segmenter: Segmenter): Analysis {
    if (a.pending.length === 0) return a;
    const more = analyzePending(a.doc, a.lines, a.pending, { config: this.configOf(uri, a.doc.text), corpus: this.corpus, uri, segmenter, lineage: {} });
    return withPending(a, this.filtered(uri, a.doc, more));
  }

  /**
   * Warms the JIT up on the path every keystroke takes, before the first keystrokes do: a private
   * copy of `text` (all of it, or of a long one its first WARM_PART characters, cut at a line
   * break) goes through `steps` versions, each one character typed or deleted from the one before,
   * analysed as a document's versions are (its lineage, the settings, the segmenter once loaded)
   * but outside the cache and the corpus: nothing of it stays but what the memos keep by text.
   * Until V8 has compiled that path, the first ~50 edits after a report is opened took 2–4 times as
   * long as the later ones (docs/performance-history.md). `source` is the document, for its rules and kind.
   * Returns one step per call (its analysis, for the caller's own part of the path); undefined once
   * done.
   */
  warmUp(source: DocumentLike, steps: number): () => Analysis | undefined {
    const text = source.getText();
    const config = this.configOf(source.uri, text);
    const markdown = isMarkdown(source.uri, source.languageId) ? true : undefined;
    let copy = text;
    if (text.length > WARM_WHOLE) {
      const cut = text.lastIndexOf('\n', WARM_PART);
      copy = text.slice(0, cut > 0 ? cut : WARM_PART);
    }
    let previous: ReportDoc | undefined;
    let seed = 0x9e3779b9;
    let done = 0;
    return () => {
      if (done >= steps || copy.length === 0) return undefined;
      if (previous) {
        seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
        const at = seed % copy.length;
        // Typing and deleting: a character, a digit (figures), a comma, a line break (paragraphs).
        copy = done % 2 === 1 ? copy.slice(0, at) + copy.slice(at + 1) : copy.slice(0, at) + WARM_TYPED[(done >> 1) % WARM_TYPED.length] + copy.slice(at);
      }
      const doc = parseReport(copy, { markdown, lineage: { previous } });
      const analysis = analyzeDoc(doc, { config, uri: WARM_URI, segmenter: this.loadedSegmenter, lineage: { previous } });
      previous = doc;
      done++;
      return analysis;
    };
  }

  /** Over the size limit: outline and structure rules only, and not in the corpus. */
  oversized(text: string): boolean {
    return text.length > this.settings.maxDocumentLength;
  }

  get maxDocumentLength(): number {
    return this.settings.maxDocumentLength;
  }

  get segmenter(): Segmenter | undefined {
    return this.loadedSegmenter;
  }

  update(settings: ServerSettings): void {
    // A larger index has room for what was left out (the server indexes the workspace again).
    if (settings.maxIndexedLength > this.settings.maxIndexedLength) this.firstLeftOut = undefined;
    this.settings = settings;
    this.entries.clear();
  }

  /** Whether a closed file is in the cross-file index already. */
  isIndexed(uri: string): boolean {
    return this.corpus.has(uri);
  }

  setSegmenter(segmenter: Segmenter): void {
    this.loadedSegmenter = segmenter;
  }

  /** Whether the server serves the document: the workreport language, or mostly-Chinese plain text and markdown. */
  serves(doc: DocumentLike): boolean {
    if (doc.languageId === 'workreport') return true;
    return this.settings.serveChinesePlainText && (doc.languageId === 'plaintext' || doc.languageId === 'markdown') && hanRatio(doc.getText()) >= CHINESE_SHARE;
  }

  /** The analysis of the document, or undefined when the server does not serve it. */
  get(doc: DocumentLike): Analysis | undefined {
    this.indexedSymbols.delete(doc.uri);
    this.indexChanged(doc.uri);
    const cached = this.entries.get(doc.uri);
    const fresh = cached && cached.version === doc.version;
    if (fresh && (!cached.analysis || (cached.generation === this.corpus.generation && cached.segmented === (this.loadedSegmenter !== undefined)))) return cached.analysis;
    // Only the segmenter came: the rules that waited for it run, the others' findings stand.
    if (fresh && cached.analysis && cached.generation === this.corpus.generation && !cached.segmented && this.loadedSegmenter) {
      const analysis = this.addPending(cached.analysis, doc.uri, this.loadedSegmenter);
      this.entries.set(doc.uri, { ...cached, segmented: true, analysis });
      return analysis;
    }
    let parsed: ReportDoc | undefined = fresh ? cached.analysis?.doc : undefined;
    // An open document's versions carry their work over: the previous parse is the lineage.
    const lineage = { previous: cached?.analysis?.doc };
    if (!fresh) parsed = this.serves(doc) ? parseReport(doc.getText(), { markdown: isMarkdown(doc.uri, doc.languageId) ? true : undefined, lineage }) : undefined;
    if (parsed && this.indexedVersion.get(doc.uri) !== doc.version) {
      this.unindexed.set(doc.uri, parsed);
      this.indexedVersion.set(doc.uri, doc.version);
    }
    const analysis = parsed ? this.analyze(parsed, doc.uri, lineage) : undefined;
    this.entries.set(doc.uri, { version: doc.version, generation: this.corpus.generation, segmented: this.loadedSegmenter !== undefined, analysis });
    return analysis;
  }

  /**
   * Puts the changed documents into the corpus, except `except`: a document's own entry never
   * counts for its own copies, so while one document is being typed in, its versions wait here
   * and the corpus is updated only when another document is analysed against it.
   */
  private indexChanged(except?: string): void {
    for (const [uri, parsed] of this.unindexed) {
      if (uri === except) continue;
      if (this.oversized(parsed.text)) this.corpus.delete(uri);
      else this.corpus.set(uri, parsed);
      this.unindexed.delete(uri);
    }
  }

  /**
   * A report file of the workspace that is not open: indexed for cross-file duplicates only (its
   * headings for the workspace's symbols in any case).
   */
  index(uri: string, text: string): void {
    if (this.entries.has(uri)) return;
    const doc = parseReport(text, { markdown: isMarkdown(uri) ? true : undefined });
    this.admit(uri, doc);
    this.indexedSymbols.set(uri, symbolsOf(uri, doc, lineIndexOf(doc)));
  }

  /**
   * The first closed file left out of the corpus because the index was full (maxIndexedLength);
   * undefined again once there is room (a larger limit, closed files dropped).
   */
  get leftOut(): string | undefined {
    return this.firstLeftOut;
  }

  private firstLeftOut: string | undefined;

  /** Puts a closed file into the corpus, within the size limits. */
  private admit(uri: string, doc: ReportDoc): void {
    if (this.oversized(doc.text)) return;
    if (!this.corpus.has(uri) && this.corpus.chars + doc.text.length > this.settings.maxIndexedLength) {
      this.firstLeftOut ??= uri;
      return;
    }
    this.corpus.set(uri, doc);
  }

  /**
   * A file that is not open, analysed from its text on disk ("lint the workspace"), if it is a
   * report: mostly Chinese, as plain text is served. It enters the corpus, not the open entries.
   */
  analyzeClosed(uri: string, text: string): Analysis | undefined {
    if (hanRatio(text) < CHINESE_SHARE) return undefined;
    this.indexChanged();
    const doc = parseReport(text, { markdown: isMarkdown(uri) ? true : undefined });
    this.admit(uri, doc);
    const analysis = this.analyze(doc, uri);
    this.indexedSymbols.set(uri, symbolsOf(uri, doc, analysis.lines));
    return analysis;
  }

  /** Headings of the open documents and of the indexed files. */
  symbols(open: readonly DocumentLike[]): SymbolEntry[] {
    const out: SymbolEntry[] = [];
    for (const d of open) {
      const a = this.get(d);
      if (a) out.push(...symbolsOf(d.uri, a.doc, a.lines));
    }
    for (const list of this.indexedSymbols.values()) out.push(...list);
    return out;
  }

  /** A closed document leaves the corpus (the workspace index reads it back from disk). */
  forget(uri: string): void {
    this.entries.delete(uri);
    this.indexedSymbols.delete(uri);
    this.indexedVersion.delete(uri);
    this.unindexed.delete(uri);
    this.corpus.delete(uri);
  }

  isOpen(uri: string): boolean {
    return this.entries.has(uri);
  }

  /**
   * Drops the closed files indexed from the workspace (into the corpus, or for their headings
   * alone) that `keep` refuses, e.g. those of a folder taken out; dropping any makes room in a
   * full index.
   */
  dropClosed(keep: (uri: string) => boolean): void {
    const closed = new Set([...this.corpus.uris(), ...this.indexedSymbols.keys()]);
    let dropped = false;
    for (const uri of closed) {
      if (this.isOpen(uri) || keep(uri)) continue;
      this.forget(uri);
      dropped = true;
    }
    if (dropped) this.firstLeftOut = undefined;
  }
}

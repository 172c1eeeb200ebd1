/**
 * The report model: what `parse` produces and every rule, feature and front end reads.
 *
 * Everything is addressed by offsets into the original text (UTF-16 code units, as JavaScript
 * strings index). Line/character positions exist only at the edges (see text/lineIndex.ts).
 */

/** A UTF-16 index into the original text. */
export type Offset = number;

/** A half-open range `[start, end)` of the original text. */
export interface Span {
  readonly start: Offset;
  readonly end: Offset;
}

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type Category = 'structure' | 'duplicate' | 'figure' | 'layout' | 'typography';
/** The categories in the order reviewers read them (and the contract lists them). */
export const CATEGORIES: readonly Category[] = ['structure', 'duplicate', 'figure', 'layout', 'typography'];

/** Every rule id of the lint contract (docs: ../shared/docs/lint-contract.md), with its category. */
export const RULE_CATEGORIES = {
  'heading-sequence': 'structure',
  'heading-style': 'structure',
  'heading-hierarchy': 'structure',
  'duplicate-paragraph': 'duplicate',
  'duplicate-passage': 'duplicate',
  'repeated-word': 'duplicate',
  'figure-conflict': 'figure',
  'figure-part-whole': 'figure',
  'figure-sum': 'figure',
  'figure-rate': 'figure',
  'count-mismatch': 'figure',
  'date-arithmetic': 'figure',
  'broken-paragraph': 'layout',
  'stray-text': 'layout',
  'punctuation-width': 'typography',
  'numeral-style': 'typography',
  'stray-latin': 'typography',
} as const satisfies Record<string, Category>;

export type RuleId = keyof typeof RULE_CATEGORIES;

/** A message is a key of the catalogue (messages.ts) with its arguments; it is rendered at the edge. */
export interface Message {
  readonly key: string;
  readonly args?: Readonly<Record<string, string | number>>;
}

/** One replacement of the original text. Fixes are lists of edits that never overlap. */
export interface Edit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, shown as the quick fix title. */
  readonly title: Message;
  readonly edits: readonly Edit[];
  /** Safe fixes may be applied without review (fix-all, fix on save). */
  readonly safe: boolean;
}

export interface RelatedInfo {
  /** Another document; absent for the same document. */
  readonly uri?: string;
  readonly span: Span;
  /** Line/character in that other document, which this document's line index cannot tell. */
  readonly range?: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  readonly message: Message;
}

/** What a rule reports; the engine adds severity and category. */
export interface FindingDraft {
  /** Overrides the configured severity (cross-file copies are information by default). */
  readonly severity?: Severity;
  readonly span: Span;
  readonly message: Message;
  readonly related?: readonly RelatedInfo[];
  readonly fix?: Fix;
  /** Data for hovers, e.g. the similarity of a copy and where the other copy is. */
  readonly detail?: Readonly<Record<string, string | number>>;
}

export interface Finding extends FindingDraft {
  readonly severity: Severity;
  readonly rule: RuleId;
  readonly category: Category;
  readonly related: readonly RelatedInfo[];
}

/** A block of body text: one line, or several lines of a hard-wrapped block. */
export interface Paragraph {
  readonly index: number;
  /** The text without leading and trailing white space (ASCII, full-width space, BOM). */
  readonly span: Span;
  readonly text: string;
  /** Sentences in document offsets; they tile `span`. */
  readonly sentences: readonly Span[];
}

/**
 * The marker families of numbered headings, in the order of GB/T 9704-2012 §7.3.3.
 * `cn` is 一、, `cn-paren` （一）, `ar` 1., `ar-paren` （1）, `circled` ①, `enum` 一是.
 * Above them, the chapters of plans and outlines (规划纲要, 实施方案): `pian` 第一篇, `zhang` 第一章,
 * `jie` 第一节 — no part of GB/T 9704's order, so the hierarchy and style rules leave them be.
 */
export type Family = 'pian' | 'zhang' | 'jie' | 'cn' | 'cn-paren' | 'ar' | 'ar-paren' | 'circled' | 'enum';

export interface Numbering {
  readonly family: Family;
  readonly ordinal: number;
  /** The marker as written, e.g. `（一）`, `三，`, `1．`. */
  readonly marker: string;
  readonly markerSpan: Span;
  /**
   * The form of the marker, a short key compared across siblings: `、` `，` `．` for `cn`;
   * `（）` `()` `（)` … for the bracketed families, with a trailing mark appended (`（）、`);
   * `.` `．` `、` for `ar`; `` for `circled` and `enum`.
   */
  readonly form: string;
}

export type HeadingKind =
  /** Title, subtitle, speaker, date and salutation, shown as one node. */
  | 'front-matter'
  /** An unnumbered part title: 2018年工作回顾, 2019年工作安排. */
  | 'part'
  /** A heading with an ordinal marker (一、 （一） 1. （1） ①), in plain text or markdown. */
  | 'numbered'
  /** A markdown `#` heading without an ordinal. */
  | 'markdown'
  /** A short unpunctuated line heading the text below it, as news articles do. */
  | 'news'
  /** A short first sentence naming the topic of the text that follows (切实加强思想政治建设。). */
  | 'lead-in'
  /** An inline enumeration item: 一是…, 二是…. */
  | 'enum';

export interface Heading {
  readonly kind: HeadingKind;
  /** The marker family's place in the hierarchy; smaller is higher. Decides nesting. */
  rank: number;
  /** Depth in the outline tree, 1 for top-level nodes. */
  level: number;
  readonly numbering?: Numbering;
  /** The title without marker and markdown decoration. */
  readonly title: string;
  /** The heading's own text: the whole line, or the lead-in sentence. */
  readonly span: Span;
  /** The heading and everything under it, up to the next heading of the same or a higher rank. */
  section: Span;
  /** Index of the paragraph the heading stands in. */
  readonly paragraph: number;
  /** Number of `#` for markdown headings. */
  readonly mdDepth?: number;
  /**
   * Set when the heading's marker belongs to another level than where it stands: a `（三）` between
   * `二、` and `四、`. The value is the family of the siblings it stands among; the outline nests it
   * as one of them, and heading-hierarchy reports it.
   */
  misplacedAmong?: Family;
  parent?: Heading;
  readonly children: Heading[];
}

export interface FrontMatterItem {
  readonly role: 'title' | 'subtitle' | 'speaker' | 'date' | 'salutation' | 'other';
  readonly paragraph: number;
}

export interface ReportDoc {
  readonly text: string;
  readonly markdown: boolean;
  readonly paragraphs: readonly Paragraph[];
  /** Title, subtitle, speaker, date, salutation… in document order; empty when there is none. */
  readonly frontMatter: readonly FrontMatterItem[];
  /** Top-level outline nodes, the front matter first when there is one. */
  readonly outline: readonly Heading[];
  /** Every outline node in document order. */
  readonly headings: readonly Heading[];
}

import type { Message } from './model';

/**
 * The message catalogue: every text a user reads, in Chinese and English. Rules report keys with
 * arguments; the front ends render them in the user's language (`{name}` is replaced by the
 * argument of that name).
 */
export type Locale = 'zh-cn' | 'en';

type Entry = { readonly zh: string; readonly en: string };

const CATALOGUE: Record<string, Entry> = {
  // heading-sequence
  'heading-sequence.gap': {
    zh: '标题编号不连续：“{got}”前缺少“{expected}”',
    en: 'Heading numbering skips a number: “{expected}” is missing before “{got}”',
  },
  'heading-sequence.repeat': {
    zh: '标题编号重复：“{got}”与上一个同级标题相同，应为“{expected}”',
    en: 'Heading number repeats the previous sibling: “{got}” should be “{expected}”',
  },
  'heading-sequence.order': {
    zh: '同级标题顺序颠倒：“{got}”出现在“{other}”之前',
    en: 'Sibling headings are out of order: “{got}” comes before “{other}”',
  },
  'heading-sequence.start': {
    zh: '同级标题应从“{expected}”开始编号，此处为“{got}”',
    en: 'Numbering of this level should start at “{expected}”, not “{got}”',
  },
  'heading-sequence.related': { zh: '上一个同级标题', en: 'previous sibling heading' },
  'heading-sequence.fix': { zh: '重新为本级标题编号（{count} 处）', en: 'Renumber the headings of this level (edits: {count})' },
  // heading-style
  'heading-style.form': {
    zh: '标题序号“{marker}”格式不规范，应为“{expected}”（GB/T 15834）',
    en: 'Heading marker “{marker}” has the wrong form; write “{expected}” (GB/T 15834)',
  },
  'heading-style.mixed': {
    zh: '同级标题序号格式不一致：“{marker}”，其他同级标题用“{expected}”',
    en: 'Headings of one level mix marker forms: “{marker}” where the others use “{expected}”',
  },
  'heading-style.fix': { zh: '改为“{expected}”', en: 'Change to “{expected}”' },
  // heading-hierarchy
  'heading-hierarchy.skip': {
    zh: '标题层级跳跃：“{marker}”直接位于“{parent}”之下，缺少“{missing}”一级',
    en: 'A heading level is skipped: “{marker}” stands directly under “{parent}”; the “{missing}” level is missing',
  },
  'heading-hierarchy.orphan': {
    zh: '“{marker}”没有上级“{missing}”标题，而全文以“{missing}”为一级标题',
    en: '“{marker}” has no “{missing}” heading above it, while the report numbers its sections “{missing}”',
  },
  'heading-hierarchy.misplaced': {
    zh: '“{marker}”夹在“{prev}”与“{next}”之间，序号层级用错，应为“{expected}”',
    en: '“{marker}” stands between “{prev}” and “{next}”: its marker is of the wrong level; write “{expected}”',
  },
  'heading-hierarchy.markdown': {
    zh: '“{marker}”的 Markdown 标题级别（{depth} 个 #）与其层级不符，应为 {expected} 个 #',
    en: 'Markdown level of “{marker}” ({depth} #) does not fit its place in the outline; use {expected} #',
  },
  'heading-hierarchy.related-parent': { zh: '上级标题', en: 'parent heading' },
  'heading-hierarchy.related-sibling': { zh: '同级标题', en: 'sibling heading' },
  'heading-hierarchy.fix-marker': { zh: '改为“{expected}”', en: 'Change to “{expected}”' },
  'heading-hierarchy.fix-markdown': { zh: '改为 {expected} 个 #', en: 'Use {expected} #' },
  // duplicate-paragraph, duplicate-passage, repeated-word
  'duplicate-paragraph.same': {
    zh: '本段与第 {line} 行的段落完全相同',
    en: 'This paragraph is an exact copy of the one at line {line}',
  },
  'duplicate-paragraph.similar': {
    zh: '本段与第 {line} 行的段落几乎相同（相似度 {similarity}%），可能是未改完的复制',
    en: 'This paragraph nearly repeats the one at line {line} (similarity {similarity}%): a half-updated copy?',
  },
  'duplicate-paragraph.cross-file': {
    zh: '本段也出现在 {file} 第 {line} 行（相似度 {similarity}%）',
    en: 'This paragraph also stands in {file}, line {line} (similarity {similarity}%)',
  },
  'duplicate-passage.same-file': {
    zh: '这段文字（{length} 字）与第 {line} 行的内容重复',
    en: 'This passage ({length} characters) repeats text at line {line}',
  },
  'duplicate-passage.cross-file': {
    zh: '这段文字（{length} 字）也出现在 {file} 第 {line} 行',
    en: 'This passage ({length} characters) also stands in {file}, line {line}',
  },
  'duplicate.related': { zh: '另一处相同内容', en: 'the other copy' },
  'duplicate.fix-delete': { zh: '删除这处重复内容', en: 'Delete this copy' },
  'repeated-word.message': {
    zh: '“{word}”连续出现 {count} 次，疑为误重复',
    en: 'Accidental repetition: “{word}” appears {count} times in a row',
  },
  'repeated-word.fix': { zh: '删除多余的“{word}”', en: 'Remove the extra “{word}”' },
  // broken-paragraph, stray-text
  'broken-paragraph.message': {
    zh: '段落在句中断开（“{tail}”/“{head}”），后半句在第 {line} 行另起一段，疑为分页造成',
    en: 'The paragraph breaks off mid-sentence (“{tail}” / “{head}”) and goes on at line {line}: a page break?',
  },
  'broken-paragraph.fix': { zh: '合并为一段', en: 'Join the two blocks' },
  'broken-paragraph.message-page-number': {
    zh: '段落在句中断开（“{tail}”/“{head}”），后半句隔着页码“{page}”在第 {line} 行另起一段，系分页造成',
    en: 'The paragraph breaks off mid-sentence (“{tail}” / “{head}”) and goes on at line {line}, after the page number “{page}”: a page break',
  },
  'broken-paragraph.fix-page-number': { zh: '合并为一段，并删除其间的页码“{page}”', en: 'Join the two blocks and delete the page number “{page}” between them' },
  'stray-text.message': { zh: '疑似非报告正文：{kind}', en: 'Not report text: {kind}' },
  'stray-text.fix': { zh: '删除这段内容', en: 'Delete this fragment' },
  'stray-text.kind.before-title': { zh: '标题前的网页或版面内容', en: 'web or page debris before the title' },
  'stray-text.kind.web-meta': { zh: '网页信息（发布时间、编辑、分享等）', en: 'web page metadata (date, editor, share)' },
  'stray-text.kind.share': { zh: '分享提示', en: 'a share prompt' },
  'stray-text.kind.site': { zh: '网站署名（图片来源）', en: 'a site name (photo credit)' },
  'stray-text.kind.byline': { zh: '作者或记者署名', en: 'a byline' },
  'stray-text.kind.caption': { zh: '图片说明', en: 'a photo caption' },
  'stray-text.kind.page-mark': { zh: '转版标记', en: 'a page continuation mark' },
  'stray-text.kind.page-number': { zh: '页码', en: 'a page number' },
  'stray-text.kind.web-footer': { zh: '网页页脚（上下篇链接、版权信息等）', en: 'a web page footer (links, copyright)' },
  'stray-text.kind.classified': { zh: '分类广告或声明', en: 'a classified notice' },
  'stray-text.kind.repeated-name': { zh: '重复的署名（图片说明）', en: 'the name repeated under a photo' },
  'stray-text.kind.appended': { zh: '报告结束后附带的其他文章', en: 'another article printed after the report' },
  // punctuation-width, numeral-style, stray-latin
  'punctuation-width.message': {
    zh: '本段有 {count} 处半角标点（, : ; ( ) ? !），中文应使用全角标点',
    en: 'Half-width punctuation in Chinese text ({count}: , : ; ( ) ? !); use the full-width forms',
  },
  'punctuation-width.fix': { zh: '改为全角标点（{count} 处）', en: 'Convert to full-width (edits: {count})' },
  'numeral-style.message': {
    zh: '“{written}”与文中的“{other}”数字写法不一致（GB/T 15835），宜统一为“{expected}”',
    en: '“{written}” and “{other}” write the same kind of expression with different numerals (GB/T 15835); write “{expected}”',
  },
  'numeral-style.fix': { zh: '改为“{expected}”', en: 'Change to “{expected}”' },
  'stray-latin.message': { zh: '中文句子中混入英文单词“{word}”', en: 'English word “{word}” inside a Chinese sentence' },
  'stray-latin.fix': { zh: '将“{word}”改为“{replacement}”', en: 'Replace “{word}” with “{replacement}”' },
  // figures
  'figure-conflict.message': {
    zh: '数据前后不一致：此处为“{value}”，第 {line} 行为“{other}”（{subject}）',
    en: 'Figures disagree: “{value}” here, “{other}” at line {line} ({subject})',
  },
  'figure-part-whole.part': { zh: '部分大于总数：“其中”的“{part}”超过总数“{whole}”', en: 'A part exceeds its total: “{part}” after 其中, of a total of “{whole}”' },
  'figure-part-whole.share': {
    zh: '占比与数据不符：“{part}”占“{whole}”的{computed}%，而不是{share}',
    en: 'A share contradicts the counts: “{part}” is {computed}% of “{whole}”, not {share}',
  },
  'figure-part-whole.rest': { zh: '“{word}”与总数减去各部分不符：{whole} − {parts} = {left}，“{word}”却是“{rest}”', en: 'The rest does not add up: {whole} − {parts} = {left}, but the rest is “{rest}”' },
  'figure-part-whole.complement': { zh: '各部分合起来就是总数，但其和不符：{parts} = {sum}，总数为“{whole}”', en: 'The parts make up the whole, but do not add up to it: {parts} = {sum}, the total says “{whole}”' },
  'figure-part-whole.sum': { zh: '各部分之和超过总数：{parts} 超过“{whole}”', en: 'The parts add up to more than the total: {parts} exceed “{whole}”' },
  'figure-sum.message': { zh: '分项之和与合计不符：{parts} = {sum}，合计为“{total}”', en: 'The parts do not add up: {parts} = {sum}, the total says “{total}”' },
  'figure-sum.structure': { zh: '构成比例之和应为100：{shares} = {sum}', en: 'The shares of a structure should add up to 100: {shares} = {sum}' },
  'figure-sum.balance': { zh: '结余与收支不符：{income} − {spending} = {left}，结余为“{balance}”', en: 'The balance does not add up: {income} − {spending} = {left}, the balance says “{balance}”' },
  'figure-rate.over': { zh: '{rate}不应超过100%，此处为“{value}”', en: 'A {rate} cannot exceed 100%: “{value}”' },
  'figure-rate.counts': {
    zh: '{rate}“{value}”与所列数据不符：{part} / {whole} = {computed}%',
    en: 'The {rate} “{value}” contradicts the counts: {part} / {whole} = {computed}%',
  },
  'count-mismatch.announced': { zh: '宣布了{announced}项，后文有 {count} {kind}', en: 'Announces {n} items, but {count} {kind} follow' },
  'count-mismatch.kind.items': { zh: '项', en: 'items' },
  'count-mismatch.kind.headings': { zh: '个标题', en: 'headings' },
  'count-mismatch.titles': { zh: '列出 {count} 个书名，却称“{said}”', en: '{count} titles are listed, but the count says “{said}”' },
  'count-mismatch.abbreviation': { zh: '“{name}”与前面列举的 {count} 项不符', en: '“{name}” says {n}, but {count} items are listed before it' },
  'count-mismatch.enumeration': { zh: '列举缺项：“{got}”之前缺少“{missing}”', en: 'An enumeration item is missing: no “{missing}” before “{got}”' },
  'date-arithmetic.message': {
    zh: '年份计算有误：{year}年应为成立{expected}周年（始于{base}年），此处为“{anniversary}”',
    en: 'Year arithmetic is wrong: {year} is the {nth} anniversary (founded {base}), not “{anniversary}”',
  },
  'date-arithmetic.weekday': { zh: '{date}是{actualZh}，不是{writtenZh}', en: '{date} was a {actual}, not a {written}' },
  'date-arithmetic.span': { zh: '{from}至{to}共{actual}天，不是{written}天', en: 'From {from} to {to} is {actual} days, not {written}' },
  'figure.related': { zh: '另一处数据', en: 'the other figure' },
  'figure.related-total': { zh: '总数', en: 'the total' },
  // hovers
  'hover.compared': { zh: '与第 {line} 行相比：', en: 'Compared with line {line}:' },
  'hover.identical': { zh: '两处文字完全相同。', en: 'The two copies are identical.' },
  'hover.too-different': { zh: '两处差异较多，不逐字列出。', en: 'The copies differ in too many places to list.' },
  'hover.figure-alone': { zh: '文中没有同一数据的其他出处。', en: 'No other mention of this quantity in the document.' },
  'hover.figure-line': { zh: '第 {line} 行：', en: 'line {line}: ' },
  'hover.figure-agrees': { zh: '一致', en: 'agrees' },
  'hover.figure-disagrees': { zh: '不一致', en: 'disagrees' },
  'hover.figure-other-period': { zh: '另一年份', en: 'another year' },
  'hover.more': { zh: '……另有 {count} 处差异', en: '… and {count} more differences' },
  'action.go-to-copy': { zh: '转到另一处（第 {line} 行）', en: 'Go to the other copy (line {line})' },
  'action.go-to-copy-file': { zh: '转到另一处（{file} 第 {line} 行）', en: 'Go to the other copy ({file}, line {line})' },
  'action.fix-all': { zh: '修复全部可安全修复的问题', en: 'Fix all safely fixable problems' },
  'progress.indexing': { zh: '正在索引工作区中的报告', en: 'Indexing the reports of the workspace' },
  // section summaries (hover on a heading) and statistics
  'summary.size': { zh: '{chars} 字 · {paragraphs} 段 · 第 {first}–{last} 行', en: '{chars} characters · {paragraphs} paragraphs · lines {first}–{last}' },
  'summary.keywords': { zh: '关键词', en: 'Keywords' },
  'summary.figures': { zh: '关键数字', en: 'Key figures' },
  'summary.findings': { zh: '问题', en: 'Findings' },
  'summary.no-findings': { zh: '无', en: 'none' },
  'category.structure': { zh: '结构', en: 'structure' },
  'category.duplicate': { zh: '重复', en: 'duplicates' },
  'category.figure': { zh: '数字', en: 'figures' },
  'category.layout': { zh: '版面', en: 'layout' },
  'category.typography': { zh: '标点与用字', en: 'typography' },
  'stats.title': { zh: '报告统计：{name}', en: 'Report statistics: {name}' },
  'stats.item': { zh: '项目', en: 'Item' },
  'stats.value': { zh: '数值', en: 'Value' },
  'stats.chars': { zh: '字数', en: 'Characters (字数)' },
  'stats.paragraphs': { zh: '段落', en: 'Paragraphs' },
  'stats.figures': { zh: '数字', en: 'Figures' },
  'stats.findings': { zh: '问题', en: 'Findings' },
  'stats.by-rule': { zh: '各规则问题数', en: 'Findings by rule' },
  'stats.rule': { zh: '规则', en: 'Rule' },
  'stats.count': { zh: '数量', en: 'Count' },
  'stats.sections': { zh: '各部分字数', en: 'Sections' },
  'stats.section': { zh: '部分', en: 'Section' },
  'stats.kind.part': { zh: '部分标题', en: 'Part titles' },
  'stats.kind.numbered': { zh: '编号标题', en: 'Numbered headings' },
  'stats.kind.markdown': { zh: 'Markdown 标题', en: 'Markdown headings' },
  'stats.kind.news': { zh: '小标题', en: 'Unnumbered headings' },
  'stats.kind.lead-in': { zh: '段首主题句', en: 'Lead-in sentences' },
  'stats.kind.enum': { zh: '“一是”分项', en: '一是… items' },
  'command.renumber-none': { zh: '标题编号已连续，无需重新编号。', en: 'The headings are numbered in sequence; nothing to renumber.' },
  'action.accept': { zh: '接受此问题（{rule}，记入 .reportlint-suppressions.json）', en: 'Accept this finding ({rule}; recorded in .reportlint-suppressions.json)' },
  'action.disable-rule': { zh: '在设置中关闭规则 {rule}', en: 'Disable rule {rule} in settings' },
  // engine and front ends
  'directive.unknown-rule': { zh: '没有名为“{name}”的规则，此注释对它不起作用', en: 'No rule is named “{name}”; this comment does nothing for it' },
  'engine.rule-failed': { zh: '规则 {rule} 运行出错，已跳过：{error}', en: 'Rule {rule} failed and was skipped: {error}' },
  'server.rule-failed': { zh: '规则 {rule} 运行出错（{error}），已跳过；其他检查照常进行。', en: 'Rule {rule} failed ({error}) and was skipped; the other checks ran.' },
  'server.accept-failed': { zh: '未能记录接受的问题：{error}', en: 'The finding was not accepted: {error}' },
  'server.diagnostics-limit': {
    zh: '另有 {count} 个问题未显示：编辑器每个文件最多显示 1000 个，此处显示了最严重的 {limit} 个。命令行 report-lint 会列出全部。',
    en: '{count} more findings are not shown: the editor shows at most 1,000 per file, and these are the {limit} most severe. report-lint on the command line lists them all.',
  },
  'server.accept-gone': { zh: '该问题已不再报告，未记录任何内容。', en: 'The finding is no longer reported; nothing was recorded.' },
  'server.index-full': {
    zh: '跨文件重复检查的索引已达 reportLint.maxIndexedLength（{limit} 字符）：{file} 及其后的工作区报告未编入索引，与它们重复的内容不会被发现。可调大该设置。',
    en: 'The cross-file index is full (reportLint.maxIndexedLength, {limit} characters): {file} and the workspace reports after it are not indexed, and copies of them are not found. Raise the setting to index more.',
  },
  'server.too-large': {
    zh: '{file} 共 {length} 字符，超过 reportLint.maxDocumentLength（{limit}）：只显示大纲并检查标题编号，其余较耗时的检查已关闭。',
    en: '{file} has {length} characters, over reportLint.maxDocumentLength ({limit}): the outline and the heading checks only; the heavier checks are off.',
  },
};

/** Every key of the catalogue. */
export function messageKeys(): string[] {
  return Object.keys(CATALOGUE);
}

export function hasMessage(key: string): boolean {
  return key in CATALOGUE;
}

/**
 * What a message's {line} counts: a text's lines, or a Word file's paragraphs (its lines, shown as
 * ¶N). A line in another file ({file}, line {line}) is that file's and stays a line.
 */
export type Places = 'lines' | 'paragraphs';

/** Templates as they read for a Word file, made once each. */
const PARAGRAPH_TEMPLATES = new Map<string, string>();

function inParagraphs(template: string): string {
  let t = PARAGRAPH_TEMPLATES.get(template);
  if (t === undefined) {
    t = template.includes('{file}') ? template : template.replace('第 {line} 行', '第 {line} 段').replace(/\bline \{line\}/, '¶{line}');
    PARAGRAPH_TEMPLATES.set(template, t);
  }
  return t;
}

/** Renders a message; an unknown key renders as the key itself so that nothing is ever lost. */
export function render(message: Message, locale: Locale, places: Places = 'lines'): string {
  const entry = CATALOGUE[message.key];
  const text = entry ? (locale === 'zh-cn' ? entry.zh : entry.en) : message.key;
  const template = places === 'paragraphs' ? inParagraphs(text) : text;
  const args = message.args ?? {};
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    out += (name in args ? value(args[name], locale) : `{${name}}`) + parts[i + 1];
  }
  return out;
}

/** An argument that is itself a key of the catalogue (a kind, a category) is rendered too. */
function value(v: string | number, locale: Locale): string {
  return typeof v === 'string' && KEYS.has(v) ? render({ key: v }, locale) : String(v);
}

/** The catalogue's keys. A Set: asking an object `v in CATALOGUE` made V8 internalise every string argument (the words a message quotes). */
const KEYS = new Set(Object.keys(CATALOGUE));

/** Every template of the catalogue: only these are kept split. */
const TEMPLATES = new Set(Object.values(CATALOGUE).flatMap((e) => [e.zh, e.en]));

/**
 * A template split at its placeholders once: [text, name, text, name, …, text]. The CLI renders
 * ~100,000 messages over a folder of reports; a regular expression per message was a third of
 * the time to format them.
 */
const TEMPLATE_PARTS = new Map<string, readonly string[]>();

function partsOf(template: string): readonly string[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (parts) return parts;
  const split: string[] = [];
  const placeholder = /\{(\w{1,30})\}/g;
  let last = 0;
  for (let m = placeholder.exec(template); m; m = placeholder.exec(template)) {
    split.push(template.slice(last, m.index), m[1]);
    last = m.index + m[0].length;
  }
  split.push(template.slice(last));
  parts = split;
  // Unknown keys render as themselves and are not kept (their number is not bounded).
  if (TEMPLATES.has(template)) TEMPLATE_PARTS.set(template, parts);
  return parts;
}

/** `zh`, `zh-CN`, `zh-Hans`, `zh_TW.UTF-8` → zh-cn; anything else → en. */
export function toLocale(tag: string | undefined): Locale {
  return tag && /^zh/i.test(tag) ? 'zh-cn' : 'en';
}

import { describe, expect, it } from 'vitest';
import { matchMarker } from '../../server/src/core/parse/markers';

const m = (s: string) => {
  const r = matchMarker(s);
  return r && { family: r.family, ordinal: r.ordinal, form: r.form, irregular: r.irregular };
};

describe('heading markers', () => {
  it('recognises the GB/T 9704 families in their standard forms', () => {
    expect(m('一、切实强化思想引领')).toEqual({ family: 'cn', ordinal: 1, form: '、', irregular: false });
    expect(m('（二）建言资政务实有为')).toEqual({ family: 'cn-paren', ordinal: 2, form: '（）', irregular: false });
    expect(m('(三)协商民主更具实效')).toEqual({ family: 'cn-paren', ordinal: 3, form: '()', irregular: false });
    expect(m('4.开展民主监督')).toEqual({ family: 'ar', ordinal: 4, form: '.', irregular: false });
    expect(m('５．开展民主监督')).toEqual({ family: 'ar', ordinal: 5, form: '．', irregular: false });
    expect(m('（1）中心组学习')).toEqual({ family: 'ar-paren', ordinal: 1, form: '（）', irregular: false });
    expect(m('②专题研讨')).toEqual({ family: 'circled', ordinal: 2, form: '', irregular: false });
    expect(m('1.2025年重点任务清单')).toEqual({ family: 'ar', ordinal: 1, form: '.', irregular: false });
    expect(m('三是突出经济光明论')).toEqual({ family: 'enum', ordinal: 3, form: '', irregular: false });
    expect(m('一是一批重点项目加快推进')).toMatchObject({ family: 'enum', ordinal: 1 });
  });

  it('recognises wrong forms so that heading-style can name them', () => {
    expect(m('三，把握新要求')).toMatchObject({ family: 'cn', form: '，', irregular: true });
    expect(m('四．在严管厚爱中激发内生动力')).toMatchObject({ family: 'cn', form: '．', irregular: true });
    expect(m('二．2020年工作安排')).toMatchObject({ family: 'cn', ordinal: 2 });
    expect(m('（一）、加强学习')).toMatchObject({ family: 'cn-paren', form: '（）、', irregular: true });
    expect(m('（一)加强学习')).toMatchObject({ family: 'cn-paren', form: '（)', irregular: true });
  });

  it('recognises the chapters of plans: 第一篇, 第三章, 第十二节, with or without a space', () => {
    expect(m('第一篇 开启全面建设社会主义现代化新征程')).toEqual({ family: 'pian', ordinal: 1, form: ' ', irregular: false });
    expect(m('第三章　强化创新平台支撑')).toEqual({ family: 'zhang', ordinal: 3, form: ' ', irregular: false });
    expect(m('第十二节发展基础')).toEqual({ family: 'jie', ordinal: 12, form: '', irregular: false });
    expect(m('第二章：主要目标')).toMatchObject({ family: 'zhang', ordinal: 2, form: '：' });
    for (const s of ['第一篇章', '第一章', '第一百章 总则', '第二十一条 本办法自发布之日起施行']) expect(m(s), s).toBeUndefined();
  });

  it('does not take numbers, dates and words for markers', () => {
    for (const s of ['1.5万人次参加培训', '2019年1月7日', '11月8日,召开会议', '一年来，我们', '十九届三中全会', '2.3%的增长', '(2019年1月7日)', '1、2月份', '一是否', '一是一、二是二，这是我们的作风', '二是二，实事求是']) {
      expect(m(s), s).toBeUndefined();
    }
  });
});

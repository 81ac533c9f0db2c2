import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isWarningOnly,
  normaliseInspectionResult,
  normaliseListStatus,
  normalisePenaltyState,
  splitList,
} from '../../src/lib/ingest/split-list.ts';

describe('splitList', () => {
  it.each<[string, string | null, string[]]>([
    ['enumeration-comma', '罚款、责令停止托育服务', ['罚款', '责令停止托育服务']],
    ['semicolon', '罚款；没收违法所得', ['罚款', '没收违法所得']],
    ['ascii-semicolon', '罚款;没收违法所得', ['罚款', '没收违法所得']],
    ['full-width-comma', '警告，罚款', ['警告', '罚款']],
    ['ascii-comma', '警告,罚款', ['警告', '罚款']],
    ['slash', '全日托/半日托', ['全日托', '半日托']],
    ['service-types', '全日托、半日托、计时托、临时托', ['全日托', '半日托', '计时托', '临时托']],
    ['spaces-around-items', ' 警告 、 罚款 ', ['警告', '罚款']],
    ['duplicate-items', '警告、罚款、警告', ['警告', '罚款']],
    ['duplicate-with-inner-space', '全日托、全 日托', ['全日托']],
    ['empty-items', '警告、、罚款、', ['警告', '罚款']],
    ['newline', '警告\n罚款', ['警告', '罚款']],
    ['single', '罚款', ['罚款']],
    ['empty', '', []],
    ['null', null, []],
  ])('%s', (_name, input, expected) => {
    expect(splitList(input)).toEqual(expected);
  });

  it('never crashes; items are non-empty, unique and contain no separator', () => {
    const listLike = fc
      .array(
        fc.constantFrom('警告', '罚款', ' ', '、', '，', ',', ';', '；', '/', '\u3000', '全日托', '\n'),
        { maxLength: 12 },
      )
      .map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(listLike, fc.string({ unit: 'binary', maxLength: 30 })), (s) => {
        const items = splitList(s);
        expect(new Set(items).size).toBe(items.length);
        for (const item of items) {
          expect(item.length).toBeGreaterThan(0);
          expect(item).not.toMatch(/[、，,;；/\n]/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isWarningOnly', () => {
  it.each<[string, string[], boolean]>([
    ['warning-only', ['警告'], true],
    ['warning-with-spaces', [' 警告 '], true],
    ['warning-and-fine', ['警告', '罚款'], false],
    ['fine-only', ['罚款'], false],
    ['criticism', ['通报批评'], false],
    ['no-category', [], false],
  ])('%s', (_name, categories, expected) => {
    expect(isWarningOnly(categories)).toBe(expected);
  });
});

describe('normaliseInspectionResult', () => {
  it.each<[string, string, '合格' | '不合格' | '责令整改' | null]>([
    ['qualified', '合格', '合格'],
    ['no-problem-found', '未发现问题', '合格'],
    ['normal', '正常', '合格'],
    ['meets-requirements', '符合要求', '合格'],
    ['problem-found-ordered-to-correct', '发现问题已责令改正', '责令整改'],
    ['problem-found-with-punctuation', '发现问题，已责令改正', '责令整改'],
    ['ordered-to-rectify', '责令整改', '责令整改'],
    ['ordered-to-correct', '责令改正', '责令整改'],
    ['rectify-within-deadline', '限期整改', '责令整改'],
    ['unqualified', '不合格', '不合格'],
    ['problem-found', '发现问题', '不合格'],
    ['padded', ' 合格\u3000', '合格'],
    ['unrecognised', '待定', null],
    ['empty', '', null],
  ])('%s', (_name, input, expected) => {
    expect(normaliseInspectionResult(input)).toEqual(expected === null ? null : { result: expected });
  });
});

describe('normaliseListStatus and normalisePenaltyState', () => {
  it.each<[string, string | null, 'active' | '注销' | '撤销' | null]>([
    ['normal', '正常', 'active'],
    ['valid', '有效', 'active'],
    ['registered', '在册', 'active'],
    ['cancelled', '注销', '注销'],
    ['already-cancelled', '已注销', '注销'],
    ['revoked', '撤销', '撤销'],
    ['already-revoked', '已撤销', '撤销'],
    ['padded', ' 已注销 ', '注销'],
    ['empty', '', null],
    ['null', null, null],
    ['unrecognised', '暂停', null],
  ])('list status: %s', (_name, input, expected) => {
    expect(normaliseListStatus(input)).toBe(expected);
  });

  it.each<[string, string | null, 'in-force' | 'withdrawn' | null]>([
    ['normal', '正常', 'in-force'],
    ['valid', '有效', 'in-force'],
    ['revoked', '撤销', 'withdrawn'],
    ['already-revoked', '已撤销', 'withdrawn'],
    ['withdrawn', '撤回', 'withdrawn'],
    ['empty', '', null],
    ['null', null, null],
    ['unrecognised', '变更', null],
  ])('penalty state: %s', (_name, input, expected) => {
    expect(normalisePenaltyState(input)).toBe(expected);
  });

  it('never crash', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (s) => {
        normaliseInspectionResult(s);
        normaliseListStatus(s);
        normalisePenaltyState(s);
        isWarningOnly(splitList(s));
      }),
      { numRuns: 2000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { leaveOneOut, withinOneEdit } from '../../src/lib/search/near-match.ts';

describe('withinOneEdit', () => {
  it.each<[string, string, boolean]>([
    ['宁波市和怡月子会所', '宁波市和颐月子会所', true],
    ['乐悠悠婴儿照护', '凯里市乐悠悠婴幼儿照护中心', true],
    ['乐悠悠婴幼幼儿照护', '凯里市乐悠悠婴幼儿照护中心', true],
    ['宁波市和颐月子会所', '宁波市和颐月子会所', true],
    ['宁波市和怡月子中心', '宁波市和颐月子会所', false],
    ['贝贝熊托育服务', '小樱桃托育服务中心', false],
  ])('%s in %s → %s', (p, t, want) => {
    expect(withinOneEdit(p, t)).toBe(want);
  });
});

describe('leaveOneOut', () => {
  it('leaves each term out once', () => {
    expect(leaveOneOut('宁波 市和 怡月 子会')).toEqual([
      '市和 怡月 子会',
      '宁波 怡月 子会',
      '宁波 市和 子会',
      '宁波 市和 怡月',
    ]);
    expect(leaveOneOut('和颐 月子')).toEqual([]);
  });
});

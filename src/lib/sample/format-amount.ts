/**
 * Amounts as published: the 双公示 column is in 万元, but cells hold 5, "5万", "3000元", "1.0000", "0.3" or 大写 such
 * as 伍仟元.
 */
import type { Rng } from './random.ts';
import type { Value } from './types.ts';

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];

function section(n: number): string {
  let out = '';
  let started = false;
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS.charAt(d) + (UNITS[p] ?? '');
    started = true;
  }
  return out;
}

/** 大写 form of a whole number of yuan below 100,000,000: 15000 → 壹万伍仟元, 100000 → 壹拾万元. */
export function capitalYuan(yuan: number): string {
  if (!Number.isInteger(yuan) || yuan <= 0 || yuan >= 100_000_000)
    throw new Error(`cannot write ${yuan} in 大写`);
  const wan = Math.floor(yuan / 10_000);
  const rest = yuan % 10_000;
  let out = wan ? `${section(wan)}万` : '';
  if (rest) out += (wan && rest < 1_000 ? '零' : '') + section(rest);
  return `${out}元`;
}

/** An amount in a 万元 column, in one of the published forms. Zero is an empty cell or 0. */
export function wanCell(rng: Rng, yuan: number): Value {
  if (yuan === 0)
    return rng.weighted<Value>([
      [null, 3],
      [0, 1],
      ['0', 1],
    ]);
  const wan = yuan / 10_000;
  return rng.weighted<() => Value>([
    [() => wan, 55],
    [() => String(wan), 15],
    [() => wan.toFixed(4), 8],
    [() => `${wan}万`, 8],
    [() => `${yuan}元`, 8],
    [() => capitalYuan(yuan), 6],
  ])();
}

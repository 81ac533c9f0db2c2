/**
 * Orders that stop or restrict the service (责令停止托育服务, 责令停产停业, 停止执业, 暂扣/吊销许可证照, 取缔,
 * 责令关闭, 限制开展生产经营活动): for a family these matter more than any fine, so pages lead with them. Read from a
 * decision's 处罚类别 and 处罚内容 only — 违法事实 describes what happened, not what was ordered. Pure.
 */

/** 处罚类别 values of 行政处罚法 art. 9 that stop or restrict the service. */
const STOP_CATEGORIES = [
  '暂扣许可证件',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
] as const;

/**
 * Phrases of an order in free text. 责令停止 must not be 责令停止违法行为 (the routine "stop the violation"), and a
 * phrase ends at the next punctuation so that the shown order is the order itself.
 */
const STOP_PHRASE =
  /责令(?:停止(?!违法)|停业|停产|关闭)[^，。；、,;：:\s]{0,12}|停止执业|暂停(?:执业|营业|经营|服务)|(?:暂扣|吊销)[^，。；、,;：:\s]{0,10}(?:许可证|执照|证照|证件|证书)|取缔|限制开展生产经营活动|限制从业/;

export interface StopOrderInput {
  categories: readonly string[];
  content: string | null;
}

/** The words of the order (e.g. 责令停止托育服务), or null when the decision neither stops nor restricts. */
export function findStopOrder(p: StopOrderInput): string | null {
  for (const c of p.categories) {
    const m = STOP_PHRASE.exec(c);
    if (m) return m[0];
  }
  if (p.content) {
    const m = STOP_PHRASE.exec(p.content);
    if (m) return m[0];
  }
  for (const c of p.categories) {
    if ((STOP_CATEGORIES as readonly string[]).includes(c)) return c;
  }
  return null;
}

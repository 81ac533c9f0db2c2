/**
 * Whether a party (行政相对人, 检查对象, a listed name, a 举办方) is a natural person. Agencies spell the category many
 * ways (自然人, 个人, 公民, 自然人（个体）…) or leave it out, and write a person's name with a marker (王建国（个人）).
 * The rule, documented in data/README.md (privacy):
 * - a natural-person category of any spelling → a person;
 * - an organisation category (法人及非法人组织 …) → an organisation, unless the name itself carries a person marker
 *   and is no organisation name;
 * - 个体工商户, an unknown category or none → a person when the name is a person's name: no organisation word and
 *   two to four Han characters (or Han names joined by a middle dot, as minority names are written), or a name with
 *   a person marker that is no organisation name. A 个体工商户 trading under a business name stays public.
 */
import { withoutBlanks } from '../domain/whitespace.ts';
import { cleanText } from './normalise-text.ts';
import { surnameOf } from './surnames.ts';

export type CategoryKind = 'person' | 'business' | 'organisation' | 'unknown';

function compactCategory(category: string): string {
  return withoutBlanks(category.normalize('NFKC')).replace(
    /[()[\]【】〔〕{}<>《》「」『』'"“”‘’·.,，、:：;；/\\|_-]/g,
    '',
  );
}

/** What a 行政相对人类别 says, in any of its spellings. */
export function categoryKind(category: string | null): CategoryKind {
  const c = compactCategory(cleanText(category) ?? '');
  if (c === '') return 'unknown';
  if (/工商户|个体户|个体经营|个体商户/.test(c) || c === '个体') return 'business';
  if (/企业|组织|法人|单位|机构|公司|团体|机关|事业|社会/.test(c) && !/^自然人/.test(c))
    return 'organisation';
  if (/自然人|个人|公民|居民|个体|本人|自然/.test(c)) return 'person';
  return 'unknown';
}

/** Markers written after a person's name: 王建国（个人）, 王建国(自然人). */
const PERSON_MARKER =
  /[(（［[【〔]\s*(?:个人|自然人|个体|个体户|个体工商户|公民|本人)\s*[)）］\]】〕]\s*$|[-－—:：]\s*(?:个人|自然人)\s*$/u;

/**
 * Words that make a name an organisation's. Single characters count only at the end of the name, where a trade name
 * puts them (阳光托育园, 爱心母婴店); longer words count anywhere.
 */
const ORG_WORDS =
  /公司|中心|会所|集团|协会|学会|商会|基金|学校|学院|幼儿园|托育|托儿|早教|母婴|月子|产后|护理|养护|照护|育婴|婴幼|医院|诊所|门诊|卫生|保健|工作室|合作社|事务所|服务|有限|分公司|机构|俱乐部|乐园|家园|之家|商行|经营部|营业部|药房|药店|超市|商店|宝贝|宝宝|儿童|亲子|教育|培训|科技|文化|管理|实业|商贸|贸易|网络|连锁|分店|分园|门市|联盟|委员会|办公室|政府|街道|社区|村委|居委|大学|中学|小学|医疗|健康|康复|美容|酒店|宾馆|公寓|广场|大厦|市场|[A-Za-z0-9]/u;
// Not 轩, 苑, 阁, 家 …: they end many given names (王子轩) and few names of care institutions.
const ORG_SUFFIX = /[园所店部馆站室社院厂行坊点局委会校班堂处厅屋舍吧铺场库队团组司楼]$/u;

/** The name without spaces and without a trailing person marker, and whether it had one. */
export function stripPersonMarker(name: string): { base: string; marked: boolean } {
  const s = withoutBlanks(cleanText(name) ?? '');
  const m = PERSON_MARKER.exec(s);
  return m ? { base: s.slice(0, m.index), marked: true } : { base: s, marked: false };
}

/** Two to four Han characters, or Han names joined by a middle dot (阿依古丽·买买提). */
const HAN_NAME = /^\p{Script=Han}{2,4}$/u;
const DOTTED_NAME = /^\p{Script=Han}{1,8}(?:[·•・‧.．]\p{Script=Han}{1,8}){1,3}$/u;

/** Whether a name reads as an organisation's. */
export function isOrganisationName(name: string): boolean {
  const { base } = stripPersonMarker(name);
  if (ORG_WORDS.test(base)) return true;
  // 张园园, 王丽行 …: a doubled last character or a two-character name is a person's way of writing, not a trade
  // name's, even where the last character is also an organisation suffix.
  if (ORG_SUFFIX.test(base) && !(HAN_NAME.test(base) && base.length <= 3 && base.at(-1) === base.at(-2))) {
    return base.length > 2;
  }
  return false;
}

/** Whether a name (with no category to go by) is a person's. */
export function looksLikePersonName(name: string): boolean {
  const { base, marked } = stripPersonMarker(name);
  if (base === '' || isOrganisationName(base)) return false;
  const simple = base.normalize('NFKC');
  if (HAN_NAME.test(simple) || DOTTED_NAME.test(simple)) return true;
  return marked;
}

/** Whether a party with this name and 行政相对人类别 is a natural person. */
export function isNaturalPersonParty(name: string | null, category: string | null): boolean {
  const kind = categoryKind(category);
  if (kind === 'person') return true;
  const n = cleanText(name);
  if (n === null) return false;
  if (kind === 'organisation') {
    const { base, marked } = stripPersonMarker(n);
    return marked && !isOrganisationName(base);
  }
  return looksLikePersonName(n);
}

/** Whether a 行政相对人类别 names a natural person in any spelling. */
export function isNaturalPerson(category: string | null): boolean {
  return categoryKind(category) === 'person';
}

/** What the 举办方 column says instead of a name: the operator's nature. */
const OPERATOR_NATURE =
  /^(?:公办|民办|公立|私立|国有|国营|国企|集体|私营|民营|外资|合资|独资|股份|普惠|非营利|营利|政府|部队|高校|其他|公益|社会力量|用人单位|社区|街道|妇联|工会|国资|央企|市属|区属|县属|省属|混合所有)/u;

/**
 * Whether a 举办方 value is a person: the column mostly holds the operator's nature (企业, 社会组织, 其他 …), so a
 * name counts only when it starts with a surname or carries a person marker; 个人 alone says a person runs it too.
 */
export function isPersonOperator(value: string): boolean {
  const { base, marked } = stripPersonMarker(value);
  const kind = categoryKind(base);
  if (kind === 'person' && base.length <= 3) return true;
  if (kind !== 'unknown' || OPERATOR_NATURE.test(base) || !looksLikePersonName(value)) return false;
  return marked || surnameOf(base) !== null;
}

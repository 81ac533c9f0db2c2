/**
 * Invented names: institution brands and name patterns as agencies publish them, names of people, and the
 * Traditional-character and spaced spellings that some published lists carry.
 */
import type { Sector } from '../domain/schemas.ts';
import { withoutBlanks } from '../domain/whitespace.ts';
import type { Rng } from './random.ts';
import { type County, countyPrefix } from './regions.ts';

const CHILDCARE_HEAD = [
  '小',
  '乐',
  '童',
  '贝',
  '萌',
  '爱',
  '悦',
  '星',
  '暖',
  '橙',
  '蓝',
  '甜',
  '欢',
  '禾',
  '朵',
  '麦',
  '豆',
  '米',
  '糖',
  '芽',
  '优',
  '睿',
  '慧',
  '智',
  '博',
  '新',
  '金',
  '彩',
  '亲',
  '喜',
];
const CHILDCARE_TAIL = [
  '橡果',
  '太阳',
  '天使',
  '蜜蜂',
  '树苗',
  '雏菊',
  '贝壳',
  '星星',
  '月亮',
  '彩虹',
  '小鹿',
  '熊猫',
  '海豚',
  '蒲公英',
  '向日葵',
  '小船',
  '叮当',
  '摇篮',
  '童年',
  '宝贝',
  '乐园',
  '花园',
  '果果',
  '苗苗',
  '芽芽',
  '糖果',
  '积木',
  '画家',
  '博士',
  '书香',
  '知行',
  '启航',
  '成长',
  '阳光',
  '小象',
  '企鹅',
  '城堡',
  '森林',
  '晨曦',
  '童话',
];
const POSTPARTUM_HEAD = [
  '月',
  '悦',
  '馨',
  '禧',
  '颐',
  '康',
  '臻',
  '初',
  '怡',
  '喜',
  '尚',
  '美',
  '睿',
  '安',
  '沐',
  '恩',
  '雅',
  '嘉',
  '柔',
  '和',
];
const POSTPARTUM_TAIL = [
  '月',
  '悦',
  '护',
  '禧',
  '安',
  '蓓',
  '馨',
  '颐',
  '宁',
  '心',
  '家',
  '贝',
  '恩',
  '禾',
  '雅',
  '享',
  '孕',
  '然',
  '初',
  '朗',
];

export function childcareBrand(rng: Rng): string {
  const tail = rng.pick(CHILDCARE_TAIL);
  return rng.chance(0.15) ? tail : rng.pick(CHILDCARE_HEAD) + tail;
}

export function postpartumBrand(rng: Rng): string {
  for (;;) {
    const head = rng.pick(POSTPARTUM_HEAD);
    const tail = rng.pick(POSTPARTUM_TAIL);
    if (head !== tail) return head + tail;
  }
}

/** What kind of body a name denotes: it decides the operator and the first two characters of the USCC. */
export type BodyKind = 'company' | 'branch' | 'centre' | 'point' | 'kindergarten' | 'individual';

export interface NameChoice {
  name: string;
  body: BodyKind;
}

type Pattern = (county: County, brand: string) => NameChoice;

const CHILDCARE_PATTERNS: readonly (readonly [Pattern, number])[] = [
  [(c, b) => ({ name: `${countyPrefix(c)}${b}托育服务有限公司`, body: 'company' }), 18],
  [(c, b) => ({ name: `${c.city.prefix}${b}托育服务有限公司`, body: 'company' }), 8],
  [(c, b) => ({ name: `${c.city.prefix}${b}早教托育中心有限公司${c.short}分公司`, body: 'branch' }), 6],
  [
    (c, b) => ({ name: `${c.city.province.short}${c.city.short}${b}早教托育中心有限公司`, body: 'company' }),
    5,
  ],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}婴幼儿照护中心`, body: 'centre' }), 14],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}托育园`, body: 'centre' }), 12],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}托育中心`, body: 'centre' }), 12],
  [(c, b) => ({ name: `${c.city.prefix}${b}托儿所`, body: 'centre' }), 4],
  [(c, b) => ({ name: `${c.city.prefix}${b}育儿园`, body: 'centre' }), 3],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}托育点`, body: 'point' }), 7],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}幼儿园`, body: 'kindergarten' }), 6],
  [(c, b) => ({ name: `${b}（${c.city.short}）托育服务有限公司`, body: 'company' }), 5],
];

const POSTPARTUM_PATTERNS: readonly (readonly [Pattern, number])[] = [
  [(c, b) => ({ name: `${c.city.prefix}${b}月子会所`, body: 'centre' }), 14],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}母婴护理中心有限公司`, body: 'company' }), 14],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}产后康复护理中心`, body: 'centre' }), 12],
  [(c, b) => ({ name: `${b}（${c.city.short}）母婴护理中心有限公司`, body: 'company' }), 8],
  [(c, b) => ({ name: `${c.city.prefix}${b}母婴健康管理有限公司`, body: 'company' }), 10],
  [(c, b) => ({ name: `${c.city.prefix}${b}母婴护理服务有限公司${c.short}分公司`, body: 'branch' }), 10],
  [(c, b) => ({ name: `${countyPrefix(c)}${b}产后护理服务部`, body: 'individual' }), 8],
  [(c, b) => ({ name: `${c.city.province.short}${c.city.short}${b}月子中心有限公司`, body: 'company' }), 6],
];

/** The form names are compared in when the generator keeps them unique: no blank characters. */
export function nameKey(name: string): string {
  return withoutBlanks(name);
}

/**
 * A name for an institution in `county` not yet in `used` (compared by {@link nameKey}); the name is added to `used`.
 * Crowded counties fall back to branch names (…（解放大道店）) and numbered branches.
 */
export function makeInstitutionName(rng: Rng, sector: Sector, county: County, used: Set<string>): NameChoice {
  const patterns = sector === 'childcare' ? CHILDCARE_PATTERNS : POSTPARTUM_PATTERNS;
  for (let attempt = 0; attempt < 30; attempt++) {
    const brand = sector === 'childcare' ? childcareBrand(rng) : postpartumBrand(rng);
    const choice = rng.weighted(patterns)(county, brand);
    if (attempt >= 12) choice.name = `${choice.name}（${rng.pick(county.city.roads)}店）`;
    if (!used.has(nameKey(choice.name))) {
      used.add(nameKey(choice.name));
      return choice;
    }
  }
  const brand = sector === 'childcare' ? childcareBrand(rng) : postpartumBrand(rng);
  const base = rng.weighted(patterns)(county, brand);
  for (let n = 2; ; n++) {
    const name = `${base.name}（第${n}分店）`;
    if (!used.has(nameKey(name))) {
      used.add(nameKey(name));
      return { name, body: base.body };
    }
  }
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '田',
  '袁',
  '潘',
  '蒋',
  '蔡',
  '余',
  '杜',
  '叶',
  '程',
  '魏',
  '苏',
  '吕',
  '丁',
  '任',
  '沈',
  '姚',
  '卢',
  '姜',
  '崔',
  '钟',
  '谭',
  '陆',
  '汪',
  '范',
  '金',
  '石',
  '廖',
  '贾',
  '夏',
  '韦',
  '付',
  '方',
  '白',
  '邹',
  '孟',
  '熊',
  '秦',
  '邱',
  '江',
  '尹',
  '薛',
  '阎',
  '段',
  '雷',
  '侯',
  '龙',
  '史',
  '陶',
  '黎',
  '贺',
  '顾',
  '毛',
  '郝',
  '龚',
  '邵',
  '万',
  '钱',
  '严',
  '覃',
  '武',
  '戴',
  '莫',
  '孔',
  '向',
  '汤',
];
const REP_GIVEN = [
  '家豪',
  '子涵',
  '浩然',
  '雨桐',
  '梓萱',
  '俊杰',
  '欣怡',
  '宇轩',
  '思远',
  '佳琪',
  '晓东',
  '秀英',
  '桂芳',
  '志强',
  '永刚',
  '金凤',
  '立新',
  '雅琴',
  '宏伟',
  '晓丽',
  '建军',
  '丽华',
  '文博',
  '婷婷',
  '伟东',
];
/** Given names of natural persons: disjoint from the list above, so that their full names occur nowhere else. */
const PERSON_GIVEN = [
  '春燕',
  '海波',
  '玉兰',
  '建华',
  '丽娟',
  '国强',
  '红梅',
  '振宇',
  '淑芬',
  '德明',
  '美玲',
  '爱华',
  '学军',
  '秋菊',
  '新民',
  '凤英',
  '长江',
  '翠萍',
  '海燕',
  '志刚',
  '桂英',
  '玉梅',
  '立军',
  '素芳',
  '文华',
];

/** 法定代表人 / 经营者 of a legal person: public in 双公示 (the site need not show it). */
export function makeRepresentativeName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(REP_GIVEN);
}

/** A natural person's three-character name: private, must be masked as 某. */
export function makePersonName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(PERSON_GIVEN);
}

/**
 * Simplified → Traditional for the characters of these names, restricted to pairs that convert back unambiguously,
 * so that the Simplified form a pipeline derives (OpenCC t2s) is the name as listed elsewhere.
 */
const TRADITIONAL_PAIRS =
  '婴嬰儿兒护護园園乐樂宝寶贝貝爱愛区區务務东東汉漢宁寧凯凱阳陽蓝藍优優亲親学學会會颐頤悦悅产產后後复復树樹猫貓' +
  '华華书書摇搖篮籃当當欢歡启啟长長话話画畫广廣郑鄭贵貴龙龍岗崗湾灣积積鹅鵝黄黃镇鎮锦錦温溫双雙济濟鱼魚罗羅盐鹽' +
  '滨濱萧蕭观觀乌烏云雲从從仑崙';

const TRADITIONAL: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  const chars = [...TRADITIONAL_PAIRS];
  for (let i = 0; i + 1 < chars.length; i += 2) m.set(chars[i] as string, chars[i + 1] as string);
  return m;
})();

export function toTraditional(name: string): string {
  let out = '';
  for (const ch of name) out += TRADITIONAL.get(ch) ?? ch;
  return out;
}

/** Whether the Traditional form differs from the name (some names have no convertible character). */
export function hasTraditionalForm(name: string): boolean {
  return toTraditional(name) !== name;
}

/** The name with one or two spaces (ASCII or U+3000) typed inside it: 武汉市东西湖区 贝贝熊托育 服务中心. */
export function withInnerSpaces(rng: Rng, name: string): string {
  const chars = [...name];
  if (chars.length < 4) return `${name}\u3000`;
  const first = rng.int(2, chars.length - 2);
  chars.splice(first, 0, rng.pick([' ', '\u3000']));
  if (rng.chance(0.5)) chars.splice(rng.int(first + 2, chars.length - 1), 0, ' ');
  return chars.join('');
}

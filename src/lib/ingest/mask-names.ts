/**
 * Personal names in published text. A natural person is shown as surname + 某; every other spelling of the same name
 * in free text is masked too: spaced out, in Traditional characters, with compatibility forms, and in pinyin (JIA
 * Jiahao, Jiahao JIA, jiajiahao — readings from the pinyin-pro package, surname readings for the surname). Names of
 * third persons are recognised after the words that introduce a person (负责人, 员工, 护理员 …) when they start with
 * a known surname. Pure.
 */
import { pinyin } from 'pinyin-pro';
import { stripPersonMarker } from './classify-party.ts';
import { type Folded, fold, foldKey, replaceSpans } from './fold-text.ts';
import { COMPOUND_SURNAMES, SURNAMES } from './surnames.ts';

/** Words that start like a name after a cue word but are ordinary words ("负责人应当…", "员工管理…"). */
const COMMON_WORDS = new Set(
  (
    '应当 应该 应按 应予 应于 应对 应急 经营 经查 经核 经调 经营 通过 通知 通报 利用 利益 明知 明确 明显 管理 ' +
    '安全 安排 安装 常年 常住 全部 全面 全体 全程 文件 国家 公司 公示 公开 公共 公安 关于 关闭 关联 查明 查实 ' +
    '查处 查封 权利 权限 包括 包装 申请 申报 项目 车辆 余款 计划 容留 满足 东西 习惯 双方 党员 时间 平时 平台 ' +
    '成立 成本 高于 高度 金额 严重 宣传 宣布 干扰 干预 解除 解释 方可 方式 向社 曾经 于是 章程 费用 罗列 毕业 ' +
    '乐园 齐全 康复 黄色 毛病 计算 纪律 祝贺 董事 杜绝 季度 强制 强迫 危害 危险 颜色 钟点 夏季 支付 支出 莫名 ' +
    '房屋 房间 宗旨 程序 程度 荣誉 家长 家属 家庭 封闭 储存 储藏 段落 富余 焦虑 牧场 山区 车间 班级 秋季 仲裁 ' +
    '宁可 甘愿 祖父 武力 符合 景区 束缚 幸福 司机 薄弱 印章 印刷 宿舍 白天 怀孕 怀疑 从事 从业 从未 从而 索取 ' +
    '卓越 屠宰 蒙受 阴凉 能力 能够 党委 贡献 劳动 劳务 扶持 桑拿 牛奶 寿命 边境 燕窝 尚未 农村 农业 温度 别人 ' +
    '柴油 充足 充分 连续 连锁 艾灸 容器 容纳 向其 易于 慎重 居住 居民 衡量 步骤 弘扬 广告 广场 欧式 越过 隆重 ' +
    '师资 巩固 冷藏 冷冻 辛苦 那些 简单 简易 空气 空调 沙发 丰富 相关 相应 相同 后果 后续 红色 游泳 游戏 盖章 ' +
    '益智 任何 任意 任职 任务 苏醒 花费 方面 方法 方案 雷同 施工 施行 张贴 孔洞 严格 华丽 金钱 陶瓷 姜汤 谢绝 ' +
    '水电 云端 潘多 范围 鲁莽 马上 凤凰 史上 唐突 薛定 贺卡 汤药 殷勤 安置 乐意 时候 时段 时常 傅里 齐备 元旦 ' +
    '顾客 顾及 孟浪 穆斯 米粉 贝壳 明天 计费 伏击 成年 成员 成为 谈话 谈及 茅草 熊猫 屈服 项下 梁上 蓝色 ' +
    '席位 麻醉 路段 江边 童装 梅毒 盛装 林地 高温 田地 胡乱 霍乱 万元 经济 经过 房租 干净 应用 ' +
    '宗教 宣称 洪水 包含 左右 石材 吉祥 滑倒 曲线 惠民 甄别 井盖 乌龙 巴士 谷物 全额 班组 秋冬 宫颈 宁愿 ' +
    '甘心 厉行 龙头 叶片 印发 白色 怀抱 蒲公 索要 籍贯 池塘 乔装 能否 双人 闻讯 党建 申明 扶手 冉冉 宰杀 ' +
    '牛羊 通行 边缘 燕麦 浦东 尚且 农药 温馨 庄园 柴火 连带 连同 茹素 习得 艾滋 鱼类 容易 向外 古代 易燃 ' +
    '戈壁 居然 居室 都是 都有 都未 满意 国内 国外 文明 文化 广泛 东侧 欧美 利润 越来 隆起 师傅 冷静 辛劳 ' +
    '简称 空间 空白 曾于 曾因 曾在 沙子 养育 养护 须经 须知 丰收 关系 关注 相关 查看 查询 后期 后来 红包 游乐 ' +
    '权益 盖子 益处 公告 公众 公章 岳父 年度 年龄 年满 爱心 爱护 阳光 阳台 付款 付费 区域 区别 练习 兰花 银行 ' +
    '晋升 迟到 迟延 修改 修理 修缮 栗子 但是 么么 剧烈 植物 麦片 黎明 郁闷 单位 单独 单据 杭州 石家 华为 云南 ' +
    '江苏 江西 广东 广西 贵州 山东 山西 海南 宁波 宁夏 温州 金华 台州 黄石 黄冈 孝感 荆州 荆门 鄂州 咸宁 随州 ' +
    '恩施 仙桃 潜江 天门 武汉 长沙 成都 重庆 上海 北京 天津 南京 苏州 无锡 常州 镇江 扬州 泰州 徐州 连云 淮安 ' +
    '盐城 宿迁 南通 杭州 湖州 嘉兴 绍兴 舟山 衢州 丽水 凯里 黔东 贵阳 遵义 安顺 毕节 铜仁 六盘'
  ).split(' '),
);

/** Characters that end a name when they stand right after the first given character ("张丽负责…" → 张丽). */
const AFTER_NAME = new Set([
  ...'未于在已将等的地得从向对与和及因为系擅无不称是私违自被所同以涉并也都就均没亦现当到把给让拒逾持使负其该此又还',
  ...'仍再即便曾经后前时中内外上下里间起来去过了着之而且或但却则乃按予某作担签说讲表承否拥受做办开收提曾共每各等',
]);

/** Words that introduce a person's name in enforcement text. */
const CUES = [
  ...['法定代表人', '法人代表', '实际控制人', '主要负责人', '负责人', '当事人', '举办者', '举办人', '经营者'],
  ...[
    '经营人',
    '园长',
    '院长',
    '店长',
    '员工',
    '职工',
    '雇员',
    '护理员',
    '保育员',
    '育婴员',
    '育婴师',
    '护士',
  ],
  ...['保健医', '保健员', '教师', '老师', '股东', '投资人', '出资人', '从业人员', '工作人员', '月嫂', '保姆'],
  ...['厨师', '炊事员', '业主', '投诉人', '举报人', '监护人', '租户', '房东', '联系人', '申请人', '代理人'],
  ...['委托人', '受托人', '证人', '户主', '法人'],
];
const CUE = new RegExp(
  `(?:${CUES.sort((a, b) => b.length - a.length).join('|')})(?:[:：，,]|名为|名叫|姓名为|姓名|为|是|系|即|叫)?`,
  'gu',
);
const HAN = /^\p{Script=Han}$/u;
/** A place or organisation word in what follows a cue: "当事人宁波市…", "负责人阳光托育中心…" name no person. */
const NOT_A_PERSON =
  /[市县区省镇乡村州盟旗]|公司|中心|托育|幼儿|早教|母婴|月子|会所|机构|学校|医院|诊所|协会|服务|护理|园$|所$|店$|部$|馆$|站$|室$|社$|院$|厂$|行$|坊$|点$/u;

/** The segment a name would start at: Han characters up to the first character that cannot be part of a name. */
function segmentAt(text: string, at: number): string {
  let end = at;
  while (end < text.length && end - at < 16 && HAN.test(text[end] as string) && text[end] !== '某') end++;
  return text.slice(at, end);
}

/** A name starting at `at` of folded text (surname + one or two given characters), or null. */
function nameAt(text: string, at: number): string | null {
  const two = text.slice(at, at + 2);
  const surname = COMPOUND_SURNAMES.has(two)
    ? two
    : SURNAMES.has(text[at] ?? '')
      ? (text[at] as string)
      : null;
  if (!surname) return null;
  const g0 = text[at + surname.length];
  const g1 = text[at + surname.length + 1];
  if (!g0 || !HAN.test(g0) || AFTER_NAME.has(g0)) return null;
  const given = g1 && HAN.test(g1) && !AFTER_NAME.has(g1) ? g0 + g1 : g0;
  const name = surname + given;
  if (COMMON_WORDS.has(name.slice(0, 2))) return null;
  const seg = segmentAt(text, at);
  // What runs on after the name up to a stop: an organisation or a place is no person.
  let stop = 0;
  while (stop < seg.length && !(stop >= name.length && AFTER_NAME.has(seg[stop] as string))) stop++;
  if (NOT_A_PERSON.test(seg.slice(0, Math.max(stop, name.length)).slice(1))) return null;
  return name;
}

/**
 * Names of persons introduced by a cue word in free text (in folded, Simplified form): "护理员王芳未取得…" → 王芳;
 * "员工王芳、李娜…" → 王芳, 李娜.
 */
export function findNamesAfterCues(text: string): string[] {
  const f = fold(text, { dropSpaces: true }).text;
  const out: string[] = [];
  for (const m of f.matchAll(CUE)) {
    let at = m.index + m[0].length;
    for (let n = 0; n < 5; n++) {
      const name = nameAt(f, at);
      if (!name) break;
      out.push(name);
      at += name.length;
      if (!/^[、，,和及与]$/u.test(f[at] ?? '')) break;
      at++;
    }
  }
  return out;
}

/** 张三 → 张某; 欧阳修 → 欧阳某; 王建国（个人） → 王某. */
export function maskPersonName(name: string): string {
  const chars = [...stripPersonMarker(name).base];
  if (chars.length === 0) return '';
  const two = chars.slice(0, 2).join('');
  const surname = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? two : (chars[0] ?? '');
  return `${surname}某`;
}

const PINYIN_OPTS = { toneType: 'none', type: 'array' } as const;

/** ü is typed as u, v or yu. */
function umlautForms(syllable: string): string[] {
  const s = syllable.toLowerCase();
  return s.includes('ü') ? [s.replace(/ü/g, 'u'), s.replace(/ü/g, 'v'), s.replace(/ü/g, 'yu')] : [s];
}

/** Every joining of alternatives, at most `limit` of them. */
function product(parts: string[][], limit: number): string[] {
  let out = [''];
  for (const p of parts) {
    const next: string[] = [];
    for (const a of out) for (const b of p) if (next.length < limit) next.push(a + b);
    out = next;
  }
  return out;
}

/**
 * The letter strings a name's pinyin is written as, spaces and case aside: surname first (jiajiahao) and given name
 * first (jiahaojia). Each given character brings its readings (polyphones); the surname its surname reading.
 */
export function pinyinKeys(name: string): string[] {
  const base = foldKey(stripPersonMarker(name).base);
  const chars = [...base];
  if (chars.length < 2 || chars.length > 4 || !chars.every((c) => HAN.test(c))) return [];
  const sLen = chars.length > 2 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const surname = chars.slice(0, sLen).join('');
  const surnameReadings = [pinyin(surname, { ...PINYIN_OPTS, mode: 'surname' }).join('')];
  surnameReadings.push(pinyin(surname, PINYIN_OPTS).join(''));
  const given = chars.slice(sLen).map((c) => {
    const readings = pinyin(c, { ...PINYIN_OPTS, multiple: true }) as string[];
    return [...new Set(readings.flatMap(umlautForms))].filter((r) => /^[a-z]+$/.test(r));
  });
  if (given.some((g) => g.length === 0)) return [];
  const s = [...new Set(surnameReadings.flatMap(umlautForms))].filter((r) => /^[a-z]+$/.test(r));
  const g = product(given, 12);
  const keys = new Set<string>();
  for (const a of s) {
    for (const b of g) {
      keys.add(a + b);
      keys.add(b + a);
    }
  }
  return [...keys];
}

/** Characters that may stand between the words of a romanised name: "JIA Jiahao", "Jia-Jiahao", "JIA, Jiahao". */
const LATIN_GAP = /^[\s\-‐‑·.,，_'’]{1,3}$/u;

/**
 * Masks a set of known names wherever they occur, in any of the spellings above. Built once for many texts: lookups
 * are by folded substring, so the cost does not grow with the number of names.
 */
export class NameMasker {
  private readonly han = new Map<string, string>();
  private readonly latin = new Map<string, string>();
  private readonly firsts = new Set<string>();
  private longest = 0;

  /** `entries`: a name as published and what it is replaced with (its masked form when not given). */
  constructor(entries: Iterable<string | readonly [string, string]>) {
    for (const e of entries)
      this.add(typeof e === 'string' ? e : e[0], typeof e === 'string' ? undefined : e[1]);
  }

  get size(): number {
    return this.han.size;
  }

  add(name: string, masked = maskPersonName(name)): void {
    const key = foldKey(stripPersonMarker(name).base);
    if ([...key].length < 2 || key.includes('某')) return;
    if (!this.han.has(key)) this.han.set(key, masked);
    const full = foldKey(name);
    if (full !== key && !this.han.has(full)) this.han.set(full, masked);
    for (const k of [key, full]) {
      this.firsts.add(k[0] as string);
      this.longest = Math.max(this.longest, k.length);
    }
    for (const p of pinyinKeys(name)) if (p.length >= 4 && !this.latin.has(p)) this.latin.set(p, masked);
  }

  mask(text: string): string {
    if (this.han.size === 0) return text;
    let out = this.maskHan(text);
    if (this.latin.size > 0 && /[A-Za-zÀ-ɏＡ-Ｚａ-ｚ]/.test(out)) out = this.maskLatin(out);
    return out;
  }

  private maskHan(text: string): string {
    const f = fold(text, { dropSpaces: true });
    const spans: Array<{ from: number; to: number; by: string }> = [];
    for (let k = 0; k < f.text.length; k++) {
      if (!this.firsts.has(f.text[k] as string)) continue;
      for (let len = Math.min(this.longest, f.text.length - k); len >= 2; len--) {
        const by = this.han.get(f.text.slice(k, k + len));
        if (by === undefined) continue;
        spans.push({ from: k, to: k + len, by });
        k += len - 1;
        break;
      }
    }
    return spans.length > 0 ? replaceSpans(text, f, spans) : text;
  }

  private maskLatin(text: string): string {
    const f: Folded = fold(text, { dropSpaces: false });
    const words = [...f.text.matchAll(/[a-z]+/g)].map((m) => ({ from: m.index, to: m.index + m[0].length }));
    const spans: Array<{ from: number; to: number; by: string }> = [];
    for (let i = 0; i < words.length; i++) {
      let joined = '';
      let best: { to: number; by: string; next: number } | null = null;
      for (let j = i; j < words.length && j < i + 4; j++) {
        const w = words[j] as { from: number; to: number };
        if (j > i && !LATIN_GAP.test(f.text.slice((words[j - 1] as { to: number }).to, w.from))) break;
        joined += f.text.slice(w.from, w.to);
        const by = this.latin.get(joined);
        if (by !== undefined) best = { to: w.to, by, next: j };
      }
      if (best) {
        spans.push({ from: (words[i] as { from: number }).from, to: best.to, by: best.by });
        i = best.next;
      }
    }
    return spans.length > 0 ? replaceSpans(text, f, spans) : text;
  }
}

/** The Simplified, space-free form of a name, as names are compared across rows. */
export function nameKeyOf(name: string): string {
  return foldKey(stripPersonMarker(name).base);
}

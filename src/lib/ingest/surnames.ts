/** Chinese surnames, for telling a person's name from an ordinary word. */
import { foldKey } from './fold-text.ts';

/** Two-character surnames, so that 欧阳修 becomes 欧阳某 rather than 欧某. */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  ...['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '令狐', '慕容', '尉迟', '公孙', '夏侯', '司徒', '司空'],
  ...['长孙', '宇文', '轩辕', '端木', '独孤', '南宫', '西门', '澹台', '万俟', '闻人', '申屠', '呼延', '钟离'],
  ...['宗政', '濮阳', '太史', '公冶', '赫连', '拓跋', '百里', '东郭', '单于', '乐正', '闾丘', '亓官', '左丘'],
  ...['第五', '歐陽', '諸葛', '司馬', '東方', '長孫', '軒轅', '獨孤', '鍾離', '聞人', '濮陽', '東郭', '樂正'],
]);

/**
 * Single-character surnames (百家姓 and the common modern ones), Simplified. A word that follows a cue word is taken
 * for a name only when it starts with one of these. 和 and 同 are left out: after a cue word they are far more often
 * "and" than a surname.
 */
export const SURNAMES: ReadonlySet<string> = new Set(
  [
    ...'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马',
    ...'苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄穆萧尹姚邵湛汪祁',
    ...'毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊',
    ...'胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮',
    ...'羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜',
    ...'黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈',
    ...'燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越',
    ...'夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公岳帅缑亢况佘佴伯赏墨',
    ...'哈谯笪年爱阳佟肖付覃闫揭谌粟邝冼区练兰綦银晋迟修雒栗仝靖但么剧郇植麦庹泮鄢邸',
  ].filter((c) => c !== '和' && c !== '同'),
);

/** The surname a name starts with (compound first), in Simplified form, or null. */
export function surnameOf(name: string): string | null {
  const f = foldKey(name);
  const two = f.slice(0, 2);
  if (f.length > 2 && COMPOUND_SURNAMES.has(two)) return two;
  const one = f.slice(0, 1);
  return SURNAMES.has(one) || one === '和' || one === '同' ? one : null;
}

/**
 * A small curated table of real GB/T 2260 areas the sample places institutions in: seven provinces, ten cities and
 * their districts and counties, with rough centre coordinates (WGS-84), telephone area codes, some main roads and
 * the development zones that agencies write in a 区县 column although they are no GB/T 2260 area.
 */

export interface County {
  code: string;
  name: string;
  /** The name without 区/县/市 as used inside institution names and document numbers (东西湖, 凯里). */
  short: string;
  lat: number;
  lon: number;
  city: City;
}

export interface City {
  code: string;
  name: string;
  /** As institution names and addresses begin: 武汉市, 黔东南州. */
  prefix: string;
  short: string;
  /** One-character abbreviation used in document numbers (甬市监罚〔2025〕14号). */
  abbr: string;
  /** Web domain of the city government, for manifest URLs. */
  domain: string;
  areaCode: string;
  /** Digits of a local landline number. */
  localDigits: 7 | 8;
  roads: readonly string[];
  /**
   * Names agencies put in a 区县 column that are no GB/T 2260 area. Zones that the statistical division codes list
   * (郑州经济技术开发区 410171) are left out: a register may resolve them.
   */
  zones: readonly string[];
  province: Province;
  counties: County[];
}

export interface Province {
  code: string;
  name: string;
  short: string;
}

type CountyRow = readonly [code: string, name: string, lat: number, lon: number];

interface CityRow {
  code: string;
  name: string;
  prefix: string;
  short: string;
  abbr: string;
  domain: string;
  areaCode: string;
  localDigits: 7 | 8;
  roads: readonly string[];
  zones: readonly string[];
  province: Province;
  counties: readonly CountyRow[];
}

const HUBEI: Province = { code: '420000', name: '湖北省', short: '湖北' };
const GUIZHOU: Province = { code: '520000', name: '贵州省', short: '贵州' };
const ZHEJIANG: Province = { code: '330000', name: '浙江省', short: '浙江' };
const GUANGDONG: Province = { code: '440000', name: '广东省', short: '广东' };
const SICHUAN: Province = { code: '510000', name: '四川省', short: '四川' };
const HENAN: Province = { code: '410000', name: '河南省', short: '河南' };
const GUANGXI: Province = { code: '450000', name: '广西壮族自治区', short: '广西' };

/** Ordered so that the first seven cities cover the seven provinces: a small sample still spans all of them. */
const CITY_ROWS: readonly CityRow[] = [
  {
    code: '420100',
    name: '武汉市',
    prefix: '武汉市',
    short: '武汉',
    abbr: '武',
    domain: 'wuhan.gov.cn',
    areaCode: '027',
    localDigits: 8,
    roads: [
      '解放大道',
      '中山大道',
      '建设大道',
      '京汉大道',
      '武珞路',
      '珞喻路',
      '雄楚大道',
      '光谷大道',
      '金银湖路',
      '东吴大道',
      '新城十四路',
      '七雄路',
      '马池路',
      '革新大道',
      '汉阳大道',
      '友谊大道',
      '和平大道',
      '文化大道',
      '前川大道',
    ],
    zones: ['武汉经济技术开发区', '东湖新技术开发区'],
    province: HUBEI,
    counties: [
      ['420112', '东西湖区', 30.62, 114.14],
      ['420102', '江岸区', 30.6, 114.31],
      ['420106', '武昌区', 30.55, 114.32],
      ['420111', '洪山区', 30.5, 114.34],
      ['420103', '江汉区', 30.6, 114.27],
      ['420104', '硚口区', 30.58, 114.22],
      ['420105', '汉阳区', 30.55, 114.22],
      ['420107', '青山区', 30.63, 114.39],
      ['420113', '汉南区', 30.31, 114.08],
      ['420114', '蔡甸区', 30.58, 114.03],
      ['420115', '江夏区', 30.38, 114.32],
      ['420116', '黄陂区', 30.88, 114.38],
      ['420117', '新洲区', 30.84, 114.8],
    ],
  },
  {
    code: '522600',
    name: '黔东南苗族侗族自治州',
    prefix: '黔东南州',
    short: '黔东南',
    abbr: '黔',
    domain: 'qdn.gov.cn',
    areaCode: '0855',
    localDigits: 7,
    roads: [
      '宁波路',
      '韶山南路',
      '龙井路',
      '天一路',
      '北京东路',
      '清江路',
      '大十字路',
      '开元大道',
      '金泉湖路',
      '环城北路',
      '营盘东路',
      '文化北路',
      '永丰路',
      '鸭塘大道',
    ],
    zones: ['凯里经济开发区'],
    province: GUIZHOU,
    counties: [
      ['522601', '凯里市', 26.57, 107.98],
      ['522622', '黄平县', 26.91, 107.92],
      ['522631', '黎平县', 26.23, 109.14],
      ['522632', '榕江县', 25.93, 108.52],
      ['522625', '镇远县', 27.05, 108.43],
      ['522623', '施秉县', 27.03, 108.12],
      ['522624', '三穗县', 26.95, 108.68],
      ['522626', '岑巩县', 27.17, 108.82],
      ['522627', '天柱县', 26.91, 109.21],
      ['522628', '锦屏县', 26.68, 109.2],
      ['522629', '剑河县', 26.73, 108.44],
      ['522630', '台江县', 26.67, 108.32],
      ['522633', '从江县', 25.75, 108.91],
      ['522634', '雷山县', 26.38, 108.08],
      ['522635', '麻江县', 26.49, 107.59],
      ['522636', '丹寨县', 26.2, 107.79],
    ],
  },
  {
    code: '330200',
    name: '宁波市',
    prefix: '宁波市',
    short: '宁波',
    abbr: '甬',
    domain: 'ningbo.gov.cn',
    areaCode: '0574',
    localDigits: 8,
    roads: [
      '中山东路',
      '百丈东路',
      '大庆南路',
      '环城西路',
      '钱湖北路',
      '新城大道',
      '庄市大道',
      '日丽中路',
      '首南中路',
      '解放北路',
      '四明中路',
      '江南路',
      '长春路',
      '人民路',
      '孝闻街',
    ],
    zones: ['宁波国家高新区', '宁波杭州湾新区'],
    province: ZHEJIANG,
    counties: [
      ['330203', '海曙区', 29.87, 121.55],
      ['330212', '鄞州区', 29.82, 121.55],
      ['330205', '江北区', 29.89, 121.56],
      ['330206', '北仑区', 29.9, 121.84],
      ['330211', '镇海区', 29.95, 121.72],
      ['330213', '奉化区', 29.66, 121.41],
      ['330225', '象山县', 29.48, 121.87],
      ['330226', '宁海县', 29.29, 121.43],
      ['330281', '余姚市', 30.04, 121.15],
      ['330282', '慈溪市', 30.17, 121.27],
    ],
  },
  {
    code: '440100',
    name: '广州市',
    prefix: '广州市',
    short: '广州',
    abbr: '穗',
    domain: 'gz.gov.cn',
    areaCode: '020',
    localDigits: 8,
    roads: [
      '中山大道',
      '天河北路',
      '东风中路',
      '江南大道中',
      '工业大道',
      '黄埔大道',
      '广州大道',
      '白云大道',
      '市桥街',
      '迎宾大道',
      '荔湾路',
      '宝岗大道',
    ],
    zones: ['广州经济技术开发区'],
    province: GUANGDONG,
    counties: [
      ['440106', '天河区', 23.13, 113.36],
      ['440105', '海珠区', 23.08, 113.32],
      ['440113', '番禺区', 22.94, 113.38],
      ['440111', '白云区', 23.16, 113.27],
      ['440104', '越秀区', 23.13, 113.27],
      ['440103', '荔湾区', 23.13, 113.24],
      ['440112', '黄埔区', 23.1, 113.46],
      ['440114', '花都区', 23.4, 113.22],
      ['440115', '南沙区', 22.8, 113.53],
      ['440117', '从化区', 23.55, 113.59],
      ['440118', '增城区', 23.26, 113.81],
    ],
  },
  {
    code: '510100',
    name: '成都市',
    prefix: '成都市',
    short: '成都',
    abbr: '蓉',
    domain: 'chengdu.gov.cn',
    areaCode: '028',
    localDigits: 8,
    roads: [
      '人民南路',
      '蜀都大道',
      '一环路',
      '二环路',
      '天府大道',
      '红星路',
      '人民北路',
      '金沙路',
      '光华大道',
      '龙腾路',
      '府青路',
    ],
    zones: ['成都高新区', '天府新区成都直管区'],
    province: SICHUAN,
    counties: [
      ['510107', '武侯区', 30.64, 104.04],
      ['510104', '锦江区', 30.66, 104.08],
      ['510105', '青羊区', 30.67, 104.06],
      ['510106', '金牛区', 30.69, 104.05],
      ['510108', '成华区', 30.66, 104.1],
      ['510112', '龙泉驿区', 30.56, 104.27],
      ['510113', '青白江区', 30.88, 104.25],
      ['510114', '新都区', 30.82, 104.16],
      ['510115', '温江区', 30.68, 103.84],
      ['510116', '双流区', 30.57, 103.92],
      ['510117', '郫都区', 30.8, 103.9],
      ['510118', '新津区', 30.41, 103.81],
    ],
  },
  {
    code: '410100',
    name: '郑州市',
    prefix: '郑州市',
    short: '郑州',
    abbr: '郑',
    domain: 'zhengzhou.gov.cn',
    areaCode: '0371',
    localDigits: 8,
    roads: [
      '中原路',
      '建设路',
      '金水路',
      '花园路',
      '文化路',
      '农业路',
      '大学路',
      '嵩山路',
      '航海路',
      '紫荆山路',
      '郑汴路',
    ],
    zones: ['郑东新区'],
    province: HENAN,
    counties: [
      ['410105', '金水区', 34.8, 113.66],
      ['410102', '中原区', 34.75, 113.61],
      ['410103', '二七区', 34.72, 113.64],
      ['410104', '管城回族区', 34.75, 113.68],
      ['410106', '上街区', 34.8, 113.31],
      ['410108', '惠济区', 34.87, 113.62],
      ['410122', '中牟县', 34.72, 113.98],
      ['410181', '巩义市', 34.75, 113.02],
      ['410182', '荥阳市', 34.79, 113.38],
      ['410183', '新密市', 34.54, 113.39],
      ['410184', '新郑市', 34.4, 113.74],
      ['410185', '登封市', 34.45, 113.05],
    ],
  },
  {
    code: '450200',
    name: '柳州市',
    prefix: '柳州市',
    short: '柳州',
    abbr: '柳',
    domain: 'liuzhou.gov.cn',
    areaCode: '0772',
    localDigits: 7,
    roads: [
      '文昌路',
      '东环大道',
      '龙城路',
      '飞鹅路',
      '柳石路',
      '潭中路',
      '屏山大道',
      '广场路',
      '五一路',
      '柳江路',
    ],
    zones: ['柳东新区', '阳和工业新区'],
    province: GUANGXI,
    counties: [
      ['450202', '城中区', 24.32, 109.41],
      ['450203', '鱼峰区', 24.32, 109.45],
      ['450204', '柳南区', 24.29, 109.39],
      ['450205', '柳北区', 24.36, 109.4],
      ['450206', '柳江区', 24.25, 109.33],
      ['450222', '柳城县', 24.65, 109.24],
      ['450223', '鹿寨县', 24.47, 109.75],
    ],
  },
  {
    code: '440300',
    name: '深圳市',
    prefix: '深圳市',
    short: '深圳',
    abbr: '深',
    domain: 'sz.gov.cn',
    areaCode: '0755',
    localDigits: 8,
    roads: [
      '深南大道',
      '北环大道',
      '滨海大道',
      '宝安大道',
      '龙岗大道',
      '民治大道',
      '南海大道',
      '福华路',
      '梅林路',
      '沙河西路',
      '人民北路',
    ],
    zones: ['大鹏新区', '深汕特别合作区'],
    province: GUANGDONG,
    counties: [
      ['440304', '福田区', 22.52, 114.05],
      ['440305', '南山区', 22.53, 113.93],
      ['440306', '宝安区', 22.55, 113.88],
      ['440307', '龙岗区', 22.72, 114.25],
      ['440303', '罗湖区', 22.55, 114.13],
      ['440308', '盐田区', 22.56, 114.24],
      ['440309', '龙华区', 22.69, 114.04],
      ['440310', '坪山区', 22.69, 114.35],
      ['440311', '光明区', 22.75, 113.94],
    ],
  },
  {
    code: '330100',
    name: '杭州市',
    prefix: '杭州市',
    short: '杭州',
    abbr: '杭',
    domain: 'hangzhou.gov.cn',
    areaCode: '0571',
    localDigits: 8,
    roads: [
      '延安路',
      '解放路',
      '文三路',
      '天目山路',
      '莫干山路',
      '江南大道',
      '滨盛路',
      '市心中路',
      '文一西路',
      '丰潭路',
      '湖墅南路',
    ],
    zones: ['杭州经济技术开发区'],
    province: ZHEJIANG,
    counties: [
      ['330106', '西湖区', 30.26, 120.13],
      ['330102', '上城区', 30.24, 120.17],
      ['330105', '拱墅区', 30.32, 120.14],
      ['330108', '滨江区', 30.21, 120.21],
      ['330109', '萧山区', 30.16, 120.26],
      ['330110', '余杭区', 30.42, 120.3],
    ],
  },
  {
    code: '520100',
    name: '贵阳市',
    prefix: '贵阳市',
    short: '贵阳',
    abbr: '筑',
    domain: 'guiyang.gov.cn',
    areaCode: '0851',
    localDigits: 8,
    roads: [
      '中华北路',
      '延安中路',
      '遵义路',
      '宝山北路',
      '花溪大道',
      '林城西路',
      '北京路',
      '新添大道',
      '黔灵西路',
    ],
    zones: ['贵阳经济技术开发区'],
    province: GUIZHOU,
    counties: [
      ['520102', '南明区', 26.57, 106.71],
      ['520103', '云岩区', 26.6, 106.72],
      ['520115', '观山湖区', 26.6, 106.63],
      ['520111', '花溪区', 26.41, 106.67],
      ['520112', '乌当区', 26.63, 106.75],
      ['520113', '白云区', 26.68, 106.63],
    ],
  },
];

function shortName(name: string): string {
  const base = name.replace(/回族区$/, '').replace(/[区县市]$/, '');
  return base.length >= 2 ? base : name;
}

export const CITIES: readonly City[] = CITY_ROWS.map((row) => {
  const city: City = { ...row, counties: [] };
  city.counties = row.counties.map(([code, name, lat, lon]) => ({
    code,
    name,
    short: shortName(name),
    lat,
    lon,
    city,
  }));
  return city;
});

export const PROVINCES: readonly Province[] = [
  ...new Map(CITIES.map((c) => [c.province.code, c.province])).values(),
];

/**
 * The counties a sample of `institutions` uses: about one per 80 institutions, at least one per city of the first
 * seven (all provinces), taken round-robin over the cities so that every city grows evenly.
 */
export function pickCounties(institutions: number): County[] {
  const all = CITIES.reduce((n, c) => n + c.counties.length, 0);
  const want = Math.min(all, Math.max(7, Math.ceil(institutions / 80)));
  const picked: County[] = [];
  for (let round = 0; picked.length < want; round++) {
    for (const city of CITIES) {
      const county = city.counties[round];
      if (county && picked.length < want) picked.push(county);
    }
  }
  return picked;
}

/** How an address or a name begins: 武汉市东西湖区, but 凯里市 or 余姚市 for a county-level city, 黄平县 in a 州. */
export function countyPrefix(county: County): string {
  return county.name.endsWith('市') || county.city.code === '522600'
    ? county.name
    : `${county.city.prefix}${county.name}`;
}

/**
 * The problem codes of the data contract (data/README.md, "Codes"): one union type, each code with the Chinese label
 * an agency clerk reads on the source pages and in the report. A code the pipeline emits must be one of these, so a
 * new code does not type-check until it has its label here and its entry in data/README.md (problems.test.ts).
 */
const LABELS = {
  'missing-required': '必填项为空（如机构名称、文号、处罚决定日期），该行未采用',
  'invalid-date': '日期无法识别或不存在（如 2月30日），该行未采用',
  'future-date': '日期晚于数据日期，不可能成立，该行未采用',
  'bad-uscc-charset': '统一社会信用代码含有不允许的字符（如字母 I、O、Z、S、V），该行未采用',
  'bad-uscc-length': '统一社会信用代码不是 18 位，该行未采用',
  'uscc-checksum': '统一社会信用代码校验位不符，按原值保留并提示',
  'uscc-normalised': '统一社会信用代码以全角、小写或夹带空格的形式发布，已规范为半角大写后采用',
  'person-id-number': '在应填机构代码处出现了居民身份证号码，为保护个人信息该行未采用',
  'pii-redacted': '自由文本（备注、违法事实、处罚依据、检查事项等）中的证件号码、手机号码已遮蔽',
  'natural-person-hidden': '名单中的名称是自然人姓名，为保护个人信息该行不予公开',
  'duplicate-row': '与同一文件中前面的行完全重复，已合并',
  'unknown-region': '区县名称不是规范的行政区划，已按发布机关所在地区归档',
  'unknown-column': '有无法识别的列，该列内容未发布',
  'invalid-amount': '金额为负数或无法识别，该行未采用',
  'amount-suspect': '金额远超法定上限，可能把“元”填入了“万元”列，请核对原文',
  'invalid-coordinates': '经纬度不在中国范围内或颠倒，已丢弃或纠正',
  'invalid-number': '数字无法识别（如托位数），该值未采用',
  'invalid-value': '取值不在允许的范围内，该值未采用',
  'unknown-category': '处罚类别不是行政处罚法第九条规定的种类，按原文保留',
  'document-number-conflict': '同一决定书文号对应不同的行政相对人，按两条处罚分别发布，请核对文号',
  'penalty-outside-region': '处罚关联到的机构登记在发布机关所辖地区以外，仍予关联，请核对代码或名称',
  'bad-manifest': '来源说明文件（source.yml）有误',
  'missing-file': '来源说明中列出的文件不存在',
  'unlisted-file': '目录中有来源说明未列出的文件，未读取',
  'empty-file': '文件为空',
  'file-too-large': '文件过大，未读取',
  'corrupt-file': '文件已损坏，无法读取',
  'unsupported-format': '文件格式不受支持',
  'no-data-table': '网页或文档中没有数据表格',
  'needs-ocr': '图片或扫描件没有文字层，需要人工录入或 OCR',
  'table-not-found': '来源说明指定的表格在文件中没有找到',
  'csv-syntax': 'CSV 文件格式有误（如引号不配对）',
  'mixed-encoding': '文件中混用了多种字符编码',
  'no-header': '找不到表头行',
  'missing-column': '缺少必需的列',
  'duplicate-column': '同一字段出现在两列中',
  'sheet-ignored': '工作簿中的其他工作表未读取',
  'cell-too-long': '单元格内容超过长度上限（10 万字符），该行未采用',
  'csv-quote': 'CSV 中引号不配对，已改为逐行读取；无法拆分的行未采用',
  'duplicate-row-number': '工作表中同一行号出现两次，两行分别读取（或说明未能读取的一行）',
  'invalid-record': 'JSON 数组中的元素不是一条记录（对象），该行未采用',
  'not-regular-file': '不是数据目录中的普通文件（指向目录外的链接、管道、设备或断开的链接），未读取',
  'too-many-cells': '工作簿展开后单元格过多（如覆盖整张表的合并单元格），未读取',
  'too-deep': 'JSON 嵌套层数过多，未读取',
  'removed-before-listed': '黑名单移出日期早于列入日期，按先列入、后移出处理',
  'same-day-removal': '同一天既列入又注销（撤销），按先列入、后注销处理',
  'penalty-corrected': '同一决定书文号后来重新公布且内容不同，以后公布的为准，并在处罚上注明更正',
  'ambiguous-match': '未填统一社会信用代码的处罚或名单记录按名称匹配到多家机构，无法确定，未关联任何机构',
} satisfies Record<string, string>;

export type ProblemCode = keyof typeof LABELS;

export const PROBLEM_LABEL: Readonly<Record<ProblemCode, string>> = LABELS;

export const PROBLEM_CODES = Object.keys(LABELS) as [ProblemCode, ...ProblemCode[]];

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_LABEL, code);
}

/** The label of a code as read back from a report or the site data (a string), or the code itself. */
export function problemLabel(code: string): string {
  return isProblemCode(code) ? PROBLEM_LABEL[code] : code;
}

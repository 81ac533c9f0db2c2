/** What a clerk does with a template: a notice's source.yml for it, and one more row filled in. */
import type { SourceKind } from '../../src/lib/domain/schemas.ts';
import { usccCheckChar } from '../../src/lib/ingest/check-uscc.ts';
import {
  TEMPLATE_EXAMPLE_DATE,
  TEMPLATE_EXAMPLE_REGION,
  type TemplateSpec,
} from '../../src/lib/site/template-spec.ts';

const LIST: Partial<Record<SourceKind, string>> = { institutions: '备案', 'list-actions': '黑名单' };

export function templateManifest(kind: SourceKind, file: string): string {
  return [
    `kind: ${kind}`,
    'sector: childcare',
    ...(LIST[kind] ? [`list: ${LIST[kind]}`] : []),
    'publisher: 武汉市卫生健康委员会',
    'title: 模板测试',
    `published: ${TEMPLATE_EXAMPLE_DATE}`,
    `region: "${TEMPLATE_EXAMPLE_REGION}"`,
    `files: [${file}]`,
    '',
  ].join('\n');
}

const FIRST17 = '52420102MA4KYYYY2';
const OTHER: Record<string, string> = {
  county: '江岸区',
  name: '武汉市江岸区另一家托育中心',
  uscc: `${FIRST17}${usccCheckChar(FIRST17)}`,
  documentNumber: '武东卫罚〔2024〕13号',
  address: '武汉市江岸区某路 2 号',
  remarks: '',
};

/** The example row with another institution's name, code, place and 文号: a second, distinct record. */
export function filledRow(spec: TemplateSpec): string[] {
  return spec.columns.map((c) => (c.key in OTHER ? (OTHER[c.key] ?? '') : c.example));
}

import type { APIRoute, GetStaticPaths } from 'astro';
import type { SourceKind } from '../../../lib/domain/schemas.ts';
import { rendersSiteWide, type ScopeOptions } from '../../../lib/site/build-scope.ts';
import { TEMPLATE_SPECS, templateSpec } from '../../../lib/site/template-spec.ts';
import { templateCsv } from '../../../lib/site/write-template.ts';

export const getStaticPaths = ((opts?: ScopeOptions) =>
  rendersSiteWide(opts?.everyPage)
    ? TEMPLATE_SPECS.map((s) => ({
        params: { file: s.file },
        props: { kind: s.kind },
      }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(templateCsv(templateSpec((props as { kind: SourceKind }).kind)), {
    headers: { 'Content-Type': 'text/csv; charset=utf-8' },
  });

/**
 * Workbooks published from a template often carry a sheet of instructions (填写说明) beside the data. Such a sheet
 * has no table by design: it is passed over without the `sheet-ignored` warning that other sheets without a
 * header get, so that a template filled in as intended validates with no finding.
 */
const INSTRUCTION_SHEETS = new Set(['填写说明', '填报说明', '说明']);

/** Whether a table read from `file[sheet]` is an instructions sheet. */
export function isInstructionSheet(tableFile: string): boolean {
  const m = /\[([^\]]*)\]$/.exec(tableFile);
  return m?.[1] !== undefined && INSTRUCTION_SHEETS.has(m[1].trim());
}

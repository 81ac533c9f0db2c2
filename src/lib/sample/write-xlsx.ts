/**
 * XLSX attachments through the exceljs streaming writer: rows are written as they come, merged title rows and
 * merged 区县 cells included, and the document properties and zip entry times fixed so that output is reproducible.
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { fixZipTimes } from './fix-zip-times.ts';
import type { Layout } from './layout.ts';
import type { FileSpec } from './types.ts';

export interface XlsxMeta {
  /** Document creation time (also written as every zip entry's time). */
  created: Date;
  author: string;
}

export async function xlsxBuffer(file: FileSpec, layout: Layout, meta: XlsxMeta): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: file.dateStyle === 'cell',
    useSharedStrings: false,
  });
  workbook.creator = meta.author;
  workbook.lastModifiedBy = meta.author;
  workbook.created = meta.created;
  workbook.modified = meta.created;
  const sheet = workbook.addWorksheet(file.sheetName ?? 'Sheet1');

  // A merged range can only be applied while its rows are uncommitted: hold rows back until their merges close.
  const holdUntil = new Int32Array(layout.lines.length + 2);
  const mergesEndingAt = new Map<number, typeof layout.merges>();
  for (const m of layout.merges) {
    for (let r = m.top; r <= m.bottom; r++) holdUntil[r] = Math.max(holdUntil[r] ?? 0, m.bottom);
    mergesEndingAt.set(m.bottom, [...(mergesEndingAt.get(m.bottom) ?? []), m]);
  }
  const dateFormat = file.dateFormat;
  layout.lines.forEach((line, i) => {
    const r = i + 1;
    const row = sheet.addRow(line.cells);
    if (dateFormat) {
      line.cells.forEach((cell, c) => {
        if (cell instanceof Date) row.getCell(c + 1).numFmt = dateFormat;
      });
    }
    for (const m of mergesEndingAt.get(r) ?? []) sheet.mergeCells(m.top, m.left, m.bottom, m.right);
    if ((holdUntil[r] ?? 0) <= r) row.commit();
  });
  sheet.commit();
  await workbook.commit();
  return fixZipTimes(Buffer.concat(chunks), meta.created);
}

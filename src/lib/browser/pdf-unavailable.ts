/**
 * Stands in for pdfjs in the browser build: pdfjs, its worker and the CMaps of Chinese fonts are about 4 MB, more
 * than a form should load. Importing it refuses the file with a message that points to `npm run validate`, which
 * reads PDF with the same reader.
 */
import { UnreadableFileError } from '../ingest/read-json.ts';

function refuse(): never {
  throw new UnreadableFileError(
    'unsupported-format',
    '本页面不在浏览器中读取 PDF 文件；PDF 请用 npm run validate 检查（其余格式本页与命令行的检查完全相同）',
  );
}

refuse();

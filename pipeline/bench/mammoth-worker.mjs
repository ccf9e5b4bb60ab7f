// Benchmark worker: mammoth alone, the floor for the .docx reader.
import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';

export default async function convert(path) {
  const { value } = await mammoth.convertToHtml({ buffer: await readFile(path) });
  return value.length;
}

/**
 * The ingest error codes that change what a run does with a failed file.
 * Every other code is recorded in `ingest_errors` and treated like a content error
 * only when listed here.
 */

/** Errors that depend only on the file's content, so a cached verdict stays true. */
export const CONTENT_ERRORS = new Set([
  'empty_file',
  'not_a_docx',
  'encrypted_docx',
  'corrupt_docx',
  'zip_bomb',
  'undecodable_text',
  'format_not_supported',
  'unknown_format',
  'not_a_report',
  'wrong_extension',
  'not_an_xlsx',
  'encrypted_xlsx',
  'corrupt_xlsx',
  'sheet_too_large',
  'corrupt_mhtml',
  'not_an_office_file',
]);

/**
 * Errors that depend on the moment, not on the file or the settings: a build with one of them records
 * no inputs fingerprint, so the next run reads everything again instead of keeping the warehouse.
 */
export const TRANSIENT_ERRORS = new Set([
  'timeout',
  'unreadable',
  'vanished',
  'changed_while_reading',
  'extract_failed',
  // LibreOffice installed, repaired or given more time reads the file next time
  'converter_missing',
  'conversion_failed',
  'conversion_timeout',
]);

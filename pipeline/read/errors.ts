/** A file that cannot be read as a report. `code` is stable; `message` tells the office what to do. */
export class ReadError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

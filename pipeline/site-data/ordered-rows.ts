import type { PlainRow } from '../load/query.ts';

/**
 * Rows of a stream ordered by one key, taken key by key: a merge join in one pass, so only one
 * key's rows are in memory however large the warehouse is. Rows whose key comes before the one
 * asked for (keys nobody asks for) are passed over.
 */
export class OrderedRows<K extends string | number> {
  private buffer: PlainRow[] = [];
  private at = 0;
  private done = false;
  constructor(
    private readonly chunks: AsyncGenerator<PlainRow[]>,
    private readonly keyOf: (row: PlainRow) => K,
  ) {}

  private async peek(): Promise<PlainRow | null> {
    while (this.at >= this.buffer.length && !this.done) {
      const next = await this.chunks.next();
      if (next.done) this.done = true;
      else {
        this.buffer = next.value;
        this.at = 0;
      }
    }
    return this.at < this.buffer.length ? this.buffer[this.at] : null;
  }

  /** The next row, or null at the end. */
  async next(): Promise<PlainRow | null> {
    const row = await this.peek();
    if (row !== null) this.at++;
    return row;
  }

  /** The rows whose key is `key`. */
  async take(key: K): Promise<PlainRow[]> {
    const rows: PlainRow[] = [];
    for (let row = await this.peek(); row !== null && this.keyOf(row) <= key; row = await this.peek()) {
      if (this.keyOf(row) === key) rows.push(row);
      this.at++;
    }
    return rows;
  }
}

import type { CsvRow } from './csv-table.js';
import { invalidField } from './record-error.js';

/**
 * A row with more cells than the header usually has an unquoted comma in a free-text cell, which
 * shifts every later column: refuse it rather than import shifted values. Fewer cells are fine
 * (trailing empty cells are often left out).
 */
export function checkRowWidth(row: CsvRow, headerWidth: number): void {
  if (row.cells.length > headerWidth) {
    throw invalidField(`the row has ${row.cells.length} cells but the header has ${headerWidth}; quote cells that contain commas`);
  }
}

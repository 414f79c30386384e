/** Plain-text table: the first row is the header, columns are padded; numbers align right. */
export function printTable(title, rows, { write = (s) => process.stdout.write(s) } = {}) {
  const cells = rows.map((row) => row.map((c) => (c === undefined || c === null ? '' : String(c))));
  const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  const numeric = /^[-+±~]?[\d.,]+\s*(%|×|x|KB|MB|ms|s|MB\/s|B)?( ±\d+%)?$/;
  const line = (row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(Math.max(0, widths[i] - [...cell].length));
        return i > 0 && numeric.test(cell) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  write(`\n${title}\n`);
  write(`${line(cells[0])}\n`);
  write(`${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of cells.slice(1)) write(`${line(row)}\n`);
}

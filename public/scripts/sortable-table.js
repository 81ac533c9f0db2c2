// Progressive enhancement for tables marked data-module="sortable-table": column headers become buttons that sort
// the rows on this page. Without JavaScript the table keeps its server order (by name or by date).
(() => {
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  const sortValue = (row, i) => {
    const cell = row.cells[i];
    if (!cell) return '';
    return cell.dataset.sortValue ?? cell.textContent.trim();
  };
  for (const table of document.querySelectorAll('table[data-module="sortable-table"]')) {
    const head = table.tHead?.rows[0];
    const body = table.tBodies[0];
    if (!head || !body || body.rows.length < 2) continue;
    [...head.cells].forEach((th, i) => {
      const numeric = th.dataset.sort === 'number';
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = th.textContent;
      th.textContent = '';
      th.append(button);
      th.setAttribute('aria-sort', 'none');
      button.addEventListener('click', () => {
        const asc = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of head.cells) other.setAttribute('aria-sort', 'none');
        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
        const rows = [...body.rows];
        rows.sort((a, b) => {
          const x = sortValue(a, i);
          const y = sortValue(b, i);
          const d = numeric ? (Number(x) || 0) - (Number(y) || 0) : collator.compare(x, y);
          return asc ? d : -d;
        });
        body.append(...rows);
      });
    });
  }
})();

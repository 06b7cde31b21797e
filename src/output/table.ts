// The `table` format: an ASCII grid like the one the openstack client prints (Python prettytable
// driven by cliff), with one space of padding, `+`/`-`/`|` borders, per-column alignment,
// multi-line cells and cliff's --max-width / --fit-width column shrinking.
//
// Why not cli-table3: it was tried (chars set to +-|, style {head: [], border: []}) and cannot give
// the same bytes:
// - To drop the line between every row, its `mid` chars must be blank, and then the line under
//   the header goes too. The real client always prints that line.
// - With fixed widths and wordWrap it wraps by its own rules and cuts words with an ellipsis
//   ("aaa-b…"). The real client uses Python's textwrap for --max-width: it breaks after hyphens,
//   splits long words without a mark and never cuts a header.
// So this is a small renderer of our own.

import {dictEntries, isDictLike, pythonStr, compareCodePoints} from './python.js'
import {fill} from './textwrap.js'
import {displayWidth} from './wcwidth.js'

export type Align = 'l' | 'r' | 'c'

// ---------------------------------------------------------------------------------------------
// Human-readable cell text (osc-lib's format_list / format_dict / format_list_of_dicts)

/** osc-lib format_dict: sorted keys, key='value', nested dicts flattened to a.b='value'. */
export function formatDict(data: unknown, prefix?: string): string {
  let out = ''
  const entries = dictEntries(data).sort((a, b) => compareCodePoints(a[0], b[0]))
  for (const [k, v] of entries) {
    const key = prefix ? prefix + '.' + k : k
    if (isDictLike(v)) out += formatDict(v, key) + ', '
    else if (v !== null && v !== undefined) out += key + "='" + pythonStr(v) + "', "
    else out += key + '=, '
  }
  return out.slice(0, -2)
}

/** osc-lib format_list: the items sorted and joined with ', '. */
export function formatList(data: readonly unknown[]): string {
  return data
    .map((v) => pythonStr(v))
    .sort(compareCodePoints)
    .join(', ')
}

/** osc-lib format_list_of_dicts: one formatDict line per item. */
export function formatListOfDicts(data: readonly unknown[]): string {
  return data.map((d) => formatDict(d)).join('\n')
}

/** The text of one table cell, before line-ending clean-up. */
export function humanReadable(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => isDictLike(v))) return formatListOfDicts(value)
    return formatList(value)
  }
  if (isDictLike(value)) return formatDict(value)
  return pythonStr(value)
}

/** cliff: inside cells, CR LF becomes LF and a lone CR becomes a space. */
export function cleanCell(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\r/g, ' ')
}

// ---------------------------------------------------------------------------------------------
// The grid

function blockWidth(text: string): number {
  let w: number | undefined
  for (const line of text.split('\n')) {
    const lw = displayWidth(line)
    if (w === undefined || lw > w) w = lw
  }
  return w ?? 0
}

function spaces(n: number): string {
  return n > 0 ? ' '.repeat(n) : ''
}

function pyFloorDiv(a: number, b: number): number {
  return Math.floor(a / b)
}

function justify(text: string, width: number, align: Align): string {
  const tw = displayWidth(text)
  const excess = width - tw
  if (align === 'l') return text + spaces(excess)
  if (align === 'r') return spaces(excess) + text
  const half = pyFloorDiv(excess, 2)
  if (((excess % 2) + 2) % 2 === 1) {
    // like str.center(): the extra space goes right for odd-length text, left for even
    if (((tw % 2) + 2) % 2 === 1) return spaces(half) + text + spaces(half + 1)
    return spaces(half + 1) + text + spaces(half)
  }
  return spaces(half) + text + spaces(half)
}

interface GridColumn {
  header: string
  align: Align
  maxWidth?: number
}

function computeWidths(columns: GridColumn[], rows: string[][]): number[] {
  const widths = columns.map((c) => displayWidth(c.header))
  for (const row of rows) {
    row.forEach((cell, i) => {
      const w = blockWidth(cell)
      const max = columns[i].maxWidth
      widths[i] = Math.max(widths[i], max === undefined ? w : Math.min(w, max))
    })
  }
  return widths
}

function renderGrid(columns: GridColumn[], rows: string[][], printEmpty: boolean): string {
  if (rows.length === 0 && !printEmpty) return ''
  const widths = computeWidths(columns, rows)
  const hrule = '+' + widths.map((w) => '-'.repeat(Math.max(0, w + 2))).join('+') + '+'
  const lines: string[] = [hrule]
  lines.push(
    '|' +
      columns
        .map((c, i) => {
          let name = c.header
          if (displayWidth(name) > widths[i]) name = Array.from(name).slice(0, Math.max(0, widths[i])).join('')
          return ' ' + justify(name, widths[i], c.align) + ' '
        })
        .join('|') +
      '|',
  )
  lines.push(hrule)
  for (const row of rows) {
    // wrap the lines that are wider than the column (Python textwrap.fill)
    const cells = row.map((cell, i) =>
      cell
        .split('\n')
        .map((line) => (displayWidth(line) > widths[i] ? fill(line, Math.max(1, widths[i])) : line))
        .join('\n')
        .split('\n'),
    )
    const height = Math.max(...cells.map((c) => c.length))
    for (let y = 0; y < height; y++) {
      lines.push(
        '|' + cells.map((c, i) => ' ' + justify(c[y] ?? '', widths[i], columns[i].align) + ' ').join('|') + '|',
      )
    }
  }
  lines.push(hrule)
  return lines.join('\n')
}

export interface TableLayout {
  maxWidth?: number
  fitWidth?: boolean
  terminalWidth?: number
  minWidth: number
  printEmpty?: boolean
}

/**
 * cliff's column shrinking: when the natural table is wider than the target, the columns wider
 * than an equal share are given what is left, split evenly (the last one takes the remainder),
 * never less than minWidth.
 */
function assignMaxWidths(columns: GridColumn[], rows: string[][], layout: TableLayout): void {
  let termWidth: number
  if (layout.maxWidth !== undefined && layout.maxWidth > 0) termWidth = layout.maxWidth
  else if (!layout.fitWidth) return
  else if (layout.terminalWidth && layout.terminalWidth > 0) termWidth = layout.terminalWidth
  else return // not a terminal: nothing to fit

  if (rows.length === 0 && !layout.printEmpty) return
  const natural = computeWidths(columns, rows)
  const firstLineLength = natural.reduce((n, w) => n + Math.max(0, w + 2), 0) + natural.length + 1
  if (firstLineLength <= termWidth) return

  const n = columns.length
  const usable = Math.max(0, termWidth - 1 - 3 * n)
  const optimal = n === 0 ? 0 : Math.max(0, Math.floor(usable / n))
  // widths as cliff reads them back from the first line of the drawn table
  const fieldWidths = natural.map((w) => Math.max(0, w))
  const shrink: number[] = []
  let remaining = usable
  fieldWidths.forEach((w, i) => {
    if (w <= optimal) remaining -= w
    else shrink.push(i)
  })
  if (shrink.length === 0) return
  const shrinkTo = Math.floor(remaining / shrink.length)
  for (const i of shrink.slice(0, -1)) {
    columns[i].maxWidth = Math.max(layout.minWidth, shrinkTo)
    remaining -= shrinkTo
  }
  columns[shrink[shrink.length - 1]].maxWidth = Math.max(layout.minWidth, remaining)
}

/** Draws the table; the result ends with a newline ("\n" alone for an empty list). */
export function renderTable(headers: string[], aligns: Align[], rows: string[][], layout: TableLayout): string {
  const columns: GridColumn[] = headers.map((h, i) => ({header: h, align: aligns[i] ?? 'c'}))
  assignMaxWidths(columns, rows, layout)
  return renderGrid(columns, rows, layout.printEmpty ?? false) + '\n'
}

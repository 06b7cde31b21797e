// renderList / renderShow: what the openstack client (cliff) prints for a Lister or a ShowOne
// command, for each -f format, with -c column selection and --sort-column sorting.

import {renderCsv, type CsvQuote} from './csv.js'
import {pyJsonDumps} from './json.js'
import {pyCompareNoneLast, pyListRepr, pythonStr, pyTupleRepr, UnorderableTypesError} from './python.js'
import {cleanCell, humanReadable, renderTable, type Align} from './table.js'
import {pyYamlSafeDump} from './yaml.js'

export type {CsvQuote} from './csv.js'
export type ListFormat = 'table' | 'json' | 'yaml' | 'value' | 'csv'
export type ShowFormat = 'table' | 'json' | 'yaml' | 'value' | 'shell'

export const LIST_FORMATS: readonly ListFormat[] = ['csv', 'json', 'table', 'value', 'yaml']
export const SHOW_FORMATS: readonly ShowFormat[] = ['json', 'shell', 'table', 'value', 'yaml']

export interface FormatOptions {
  /** -c/--column, repeatable; matched case-insensitively, trimmed, spaces and '_' alike */
  columns?: string[]
  /** json: one line with ", " and ": " separators */
  noindent?: boolean
  /** table: --max-width (0 or less = off) */
  maxWidth?: number
  /** table: --fit-width; uses terminalWidth */
  fitWidth?: boolean
  /** the terminal width when stdout is a TTY (process.stdout.columns) */
  terminalWidth?: number
  /** csv: --quote, default 'nonnumeric' */
  quote?: CsvQuote
  /** shell: --prefix */
  prefix?: string
  /** shell: cliff's hidden --variable filter (names lower-cased, spaces as '_') */
  variables?: string[]
  /** table: print the header frame for an empty list */
  printEmpty?: boolean
  /** lists: --sort-column, exact header names, first has priority; unknown names ignored */
  sortColumns?: string[]
  /** lists: --sort-descending */
  sortDescending?: boolean
  /** per-column display formatter, used only by the table format */
  human?: Record<string, (value: unknown) => string>
  /** called with cliff's warning text where it logs one (e.g. unsortable column); goes to stderr */
  onWarning?: (message: string) => void
}

/** cliff's error when no -c name matches; the CLI prints the message and exits 1. */
export class ColumnSelectionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ColumnSelectionError'
  }
}

function normalizeColumnName(name: string): string {
  return name.trim().toLowerCase().replace(/ /g, '_')
}

/**
 * Indexes of the columns to print, in the command's order. A name that is exactly a header picks
 * that header (cliff's rule); otherwise it matches loosely: trimmed, case-insensitive, with
 * spaces and '_' alike. Throws ColumnSelectionError when columns were asked for and none exists.
 */
export function selectColumns(headers: readonly string[], wanted: readonly string[] | undefined): number[] {
  const all = headers.map((_, i) => i)
  if (!wanted || wanted.length === 0) return all
  const chosen = new Set<number>()
  for (const name of wanted) {
    const exact = all.filter((i) => headers[i] === name)
    const key = normalizeColumnName(name)
    const matches = exact.length > 0 ? exact : all.filter((i) => normalizeColumnName(headers[i]) === key)
    for (const i of matches) chosen.add(i)
  }
  const picked = all.filter((i) => chosen.has(i))
  if (picked.length === 0) {
    throw new ColumnSelectionError(
      `No recognized column names in ${pyListRepr(wanted)}. Recognized columns are ${pyTupleRepr(headers)}.`,
    )
  }
  return picked
}

/** cliff's --sort-column: stable, None last (first when descending), later names first. */
export function sortRows(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
  sortColumns: readonly string[] | undefined,
  descending = false,
  onWarning?: (message: string) => void,
): unknown[][] {
  let data = rows.map((r) => [...r])
  if (!sortColumns || sortColumns.length === 0) return data
  const indexes = sortColumns.filter((c) => headers.includes(c)).map((c) => headers.indexOf(c))
  for (const index of [...indexes].reverse()) {
    const sign = descending ? -1 : 1
    const copy = [...data]
    try {
      copy.sort((a, b) => sign * pyCompareNoneLast(a[index], b[index]))
      data = copy
    } catch (err) {
      if (!(err instanceof UnorderableTypesError)) throw err
      onWarning?.(`Could not sort on field '${headers[index]}'; unsortable types`)
    }
  }
  return data
}

function pick<T>(row: readonly T[], indexes: readonly number[]): T[] {
  return indexes.map((i) => row[i])
}

function tableCell(value: unknown, formatter: ((value: unknown) => string) | undefined): string {
  return cleanCell(formatter ? formatter(value) : humanReadable(value))
}

function keyed(names: readonly string[], values: readonly unknown[]): Map<string, unknown> {
  // a Python dict built from zip(names, values): a repeated name keeps its first place
  const m = new Map<string, unknown>()
  names.forEach((n, i) => m.set(n, values[i]))
  return m
}

/** Everything a list command prints to stdout for format `format`. */
export function renderList(headers: string[], rows: unknown[][], format: ListFormat, opts: FormatOptions = {}): string {
  const sorted = sortRows(headers, rows, opts.sortColumns, opts.sortDescending, opts.onWarning)
  const indexes = selectColumns(headers, opts.columns)
  const cols = pick(headers, indexes)
  const data = sorted.map((r) => pick(r, indexes))
  switch (format) {
    case 'table': {
      const human = opts.human ?? {}
      const first = data[0]
      // alignment from the type of the value in the first row: numbers right, the rest left
      const aligns: Align[] = cols.map((c, i) => {
        if (!first) return 'c'
        const v = first[i]
        return (typeof v === 'number' || typeof v === 'bigint') && !human[c] ? 'r' : 'l'
      })
      const cells = data.map((r) => r.map((v, i) => tableCell(v, human[cols[i]])))
      return renderTable(cols, aligns, cells, {
        maxWidth: opts.maxWidth,
        fitWidth: opts.fitWidth,
        terminalWidth: opts.terminalWidth,
        printEmpty: opts.printEmpty,
        minWidth: 8,
      })
    }
    case 'json':
      return pyJsonDumps(data.map((r) => keyed(cols, r)), opts.noindent ? undefined : 2) + '\n'
    case 'yaml':
      return pyYamlSafeDump(data.map((r) => keyed(cols, r)))
    case 'value':
      return data.map((r) => r.map(pythonStr).join(' ') + '\n').join('')
    case 'csv':
      return renderCsv(cols, data, opts.quote ?? 'nonnumeric')
    default:
      throw new Error(`unknown list format: ${String(format)}`)
  }
}

/** Everything a show command prints to stdout for format `format`. */
export function renderShow(fields: string[], values: unknown[], format: ShowFormat, opts: FormatOptions = {}): string {
  const indexes = selectColumns(fields, opts.columns)
  const names = pick(fields, indexes)
  const vals = pick(values, indexes)
  switch (format) {
    case 'table': {
      const human = opts.human ?? {}
      const cells = names.map((n, i) => [cleanCell(n), tableCell(vals[i], human[n])])
      return renderTable(['Field', 'Value'], ['l', 'l'], cells, {
        maxWidth: opts.maxWidth,
        fitWidth: opts.fitWidth,
        terminalWidth: opts.terminalWidth,
        printEmpty: false,
        minWidth: 16,
      })
    }
    case 'json':
      return pyJsonDumps(keyed(names, vals), opts.noindent ? undefined : 2) + '\n'
    case 'yaml':
      // cliff dumps one field at a time, so fields keep the command's order
      return names.map((n, i) => pyYamlSafeDump(new Map([[n, vals[i]]]))).join('')
    case 'value':
      return vals.map((v) => pythonStr(v) + '\n').join('')
    case 'shell': {
      const prefix = opts.prefix ?? ''
      const wanted = opts.variables ?? []
      let out = ''
      names.forEach((field, i) => {
        const name = field.toLowerCase().replace(/ /g, '_')
        if (wanted.length > 0 && !wanted.includes(name)) return
        const value = pythonStr(vals[i]).replace(/"/g, '\\"')
        out += `${prefix}${name.replace(/[:-]/g, '_')}="${value}"\n`
      })
      return out
    }
    default:
      throw new Error(`unknown show format: ${String(format)}`)
  }
}

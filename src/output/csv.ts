// The `csv` list format: Python's csv.writer as cliff configures it (delimiter ",", quote char
// '"' doubled inside quoted fields, escape char "\", LF line ends) with the four --quote modes.
// Behaviour follows CPython 3.11's writer: "\" is always escaped; a delimiter, quote or newline
// makes a minimal-mode field quoted (and is escaped with "\" in none mode); None is written as an
// empty field; ints, floats and bools count as numbers for `nonnumeric`.

import {isDictLike, isNumber, pythonStr} from './python.js'

export type CsvQuote = 'all' | 'minimal' | 'nonnumeric' | 'none'

/** What Python's csv module raises where a row cannot be written (cliff then exits 1). */
export class CsvWriteError extends Error {}

function isNumeric(value: unknown): boolean {
  return isNumber(value) || typeof value === 'boolean'
}

/** A cell as cliff hands it to csv.writer: lists and dicts become their Python str(). */
export function csvCellValue(value: unknown): unknown {
  if (Array.isArray(value) || isDictLike(value) || value instanceof Set) return pythonStr(value)
  return value
}

function writeField(value: unknown, mode: CsvQuote): string {
  let quoted: boolean
  switch (mode) {
    case 'all':
      quoted = true
      break
    case 'nonnumeric':
      quoted = !isNumeric(value)
      break
    default:
      quoted = false
  }
  const text = value === null || value === undefined ? '' : pythonStr(value)
  let out = ''
  for (const ch of text) {
    if (ch === ',' || ch === '"' || ch === '\\' || ch === '\n') {
      if (mode === 'none' || ch === '\\') {
        out += '\\' // escaped with the escape char
      } else {
        if (ch === '"') out += '"' // doubled
        quoted = true
      }
    }
    out += ch
  }
  return quoted ? '"' + out + '"' : out
}

export function csvRow(values: readonly unknown[], mode: CsvQuote): string {
  if (values.length === 1) {
    const v = values[0]
    const empty = v === null || v === undefined || v === ''
    if (empty) {
      if (mode === 'none') throw new CsvWriteError('single empty field record must be quoted')
      return '""\n'
    }
  }
  return values.map((v) => writeField(v, mode)).join(',') + '\n'
}

export function renderCsv(headers: readonly string[], rows: readonly (readonly unknown[])[], mode: CsvQuote): string {
  let out = csvRow(headers, mode)
  for (const row of rows) out += csvRow(row.map(csvCellValue), mode)
  return out
}

// Output formatters that print what the `openstack` client (cliff) prints, byte for byte.
export {
  renderList,
  renderShow,
  selectColumns,
  sortRows,
  ColumnSelectionError,
  LIST_FORMATS,
  SHOW_FORMATS,
  type ListFormat,
  type ShowFormat,
  type CsvQuote,
  type FormatOptions,
} from './render.js'
export {pythonStr, pyRepr, pyStrRepr, pyFloatRepr, pyTupleRepr, pyListRepr} from './python.js'
export {CsvWriteError} from './csv.js'
export {formatDict, formatList, formatListOfDicts, humanReadable} from './table.js'
export {pyJsonDumps} from './json.js'
export {pyYamlSafeDump} from './yaml.js'

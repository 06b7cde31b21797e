/** A list as the output layer takes it: headers, rows of raw values, table-only display formatters. */
export interface ListView {
  headers: string[]
  rows: unknown[][]
  human?: Record<string, (value: unknown) => string>
}

/** OSC's AdminStateColumn: true → UP, false → DOWN (table only). */
export const adminState = (v: unknown): string => (v === true ? 'UP' : v === false ? 'DOWN' : String(v ?? ''))

/** OSC's RouterExternalColumn: true → External, false → Internal (table only). */
export const routerExternal = (v: unknown): string => (v ? 'External' : 'Internal')

/** Prepends a Region column when a list spans several regions. */
export function withRegion<T>(
  items: Array<{region: string; item: T}>,
  regionColumn: boolean,
  headers: string[],
  row: (item: T) => unknown[],
): {headers: string[]; rows: unknown[][]} {
  if (!regionColumn) return {headers, rows: items.map(({item}) => row(item))}
  return {headers: ['Region', ...headers], rows: items.map(({region, item}) => [region, ...row(item)])}
}

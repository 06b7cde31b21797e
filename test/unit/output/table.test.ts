// The table format, rule by rule. Expected grids were printed by cliff 4.0.0 + prettytable 3.6
// for the same input (terminal width faked for --fit-width).
import {describe, expect, it} from 'vitest'
import {renderList, renderShow, formatDict, formatList, formatListOfDicts} from '../../../src/output/index.js'

const ID = '0beaf578-d273-4a8d-9e56-c3d4a2d7e772'
const DESC = 'a fairly long description that will need to be wrapped by the table'

describe('alignment', () => {
  it('numbers right, strings/bools/None left, decided by the first row only', () => {
    const out = renderList(['Name', 'Size', 'Flag'], [['a', 10, true], ['bb', '12', false], ['c', 1.5, null]], 'table')
    expect(out).toBe(
      '+------+------+-------+\n' +
        '| Name | Size | Flag  |\n' +
        '+------+------+-------+\n' +
        '| a    |   10 | True  |\n' +
        '| bb   |   12 | False |\n' +
        '| c    |  1.5 | None  |\n' +
        '+------+------+-------+\n',
    )
  })

  it('a number column whose first value is a string stays left-aligned', () => {
    const out = renderList(['Name', 'Size'], [['a', '10'], ['bb', 12]], 'table')
    expect(out).toBe('+------+------+\n| Name | Size |\n+------+------+\n| a    | 10   |\n| bb   | 12   |\n+------+------+\n')
  })

  it('a column with a human formatter is left-aligned even for numbers', () => {
    const out = renderList(['Size'], [[1000], [20]], 'table', {human: {Size: (v) => `${String(v)} B`}})
    expect(out).toBe('+--------+\n| Size   |\n+--------+\n| 1000 B |\n| 20 B   |\n+--------+\n')
  })

  it('show tables are left-aligned in both columns', () => {
    expect(renderShow(['mtu', 'name'], [1450, 'n'], 'table')).toBe(
      '+-------+-------+\n| Field | Value |\n+-------+-------+\n| mtu   | 1450  |\n| name  | n     |\n+-------+-------+\n',
    )
  })
})

describe('structured cells', () => {
  it('a list is its items sorted and joined by ", "', () => {
    expect(formatList(['b', 'a', 'C'])).toBe('C, a, b')
    expect(renderShow(['tags'], [['b', 'a']], 'table')).toContain('| tags  | a, b  |')
    expect(renderShow(['tags'], [[]], 'table')).toContain('| tags  |       |')
  })

  it("a dict is k='v' with sorted keys, nested dicts flattened, None as k=", () => {
    expect(formatDict({b: 1, a: 'x', n: null, d: {z: true, y: {q: 'deep'}}})).toBe("a='x', b='1', d.y.q='deep', d.z='True', n=")
    // osc-lib leaves a stray ", " behind for an empty nested dict; so do we
    expect(formatDict({b: {y: 2, x: null}, a: '1', c: {}})).toBe("a='1', b.x=, b.y='2', ")
    expect(renderShow(['k'], [{b: {y: 2, x: null}, a: '1', c: {}}], 'table')).toBe(
      '+-------+------------------------+\n| Field | Value                  |\n+-------+------------------------+\n' +
        "| k     | a='1', b.x=, b.y='2',  |\n+-------+------------------------+\n",
    )
  })

  it('a list of dicts is one line per dict: a multi-line cell', () => {
    const pairs = [
      {subnet_id: 's1', ip_address: '10.0.0.5'},
      {ip_address: 'fd00::5', subnet_id: 's2'},
    ]
    expect(formatListOfDicts(pairs)).toBe("ip_address='10.0.0.5', subnet_id='s1'\nip_address='fd00::5', subnet_id='s2'")
    expect(renderList(['ID', 'Fixed IP Addresses'], [['p1', pairs], ['p2', []]], 'table')).toBe(
      '+----+---------------------------------------+\n' +
        '| ID | Fixed IP Addresses                    |\n' +
        '+----+---------------------------------------+\n' +
        "| p1 | ip_address='10.0.0.5', subnet_id='s1' |\n" +
        "|    | ip_address='fd00::5', subnet_id='s2'  |\n" +
        '| p2 |                                       |\n' +
        '+----+---------------------------------------+\n',
    )
  })

  it('human formatters apply to the table only', () => {
    const human = {admin_state_up: (v: unknown) => (v ? 'UP' : 'DOWN')}
    expect(renderShow(['admin_state_up'], [true], 'table', {human})).toContain('| admin_state_up | UP    |')
    expect(renderShow(['admin_state_up'], [true], 'json', {human})).toBe('{\n  "admin_state_up": true\n}\n')
    expect(renderShow(['admin_state_up'], [true], 'yaml', {human})).toBe('admin_state_up: true\n')
    expect(renderShow(['admin_state_up'], [true], 'value', {human})).toBe('True\n')
    expect(renderShow(['admin_state_up'], [true], 'shell', {human})).toBe('admin_state_up="True"\n')
    expect(renderList(['State'], [[false]], 'csv', {human: {State: () => 'DOWN'}})).toBe('"State"\nFalse\n')
  })

  it('CR LF becomes a line break and a lone CR a space, in names and values', () => {
    expect(renderShow(['a\rb', 'v'], ['x\r\ny\rz', 'p'], 'table')).toBe(
      '+-------+-------+\n| Field | Value |\n+-------+-------+\n| a b   | x     |\n|       | y z   |\n| v     | p     |\n+-------+-------+\n',
    )
  })

  it('never prints ANSI escapes', () => {
    const out = renderList(['ID', 'Name'], [[ID, 'n']], 'table', {maxWidth: 20})
    expect(out).not.toMatch(/\x1b/)
  })
})

describe('empty lists', () => {
  it('print a lone newline, or the header frame with printEmpty', () => {
    expect(renderList(['ID', 'Description'], [], 'table')).toBe('\n')
    expect(renderList(['ID', 'Description'], [], 'table', {printEmpty: true})).toBe(
      '+----+-------------+\n| ID | Description |\n+----+-------------+\n+----+-------------+\n',
    )
  })
})

describe('--max-width and --fit-width', () => {
  it('shrinks the wide columns and wraps like Python textwrap (breaks after hyphens)', () => {
    expect(renderList(['ID', 'Description'], [[ID, DESC]], 'table', {maxWidth: 50})).toBe(
      '+-----------------------+------------------------+\n' +
        '| ID                    | Description            |\n' +
        '+-----------------------+------------------------+\n' +
        '| 0beaf578-d273-4a8d-   | a fairly long          |\n' +
        '| 9e56-c3d4a2d7e772     | description that will  |\n' +
        '|                       | need to be wrapped by  |\n' +
        '|                       | the table              |\n' +
        '+-----------------------+------------------------+\n',
    )
  })

  it('never below 8 characters for lists (the table then overflows)', () => {
    expect(renderList(['ID', 'Description'], [[ID, DESC]], 'table', {maxWidth: 20})).toBe(
      '+----------+-------------+\n' +
        '| ID       | Description |\n' +
        '+----------+-------------+\n' +
        '| 0beaf578 | a fairly    |\n' +
        '| -d273-   | long        |\n' +
        '| 4a8d-    | description |\n' +
        '| 9e56-    | that will   |\n' +
        '| c3d4a2d7 | need to be  |\n' +
        '| e772     | wrapped by  |\n' +
        '|          | the table   |\n' +
        '+----------+-------------+\n',
    )
    expect(renderList(['A', 'B', 'C'], [['a'.repeat(20), 'b'.repeat(44), 'c']], 'table', {maxWidth: 10})).toBe(
      '+----------+----------+---+\n' +
        '| A        | B        | C |\n' +
        '+----------+----------+---+\n' +
        '| aaaaaaaa | bbbbbbbb | c |\n' +
        '| aaaaaaaa | bbbbbbbb |   |\n' +
        '| aaaa     | bbbbbbbb |   |\n' +
        '|          | bbbbbbbb |   |\n' +
        '|          | bbbbbbbb |   |\n' +
        '|          | bbbb     |   |\n' +
        '+----------+----------+---+\n',
    )
  })

  it('never below 16 characters for show', () => {
    expect(renderShow(['id', 'description'], [ID, DESC], 'table', {maxWidth: 30})).toBe(
      '+-------------+------------------+\n' +
        '| Field       | Value            |\n' +
        '+-------------+------------------+\n' +
        '| id          | 0beaf578-d273-   |\n' +
        '|             | 4a8d-9e56-       |\n' +
        '|             | c3d4a2d7e772     |\n' +
        '| description | a fairly long    |\n' +
        '|             | description that |\n' +
        '|             | will need to be  |\n' +
        '|             | wrapped by the   |\n' +
        '|             | table            |\n' +
        '+-------------+------------------+\n',
    )
  })

  it('--fit-width uses the terminal width; without one (not a TTY) nothing changes', () => {
    const fitted = renderList(['ID', 'Description'], [[ID, DESC]], 'table', {fitWidth: true, terminalWidth: 40})
    expect(fitted).toBe(
      '+------------------+-------------------+\n' +
        '| ID               | Description       |\n' +
        '+------------------+-------------------+\n' +
        '| 0beaf578-d273-   | a fairly long     |\n' +
        '| 4a8d-9e56-       | description that  |\n' +
        '| c3d4a2d7e772     | will need to be   |\n' +
        '|                  | wrapped by the    |\n' +
        '|                  | table             |\n' +
        '+------------------+-------------------+\n',
    )
    const natural = renderList(['ID', 'Description'], [[ID, DESC]], 'table')
    expect(renderList(['ID', 'Description'], [[ID, DESC]], 'table', {fitWidth: true})).toBe(natural)
    expect(renderList(['ID', 'Description'], [[ID, DESC]], 'table', {terminalWidth: 40})).toBe(natural)
    expect(renderList(['ID', 'Description'], [[ID, DESC]], 'table', {maxWidth: 0, terminalWidth: 40})).toBe(natural)
  })

  it('--max-width wins over the terminal width', () => {
    const out = renderList(['ID', 'Description'], [[ID, DESC]], 'table', {fitWidth: true, maxWidth: 30, terminalWidth: 60})
    expect(out.split('\n')[0]).toBe('+-------------+--------------+')
    expect(out).toContain('| c3d4a2d7e77 | that will    |\n| 2           | need to be   |')
  })

  it('a table that already fits is left alone', () => {
    const natural = renderList(['ID', 'Name'], [[ID, 'n']], 'table')
    expect(renderList(['ID', 'Name'], [[ID, 'n']], 'table', {maxWidth: natural.indexOf('\n')})).toBe(natural)
  })
})

describe('wide characters', () => {
  it('East Asian characters count two columns', () => {
    expect(renderList(['Name'], [['日本'], ['ab']], 'table')).toBe('+------+\n| Name |\n+------+\n| 日本 |\n| ab   |\n+------+\n')
  })
})

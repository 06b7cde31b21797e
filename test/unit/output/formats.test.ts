// json, csv, value and shell rules, plus -c and --sort-column. Expected strings were printed by
// CPython 3.11's json/csv modules and cliff 4.0.0 for the same data.
import {describe, expect, it} from 'vitest'
import {
  ColumnSelectionError,
  CsvWriteError,
  pyJsonDumps,
  renderList,
  renderShow,
} from '../../../src/output/index.js'

describe('json', () => {
  const data = {
    s: 'café 日本 😀',
    c: 'a"b\\c\n\t\x01\x7f',
    f: [0.5, 1e-5, 1.5e300],
    e: [],
    d: {},
    n: [{a: null, b: true}],
  }

  it('indent 2, ASCII only (\\uXXXX, surrogate pairs), [] and {} for empty', () => {
    expect(pyJsonDumps(data, 2)).toBe(
      '{\n' +
        '  "s": "caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00",\n' +
        '  "c": "a\\"b\\\\c\\n\\t\\u0001\\u007f",\n' +
        '  "f": [\n    0.5,\n    1e-05,\n    1.5e+300\n  ],\n' +
        '  "e": [],\n' +
        '  "d": {},\n' +
        '  "n": [\n    {\n      "a": null,\n      "b": true\n    }\n  ]\n' +
        '}',
    )
  })

  it('--noindent: one line with ", " and ": "', () => {
    expect(pyJsonDumps(data)).toBe(
      '{"s": "caf\\u00e9 \\u65e5\\u672c \\ud83d\\ude00", "c": "a\\"b\\\\c\\n\\t\\u0001\\u007f", "f": [0.5, 1e-05, 1.5e+300], "e": [], "d": {}, "n": [{"a": null, "b": true}]}',
    )
    expect(renderList(['ID', 'Tags'], [['x', ['a']]], 'json', {noindent: true})).toBe('[{"ID": "x", "Tags": ["a"]}]\n')
  })

  it('a list is an array of objects keyed by header in column order; show is one object in field order', () => {
    expect(renderList(['Name', 'ID'], [['n', 'i']], 'json')).toBe('[\n  {\n    "Name": "n",\n    "ID": "i"\n  }\n]\n')
    expect(renderShow(['name', 'id'], ['n', 'i'], 'json')).toBe('{\n  "name": "n",\n  "id": "i"\n}\n')
  })

  it('NaN and Infinity are spelled as Python spells them', () => {
    expect(pyJsonDumps([NaN, Infinity, -Infinity])).toBe('[NaN, Infinity, -Infinity]')
  })
})

describe('csv', () => {
  const headers = ['Name', 'Size', 'Ratio', 'Flag', 'Tags', 'Meta', 'Note']
  const rows = [
    ['a,b', 10, 1.5, true, ['x', 'y'], {k: 'v'}, 'say "hi"'],
    ['back\\slash', null, 0.25, false, [], {}, 'multi\nline'],
  ]

  it('default (nonnumeric): strings quoted, numbers and bools bare, None as ""', () => {
    expect(renderList(headers, rows, 'csv')).toBe(
      '"Name","Size","Ratio","Flag","Tags","Meta","Note"\n' +
        '"a,b",10,1.5,True,"[\'x\', \'y\']","{\'k\': \'v\'}","say ""hi"""\n' +
        '"back\\\\slash","",0.25,False,"[]","{}","multi\nline"\n',
    )
  })

  it('--quote all', () => {
    expect(renderList(headers, rows, 'csv', {quote: 'all'})).toBe(
      '"Name","Size","Ratio","Flag","Tags","Meta","Note"\n' +
        '"a,b","10","1.5","True","[\'x\', \'y\']","{\'k\': \'v\'}","say ""hi"""\n' +
        '"back\\\\slash","","0.25","False","[]","{}","multi\nline"\n',
    )
  })

  it('--quote minimal: only where needed; the escape char is escaped, not quoted', () => {
    expect(renderList(headers, rows, 'csv', {quote: 'minimal'})).toBe(
      'Name,Size,Ratio,Flag,Tags,Meta,Note\n' +
        '"a,b",10,1.5,True,"[\'x\', \'y\']",{\'k\': \'v\'},"say ""hi"""\n' +
        'back\\\\slash,,0.25,False,[],{},"multi\nline"\n',
    )
  })

  it('--quote none: specials escaped with a backslash', () => {
    expect(renderList(headers, rows, 'csv', {quote: 'none'})).toBe(
      'Name,Size,Ratio,Flag,Tags,Meta,Note\n' +
        "a\\,b,10,1.5,True,['x'\\, 'y'],{'k': 'v'},say \\\"hi\\\"\n" +
        'back\\\\slash,,0.25,False,[],{},multi\\\nline\n',
    )
  })

  it('a row that is one empty field is written as "" (and is an error with --quote none)', () => {
    expect(renderList(['Name'], [[''], [null]], 'csv', {quote: 'minimal'})).toBe('Name\n""\n""\n')
    expect(() => renderList(['Name'], [['']], 'csv', {quote: 'none'})).toThrow(CsvWriteError)
    expect(() => renderList(['Name'], [['']], 'csv', {quote: 'none'})).toThrow('single empty field record must be quoted')
  })
})

describe('value', () => {
  it('list rows joined by single spaces, Python str() of each value', () => {
    expect(renderList(['ID', 'Up', 'Tags', 'Gw'], [['x', true, ['a', 'b'], null]], 'value')).toBe("x True ['a', 'b'] None\n")
  })

  it('show values one per line; an empty string is an empty line', () => {
    expect(renderShow(['a', 'b', 'c'], ['', {k: 1}, 2.5], 'value')).toBe("\n{'k': 1}\n2.5\n")
  })

  it('an empty list prints nothing', () => {
    expect(renderList(['ID'], [], 'value')).toBe('')
  })
})

describe('shell', () => {
  it('names lower-cased, space, ":" and "-" become "_", quotes escaped, values via str()', () => {
    expect(renderShow(['Network Type', 'router:external', 'a-b', 'Q', 'L'], ['vx', false, null, 'say "hi"', ['a"b']], 'shell')).toBe(
      'network_type="vx"\nrouter_external="False"\na_b="None"\nq="say \\"hi\\""\nl="[\'a\\"b\']"\n',
    )
  })

  it('--prefix, and the hidden --variable filter (names before ":"/"-" replacement)', () => {
    const out = renderShow(['Network Type', 'router:external', 'a-b', 'Q'], ['vx', 'x', 'y', 'q'], 'shell', {
      prefix: 'p_',
      variables: ['network_type', 'router:external', 'a-b'],
    })
    expect(out).toBe('p_network_type="vx"\np_router_external="x"\np_a_b="y"\n')
  })
})

describe('-c/--column', () => {
  const headers = ['ID', 'Name', 'Subnets', 'Network Type']
  const rows = [['i', 'n', ['s'], 'vxlan']]

  it('keeps the command column order, not the flag order', () => {
    expect(renderList(headers, rows, 'value', {columns: ['Subnets', 'ID']})).toBe("i ['s']\n")
  })

  it('matches loosely: case, surrounding spaces, spaces vs "_"', () => {
    expect(renderList(headers, rows, 'value', {columns: ['subnets']})).toBe("['s']\n")
    expect(renderList(headers, rows, 'value', {columns: [' NAME ']})).toBe('n\n')
    expect(renderList(headers, rows, 'value', {columns: ['network_type']})).toBe('vxlan\n')
    expect(renderShow(['provisioning_status'], ['ACTIVE'], 'value', {columns: ['Provisioning Status']})).toBe('ACTIVE\n')
  })

  it('an exact name wins over loose matches', () => {
    expect(renderShow(['id', 'ID'], ['lower', 'upper'], 'value', {columns: ['ID']})).toBe('upper\n')
  })

  it('unknown names are ignored when one matches', () => {
    expect(renderList(headers, rows, 'value', {columns: ['nope', 'ID']})).toBe('i\n')
  })

  it("no match: cliff's exact message", () => {
    expect(() => renderList(['ID', 'Name', 'Subnets'], rows, 'table', {columns: ['x']})).toThrow(
      new ColumnSelectionError("No recognized column names in ['x']. Recognized columns are ('ID', 'Name', 'Subnets')."),
    )
    expect(() => renderShow(['ID'], ['x'], 'json', {columns: ['nope', 'other']})).toThrow(
      "No recognized column names in ['nope', 'other']. Recognized columns are ('ID',).",
    )
  })

  it('applies to every format', () => {
    expect(renderList(headers, rows, 'json', {columns: ['name']})).toBe('[\n  {\n    "Name": "n"\n  }\n]\n')
    expect(renderList(headers, rows, 'csv', {columns: ['name']})).toBe('"Name"\n"n"\n')
    expect(renderList(headers, rows, 'yaml', {columns: ['name']})).toBe('- Name: n\n')
    expect(renderList(headers, rows, 'table', {columns: ['name']})).toBe('+------+\n| Name |\n+------+\n| n    |\n+------+\n')
    expect(renderShow(['id', 'name'], ['i', 'n'], 'shell', {columns: ['name']})).toBe('name="n"\n')
  })
})

describe('--sort-column', () => {
  const headers = ['Name', 'Size', 'Zone']
  const sizes = [['b', 2, 'z1'], ['a', null, 'z2'], ['c', 1, 'z1'], ['d', null, 'z2'], ['e', 2, 'z1']]

  it('ascending with None last, stable', () => {
    expect(renderList(headers, sizes, 'value', {sortColumns: ['Size'], columns: ['Name', 'Size']})).toBe('c 1\nb 2\ne 2\na None\nd None\n')
  })

  it('descending puts None first and keeps equal rows in their order', () => {
    expect(renderList(headers, sizes, 'value', {sortColumns: ['Size'], sortDescending: true, columns: ['Name', 'Size']})).toBe(
      'a None\nd None\nb 2\ne 2\nc 1\n',
    )
  })

  it('the first column has priority; unknown names are ignored; names are exact', () => {
    const rows = [['b', 2, 'z1'], ['a', 1, 'z2'], ['c', 1, 'z1'], ['d', 2, 'z2']]
    expect(renderList(headers, rows, 'value', {sortColumns: ['Zone', 'Name', 'Nope']})).toBe('b 2 z1\nc 1 z1\na 1 z2\nd 2 z2\n')
    expect(renderList(headers, rows, 'value', {sortColumns: ['zone']})).toBe('b 2 z1\na 1 z2\nc 1 z1\nd 2 z2\n')
  })

  it('sorts before -c drops the column', () => {
    expect(renderList(headers, sizes, 'value', {sortColumns: ['Size'], columns: ['Name']})).toBe('c\nb\ne\na\nd\n')
  })

  it('mixed types: a warning and no sort', () => {
    const warnings: string[] = []
    const out = renderList(['Name', 'Size'], [['b', 'x'], ['a', 1]], 'value', {sortColumns: ['Size'], onWarning: (m) => warnings.push(m)})
    expect(out).toBe('b x\na 1\n')
    expect(warnings).toEqual(["Could not sort on field 'Size'; unsortable types"])
  })

  it('strings sort by code point (upper case first)', () => {
    expect(renderList(['Name'], [['b'], ['B'], ['a']], 'value', {sortColumns: ['Name']})).toBe('B\na\nb\n')
  })
})

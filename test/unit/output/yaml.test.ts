// The yaml format must match PyYAML's safe_dump(default_flow_style=False). Expected strings were
// printed by PyYAML 6.0 for the same data.
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {pyYamlSafeDump, renderList, renderShow} from '../../../src/output/index.js'

const dumpK = (s: unknown) => pyYamlSafeDump({k: s})

describe('which strings PyYAML quotes', () => {
  it.each<[string, string]>([
    // would read back as timestamps, bools, null, ints, floats (YAML 1.1 rules)
    ['2026-11-23T05:22:58Z', "k: '2026-11-23T05:22:58Z'\n"],
    ['2026-11-23 05:22:58', "k: '2026-11-23 05:22:58'\n"],
    ['2026-11-23', "k: '2026-11-23'\n"],
    ['True', "k: 'True'\n"],
    ['yes', "k: 'yes'\n"],
    ['Off', "k: 'Off'\n"],
    ['null', "k: 'null'\n"],
    ['~', "k: '~'\n"],
    ['', "k: ''\n"],
    ['1450', "k: '1450'\n"],
    ['-5', "k: '-5'\n"],
    ['0x1F', "k: '0x1F'\n"],
    ['1_000', "k: '1_000'\n"],
    ['0755', "k: '0755'\n"],
    ['1.5', "k: '1.5'\n"],
    ['.5', "k: '.5'\n"],
    ['12:30', "k: '12:30'\n"],
    ['190:20:30', "k: '190:20:30'\n"],
    ['=', "k: '='\n"],
    ['<<', "k: '<<'\n"],
    // indicators
    ['a: b', "k: 'a: b'\n"],
    ['key:', "k: 'key:'\n"],
    [':', "k: ':'\n"],
    ['*ref', "k: '*ref'\n"],
    ['&a', "k: '&a'\n"],
    ['!tag', "k: '!tag'\n"],
    ['%x', "k: '%x'\n"],
    ['@x', "k: '@x'\n"],
    ['`x', "k: '`x'\n"],
    ['- item', "k: '- item'\n"],
    ['-', "k: '-'\n"],
    ['#x', "k: '#x'\n"],
    ['a #b', "k: 'a #b'\n"],
    ['? x', "k: '? x'\n"],
    ['[x]', "k: '[x]'\n"],
    ['{y}', "k: '{y}'\n"],
    ['---', "k: '---'\n"],
    ['...', "k: '...'\n"],
    [' lead', "k: ' lead'\n"],
    ['trail ', "k: 'trail '\n"],
  ])('%j is single-quoted', (value, expected) => {
    expect(dumpK(value)).toBe(expected)
  })

  it.each<[string, string]>([
    ['1e5', 'k: 1e5\n'], // not a YAML 1.1 float (no dot)
    ['a:b', 'k: a:b\n'],
    ['-x', 'k: -x\n'],
    ['a#b', 'k: a#b\n'],
    ['?x', 'k: ?x\n'],
    ['a, b', 'k: a, b\n'],
    ["it's", "k: it's\n"],
    ['say "hi"', 'k: say "hi"\n'],
    ['container-net', 'k: container-net\n'],
    ['/v2/images/82bc5fc4/file', 'k: /v2/images/82bc5fc4/file\n'],
  ])('%j stays plain', (value, expected) => {
    expect(dumpK(value)).toBe(expected)
  })

  it('a quote inside single quotes is doubled', () => {
    expect(dumpK("'x' it's")).toBe("k: '''x'' it''s'\n")
  })

  it('line breaks: single-quoted with a blank line per break', () => {
    expect(dumpK('line1\nline2')).toBe("k: 'line1\n\n  line2'\n")
  })

  it('non-ASCII and control characters force double quotes with escapes (no allow_unicode)', () => {
    expect(dumpK('café')).toBe('k: "caf\\xE9"\n')
    expect(dumpK('a\tb')).toBe('k: "a\\tb"\n')
    expect(dumpK('日本')).toBe('k: "\\u65E5\\u672C"\n')
  })

  it('long plain text folds at a space past column 80', () => {
    const long = 'a long description with plenty of words so that PyYAML has to fold this plain scalar over more than one line at column eighty'
    expect(dumpK(long)).toBe(
      // the word that crosses column 80 is written whole, the break comes at the next space
      'k: a long description with plenty of words so that PyYAML has to fold this plain scalar\n  over more than one line at column eighty\n',
    )
    expect(dumpK('x'.repeat(85))).toBe(`k: ${'x'.repeat(85)}\n`)
  })

  it('a key PyYAML would not read back as a string is quoted too', () => {
    expect(pyYamlSafeDump({on: 'on'})).toBe("'on': 'on'\n")
  })
})

describe('structure', () => {
  it('scalars of other types, empty containers in flow style, sequences not indented under keys', () => {
    const data = {n: null, t: true, i: 3, f: 0.5, e: 1e-5, l: [], d: {}, nl: [[1, 2], {b: 1, a: [3]}]}
    expect(pyYamlSafeDump(data)).toBe('d: {}\ne: 1.0e-05\nf: 0.5\ni: 3\nl: []\nn: null\nnl:\n- - 1\n  - 2\n- a:\n  - 3\n  b: 1\nt: true\n')
  })

  it('a list of mappings, keys sorted, nested mappings indented', () => {
    expect(pyYamlSafeDump([{b: 1, a: {y: 2, x: [1]}}, {z: []}])).toBe('- a:\n    x:\n    - 1\n    y: 2\n  b: 1\n- z: []\n')
  })

  it('list format: keys sorted inside each item; show format: the command order', () => {
    expect(renderList(['Name', 'ID'], [['n', 'i']], 'yaml')).toBe('- ID: i\n  Name: n\n')
    expect(renderShow(['name', 'id'], ['n', 'i'], 'yaml')).toBe('name: n\nid: i\n')
    expect(renderShow(['properties'], [{b: 1, a: 2}], 'yaml')).toBe('properties:\n  a: 2\n  b: 1\n')
  })

  it('what we print parses back to the same data', () => {
    const values = ['2026-11-23T05:22:58Z', 'True', '1450', 'a: b', '*ref', '', 'line1\nline2', 'café', null, 12, false, ['x', '0755'], {k: 'yes'}]
    const fields = values.map((_, i) => `f${i}`)
    const parsed = parse(renderShow(fields, values, 'yaml'), {version: '1.1'}) as Record<string, unknown>
    expect(Object.values(parsed)).toEqual(values)
  })
})

// pythonStr and friends: Python 3's str()/repr() of JSON values (expected strings were printed by
// CPython 3.11 for the same values).
import {describe, expect, it} from 'vitest'
import {pythonStr, pyRepr, pyFloatRepr, pyTupleRepr, pyListRepr} from '../../../src/output/index.js'
import {pyCompareNoneLast, UnorderableTypesError} from '../../../src/output/python.js'

describe('pythonStr', () => {
  it.each<[unknown, string]>([
    [null, 'None'],
    [undefined, 'None'],
    [true, 'True'],
    [false, 'False'],
    [0, '0'],
    [-7, '-7'],
    [1450, '1450'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [1.5e300, '1.5e+300'],
    [123456789.125, '123456789.125'],
    [-2.5e-7, '-2.5e-07'],
    ['plain', 'plain'],
    ["it's", "it's"],
    ['', ''],
  ])('%j -> %s', (value, expected) => {
    expect(pythonStr(value)).toBe(expected)
  })

  it('lists use repr() of their items, with single quotes', () => {
    expect(pythonStr([])).toBe('[]')
    expect(pythonStr(['9a1c3f45-dfd1-4069-aceb-395e874a3bf5'])).toBe("['9a1c3f45-dfd1-4069-aceb-395e874a3bf5']")
    expect(pythonStr(['a', 1, null, true, 2.5])).toBe("['a', 1, None, True, 2.5]")
  })

  it('string repr picks its quotes like Python and escapes what Python escapes', () => {
    expect(pythonStr(["it's", 'say "hi"', 'both \' and "'])).toBe(`["it's", 'say "hi"', 'both \\' and "']`)
    expect(pythonStr(['tab\there\nnl', 'back\\slash'])).toBe("['tab\\there\\nnl', 'back\\\\slash']")
    expect(pythonStr(['café 日本', '\x07\x7f\u200b\u00a0'])).toBe("['café 日本', '\\x07\\x7f\\u200b\\xa0']")
  })

  it('dicts keep insertion order, nested values as repr', () => {
    expect(pythonStr({})).toBe('{}')
    expect(pythonStr({a: [1, {b: null}], k: 'v'})).toBe("{'a': [1, {'b': None}], 'k': 'v'}")
    expect(pythonStr([{ip_address: '10.0.0.5', subnet_id: 'abc'}])).toBe("[{'ip_address': '10.0.0.5', 'subnet_id': 'abc'}]")
  })

  it('pyRepr quotes strings, leaves the rest as str()', () => {
    expect(pyRepr('x')).toBe("'x'")
    expect(pyRepr(3)).toBe('3')
    expect(pyListRepr(['x', 'y'])).toBe("['x', 'y']")
  })

  it('tuple repr, with the one-item trailing comma', () => {
    expect(pyTupleRepr(['ID'])).toBe("('ID',)")
    expect(pyTupleRepr(['ID', 'Name'])).toBe("('ID', 'Name')")
  })

  it('float repr switches to exponent form outside 1e-4 .. 1e16', () => {
    expect(pyFloatRepr(0.0001)).toBe('0.0001')
    expect(pyFloatRepr(0.00001)).toBe('1e-05')
    expect(pyFloatRepr(1)).toBe('1.0')
    expect(pyFloatRepr(1e16)).toBe('1e+16')
    expect(pyFloatRepr(1234567890123456.7)).toBe('1234567890123456.8')
    expect(pyFloatRepr(-0)).toBe('-0.0')
    expect(pyFloatRepr(NaN)).toBe('nan')
    expect(pyFloatRepr(-Infinity)).toBe('-inf')
  })
})

describe('Python ordering used by --sort-column', () => {
  it('None after everything, numbers and bools together, strings by code point', () => {
    expect(pyCompareNoneLast(null, 'a')).toBe(1)
    expect(pyCompareNoneLast('a', null)).toBe(-1)
    expect(pyCompareNoneLast(null, null)).toBe(0)
    expect(pyCompareNoneLast(true, 2)).toBe(-1)
    expect(pyCompareNoneLast('Z', 'a')).toBe(-1)
    // U+FF5E (BMP) sorts before U+1F600 by code point, although its UTF-16 unit is larger
    expect(pyCompareNoneLast('\uff5e', '\u{1f600}')).toBe(-1)
    expect(pyCompareNoneLast(['a', 'b'], ['a', 'c'])).toBe(-1)
  })

  it('unorderable types raise, as Python raises TypeError', () => {
    expect(() => pyCompareNoneLast('a', 1)).toThrow(UnorderableTypesError)
    expect(() => pyCompareNoneLast({a: 1}, {a: 2})).toThrow(UnorderableTypesError)
    expect(pyCompareNoneLast({a: 1}, {a: 1})).toBe(0)
  })
})

import {describe, expect, it} from 'vitest'

import {negotiate} from '../../../../src/sim/tricircle/errors.js'
import {pyInt, pyRepr, pySetRepr, pyStr} from '../../../../src/sim/common/python.js'
import {formatColumnTime, formatJobTime, parseMysqlDateTime} from '../../../../src/sim/tricircle/time.js'

describe('tricircle emulator: Python-compatible text', () => {
  it('pyRepr quotes like repr(str)', () => {
    expect(pyRepr('4s')).toBe("'4s'")
    expect(pyRepr("it's")).toBe('"it\'s"')
    expect(pyRepr(`it's "x"`)).toBe(`'it\\'s "x"'`)
    expect(pyRepr('a\nb\\')).toBe("'a\\nb\\\\'")
  })

  it('pyInt accepts what int() accepts', () => {
    expect(pyInt(' 12 ')).toBe(12)
    expect(pyInt('+3')).toBe(3)
    expect(pyInt('-1')).toBe(-1)
    expect(pyInt('1_000')).toBe(1000)
    for (const bad of ['20x', '', '1.5', '0x10', '_1', '1__0']) expect(pyInt(bad)).toBeUndefined()
  })

  it('pyStr / pySetRepr', () => {
    expect(pyStr(null)).toBe('None')
    expect(pyStr(true)).toBe('True')
    expect(pyStr(5)).toBe('5')
    expect(pyStr('x')).toBe('x')
    expect(pyStr({a: [1, 'b']})).toBe("{'a': [1, 'b']}")
    expect(pySetRepr(['pod_id', 'network_id'])).toBe("{'pod_id', 'network_id'}")
  })
})

describe('tricircle emulator: timestamps', () => {
  const d = new Date('2026-11-23T05:26:32.180Z')
  it('MySQL DATETIME columns round to whole seconds', () => {
    expect(formatColumnTime(d)).toBe('2026-11-23 05:26:32')
    expect(formatColumnTime(new Date('2026-11-23T05:26:32.700Z'))).toBe('2026-11-23 05:26:33')
  })
  it('job timestamps are truncated to the second', () => {
    expect(formatJobTime(new Date('2026-11-23T05:26:32.999Z'))).toBe('2026-11-23 05:26:32')
  })
  it('MySQL datetime parsing', () => {
    expect(parseMysqlDateTime('2020-01-02')).toBe('2020-01-02 00:00:00')
    expect(parseMysqlDateTime('2020-01-02T03:04:05')).toBe('2020-01-02 03:04:05')
    expect(parseMysqlDateTime('2020-02-30 00:00:00')).toBeUndefined()
    expect(parseMysqlDateTime('yesterday')).toBeUndefined()
  })
})

describe('tricircle emulator: pecan.abort content negotiation', () => {
  it.each([
    ['application/json', 'application/json'],
    ['application/json, */*', 'text/html'],
    ['*/*', 'text/html'],
    ['text/html', 'text/html'],
    ['text/plain', 'text/plain'],
    ['application/json;q=0.9, text/plain', 'text/plain'],
    ['application/*', 'application/json'],
    ['image/png', 'text/plain'],
    ['', 'text/plain'],
  ])('Accept %j → %s', (accept, expected) => {
    expect(negotiate(accept)).toBe(expected)
  })
  it('no Accept header → text/plain', () => {
    expect(negotiate(undefined)).toBe('text/plain')
  })
})

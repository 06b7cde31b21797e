import {describe, expect, it} from 'vitest'

import {UsageError} from '../../../src/core/errors.js'
import {parseKeyValueList, parseKeyValues} from '../../../src/core/key-values.js'

describe('parseKeyValues (osc-lib MultiKeyValueAction; Neutron and Octavia flags)', () => {
  const pool = {required: ['start', 'end']}

  it('splits k=v pairs on commas and keeps "=" inside values', () => {
    expect(parseKeyValues('--allocation-pool', 'start=10.0.0.2,end=10.0.0.9', pool)).toEqual({start: '10.0.0.2', end: '10.0.0.9'})
    expect(parseKeyValues('--x', 'a=b=c', {optional: ['a']})).toEqual({a: 'b=c'})
  })

  it('gives osc-lib messages, prefixed with the flag', () => {
    expect(() => parseKeyValues('--allocation-pool', 'start=10.0.0.2', pool)).toThrow(
      '--allocation-pool: Missing required keys end. Required keys are: start, end',
    )
    expect(() => parseKeyValues('--allocation-pool', 'start=1,end=2,size=3', pool)).toThrow(
      '--allocation-pool: Invalid keys size specified. Valid keys are: start, end',
    )
    expect(() => parseKeyValues('--fixed-ip', 'subnet', {optional: ['subnet']})).toThrow(
      "--fixed-ip: Expected comma separated 'key=value' pairs, but got: subnet",
    )
    expect(() => parseKeyValues('--fixed-ip', '=x', {optional: ['subnet']})).toThrow('--fixed-ip: Each property key must be specified: =x')
  })

  it('without keys, any key is taken (--session-persistence, --insert-headers)', () => {
    expect(parseKeyValues('--session-persistence', 'type=APP_COOKIE,cookie_name=sid')).toEqual({type: 'APP_COOKIE', cookie_name: 'sid'})
  })
})

describe('parseKeyValueList (osc-lib KeyValueAction, repeatable)', () => {
  it('takes key=value (split at the first =) and refuses the rest as usage errors', () => {
    expect(parseKeyValueList('--property', ['a=1', 'b=x=y', 'c='])).toEqual({a: '1', b: 'x=y', c: ''})
    expect(parseKeyValueList('--property', undefined)).toEqual({})
    expect(() => parseKeyValueList('--property', ['foo'])).toThrow(UsageError)
    expect(() => parseKeyValueList('--property', ['foo'])).toThrow("Expected 'key=value' type, but got: foo")
    expect(() => parseKeyValueList('--property', ['=v'])).toThrow('Property key must be specified: =v')
    expect(() => parseKeyValueList('--property', ['x'])).toThrow(expect.objectContaining({actions: ['give --property as key=value']}))
  })
})

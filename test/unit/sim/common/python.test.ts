import {describe, expect, it} from 'vitest'

import {pformat, pyFloat, pyReprValue, toPythonJson} from '../../../../src/sim/common/python.js'

/** Expected texts are what Python 3.11's `pprint.pformat(value, width=72)` and `repr()` print. */
describe('pformat', () => {
  it('a dict that does not fit: one key per line, sorted, values kept on the line when they fit', () => {
    const schema = {type: ['string', 'null'], minLength: 2, maxLength: 255, pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$'}
    expect(pformat(schema)).toBe(
      "{'maxLength': 255,\n 'minLength': 2,\n 'pattern': '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$',\n 'type': ['string', 'null']}",
    )
  })

  it('floats keep their decimal point; a backslash is escaped', () => {
    const cpu = {type: ['number', 'string', 'null'], pattern: '^[0-9]*(\\.([0-9]+))?$', minLength: 1, minimum: 0.1, maximum: pyFloat(16)}
    expect(pformat(cpu)).toBe(
      "{'maximum': 16.0,\n 'minLength': 1,\n 'minimum': 0.1,\n 'pattern': '^[0-9]*(\\\\.([0-9]+))?$',\n 'type': ['number', 'string', 'null']}",
    )
  })

  it('nested dicts are indented under their key', () => {
    const nets = {
      type: 'object',
      properties: {
        network: {type: ['string'], minLength: 1, maxLength: 255},
        'v4-fixed-ip': {type: ['string'], format: 'ipv4'},
        port: {type: ['string'], maxLength: 255, minLength: 1},
      },
      additionalProperties: false,
      oneOf: [{required: ['network']}, {required: ['port']}],
    }
    expect(pformat(nets)).toBe(
      "{'additionalProperties': False,\n 'oneOf': [{'required': ['network']}, {'required': ['port']}],\n" +
        " 'properties': {'network': {'maxLength': 255,\n                            'minLength': 1,\n                            'type': ['string']},\n" +
        "                'port': {'maxLength': 255,\n                         'minLength': 1,\n                         'type': ['string']},\n" +
        "                'v4-fixed-ip': {'format': 'ipv4', 'type': ['string']}},\n 'type': 'object'}",
    )
  })

  it('a long list: one item per line', () => {
    const bools = {type: ['boolean', 'string'], enum: [true, 'True', 'TRUE', false, 'no']}
    expect(pformat({...bools, enum: [...bools.enum, ...Array.from({length: 12}, (_, i) => `value-${i}`)]}).split('\n')[1]).toBe("          'True',")
  })

  it('strings: a long word stays whole; a quote picks the other quote', () => {
    expect(pformat('x'.repeat(100))).toBe(`'${'x'.repeat(100)}'`)
    expect(pformat("it's")).toBe('"it\'s"')
  })
})

describe('repr and JSON', () => {
  it('None, True, floats', () => {
    expect(pyReprValue({a: null, b: true, c: pyFloat(1), d: [1, 'x']})).toBe("{'a': None, 'b': True, 'c': 1.0, 'd': [1, 'x']}")
    expect(toPythonJson({cpu: pyFloat(1), memory: '512', x: [null]})).toBe('{"cpu": 1.0, "memory": "512", "x": [null]}')
  })
})

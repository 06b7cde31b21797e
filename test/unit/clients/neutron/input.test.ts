// Client-side checks of Neutron inputs (src/clients/neutron/input.ts): CIDRs, addresses and
// osc-lib's key=value options. They must reject what Neutron rejects, accept what it accepts,
// and throw UsageError (exit 2) naming the flag.
import {describe, expect, it} from 'vitest'

import {UsageError} from '../../../../src/core/errors.js'
import {cidrContains, parseCidr, parseIp, requireCidr, requireInt, requireIp} from '../../../../src/clients/neutron/input.js'

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/24', 4, 24, '10.0.0.0', '10.0.0.255'],
    ['10.0.0.0/0', 4, 0, '0.0.0.0', '255.255.255.255'],
    ['192.168.1.7/32', 4, 32, '192.168.1.7', '192.168.1.7'],
    // Neutron accepts host bits and stores the network address (10.79.0.5/24 → 10.79.0.0/24).
    ['10.79.0.5/24', 4, 24, '10.79.0.0', '10.79.0.255'],
    // …and a prefix with a leading zero.
    ['10.91.0.0/024', 4, 24, '10.91.0.0', '10.91.0.255'],
  ])('%s is IPv%i /%i from %s to %s', (text, version, prefix, first, last) => {
    const c = parseCidr(text)!
    expect([c.version, c.prefix]).toEqual([version, prefix])
    expect(cidrContains(c, parseIp(first)!)).toBe(true)
    expect(cidrContains(c, parseIp(last)!)).toBe(true)
    if (prefix > 0) {
      const below = parseIp(first)!.value - 1n
      const above = parseIp(last)!.value + 1n
      expect(cidrContains(c, {version: 4, value: below, text: ''})).toBe(false)
      expect(cidrContains(c, {version: 4, value: above, text: ''})).toBe(false)
    }
  })

  it('reads IPv6, with :: anywhere and an embedded IPv4 tail', () => {
    const c = parseCidr('2001:db8::/64')!
    expect([c.version, c.prefix]).toEqual([6, 64])
    expect(cidrContains(c, parseIp('2001:db8::ffff:1')!)).toBe(true)
    expect(cidrContains(c, parseIp('2001:db8:0:1::1')!)).toBe(false)
    expect(parseIp('::ffff:10.0.0.1')!.value).toBe((0xffffn << 32n) | (10n << 24n) | 1n)
    expect(parseIp('::1')!.value).toBe(1n)
    expect(parseIp('fe80::')!.value).toBe(0xfe80n << 112n)
    expect(parseCidr('::/0')!.prefix).toBe(0)
  })

  it.each(['banana', '10.0.0.0', '10.0.0.0/33', '10.0.0.256/24', '10.0.0/24', '2001:db8::/129', '10.0.0.0/-1', '010.0.0.0/24', ' /24', '10.0.0.0/24/1', 'fe80::1%eth0/64'])(
    'rejects %j',
    (text) => {
      expect(parseCidr(text)).toBeUndefined()
      expect(() => requireCidr('--subnet-range', text)).toThrow(UsageError)
    },
  )

  it('names the flag and the value in the message', () => {
    expect(() => requireCidr('--subnet-range', '10.77.0.0/33')).toThrow(/^--subnet-range 10\.77\.0\.0\/33: not a CIDR/)
  })
})

describe('requireIp', () => {
  it('accepts an address of the wanted version and rejects the other', () => {
    expect(requireIp('--gateway', '10.0.0.1', 4).text).toBe('10.0.0.1')
    expect(() => requireIp('--gateway', '2001:db8::1', 4)).toThrow('--gateway 2001:db8::1: an IPv6 address where IPv4 is expected')
    expect(() => requireIp('--gateway', '10.0.0.300')).toThrow('--gateway 10.0.0.300: not an IP address')
  })
})

describe('requireInt', () => {
  it('takes whole numbers in range only', () => {
    expect(requireInt('--provider-segment', '1005', {min: 0})).toBe(1005)
    expect(() => requireInt('--provider-segment', '10a', {min: 0})).toThrow('--provider-segment 10a: not a whole number')
    expect(() => requireInt('--provider-segment', '-1', {min: 0})).toThrow(UsageError)
  })
})

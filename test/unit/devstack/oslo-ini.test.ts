import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'

import {IniSyntaxError, parseOsloIni, readOption, setOption} from '../../../src/devstack/oslo-ini.js'

const FIXTURES = join(import.meta.dirname, '../../fixtures/devstack')
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8')

describe('reading as oslo.config reads', () => {
  it('takes the last of repeated keys, merges repeated sections case-insensitively, and joins continuation lines', () => {
    const text = fixture('kuryr-repeated-section.conf')
    expect(readOption(text, 'neutron', 'region_name')).toBe('CentralRegion')
    expect(readOption(text, 'neutron', 'endpoint_type')).toBe('internal')
    expect(readOption(text, 'neutron', 'service_metadata_proxy')).toBe('\nfirst line of a continued value\nsecond line')
    expect(readOption(fixture('zun.conf'), 'keystone_authtoken', 'memcached_servers')).toBe('10.250.201.25:11211')
  })

  it('keeps a value with an inline # (oslo.config has no inline comments), splits at the first = or :, unquotes', () => {
    const text = '[a]\nx = 1 # not a comment\ny: http://h:5000/v3\nz = "quoted"\nw=a=b\n'
    expect(readOption(text, 'a', 'x')).toBe('1 # not a comment')
    expect(readOption(text, 'a', 'y')).toBe('http://h:5000/v3')
    expect(readOption(text, 'a', 'z')).toBe('quoted')
    expect(readOption(text, 'a', 'w')).toBe('a=b')
  })

  it('reads an indented key = value line as part of the value before it, not as a key', () => {
    const text = '[neutron]\nfoo = bar\n  region_name = Fake\n'
    expect(readOption(text, 'neutron', 'region_name')).toBeUndefined()
    expect(readOption(text, 'neutron', 'foo')).toBe('bar\nregion_name = Fake')
  })

  it('treats [DEFAULT] as case-sensitive and other groups as lower case', () => {
    expect(readOption('[default]\nx = 1\n', 'DEFAULT', 'x')).toBeUndefined()
    expect(readOption('[NEUTRON_CLIENT]\nregion_name = R\n', 'neutron_client', 'region_name')).toBe('R')
  })

  it.each([
    ['[neutron_client\nregion_name = R\n', 1, 'Invalid section (must end with ])'],
    ['[]\n', 1, 'Empty section name'],
    ['[a]\njust some words\n', 2, "No ':' or '=' found in assignment"],
    ['[a]\n = value\n', 2, 'Unexpected continuation line'],
    ['[a]\n=value\n', 2, 'Key cannot be empty'],
    ['x = 1\n[a]\n', 1, 'Section must be started before assignment'],
    ['[a]\n# comment\n  continued?\n', 3, 'Unexpected continuation line'],
    ['[a]\nx = 1\n\n  continued after a blank line\n', 4, 'Unexpected continuation line'],
  ])('refuses what oslo.config refuses: %j', (text, line, reason) => {
    const err = (() => {
      try {
        parseOsloIni(text)
      } catch (error) {
        return error as IniSyntaxError
      }
      throw new Error('no error')
    })()
    expect(err).toBeInstanceOf(IniSyntaxError)
    expect(err.line).toBe(line)
    expect(err.reason).toBe(reason)
  })
})

describe('setting one option, every other byte kept', () => {
  it('adds the key after its commented default and uncomments nothing (zun.conf fixture, byte for byte)', () => {
    const r = setOption(fixture('zun.conf'), 'neutron_client', 'region_name', 'RegionOne')
    expect(r).toMatchObject({changed: true, action: 'inserted'})
    expect(r.previous).toBeUndefined()
    expect(r.text).toBe(fixture('zun.conf.expected'))
    expect(r.text).toContain('#region_name = <None>\nregion_name = RegionOne\n')
  })

  it("adds the key after the section's last line when there is no commented default (kuryr.conf fixture)", () => {
    const r = setOption(fixture('kuryr.conf'), 'neutron', 'region_name', 'RegionOne')
    expect(r.action).toBe('inserted')
    expect(r.text).toBe(fixture('kuryr.conf.expected'))
  })

  it('changes only the value of the last occurrence, keeping its spacing and trailing blanks (repeated sections)', () => {
    const r = setOption(fixture('kuryr-repeated-section.conf'), 'neutron', 'region_name', 'RegionOne')
    expect(r).toMatchObject({changed: true, action: 'replaced', previous: 'CentralRegion'})
    expect(r.text).toBe(fixture('kuryr-repeated-section.conf.expected'))
  })

  it('changes nothing when the value is already set, and a second run gives the same text', () => {
    for (const [name, section] of [['zun.conf', 'neutron_client'], ['kuryr.conf', 'neutron'], ['kuryr-repeated-section.conf', 'neutron']]) {
      const once = setOption(fixture(name), section, 'region_name', 'RegionOne').text
      const twice = setOption(once, section, 'region_name', 'RegionOne')
      expect(twice).toMatchObject({changed: false, action: 'unchanged', previous: 'RegionOne'})
      expect(twice.text).toBe(once)
    }
  })

  it('edits the last of several occurrences of the key, as that is the one oslo.config uses', () => {
    const text = '[neutron]\nregion_name = A\n[other]\nx = 1\n[neutron]\nregion_name = B\n'
    expect(setOption(text, 'neutron', 'region_name', 'C').text).toBe('[neutron]\nregion_name = A\n[other]\nx = 1\n[neutron]\nregion_name = C\n')
  })

  it('replaces a value spread over continuation lines with the one line', () => {
    const text = '[neutron]\nregion_name = A\n  B\nx = 1\n'
    expect(setOption(text, 'neutron', 'region_name', 'R').text).toBe('[neutron]\nregion_name = R\nx = 1\n')
  })

  it('fills an empty value with the spacing of the key', () => {
    expect(setOption('[neutron]\nregion_name =\n', 'neutron', 'region_name', 'R').text).toBe('[neutron]\nregion_name = R\n')
    expect(setOption('[neutron]\nregion_name=\n', 'neutron', 'region_name', 'R').text).toBe('[neutron]\nregion_name=R\n')
  })

  it('appends a new section when the file has none, after a blank line', () => {
    const r = setOption('[DEFAULT]\ndebug = True\n', 'neutron_client', 'region_name', 'RegionTwo')
    expect(r).toMatchObject({action: 'appended'})
    expect(r.text).toBe('[DEFAULT]\ndebug = True\n\n[neutron_client]\nregion_name = RegionTwo\n')
    expect(setOption('', 'neutron', 'region_name', 'R').text).toBe('[neutron]\nregion_name = R\n')
  })

  it("keeps CRLF line endings and uses them for the new line", () => {
    const text = '[DEFAULT]\r\ndebug = True\r\n\r\n[neutron]\r\nauth_type = password\r\n'
    expect(setOption(text, 'neutron', 'region_name', 'R').text).toBe('[DEFAULT]\r\ndebug = True\r\n\r\n[neutron]\r\nauth_type = password\r\nregion_name = R\r\n')
  })

  it('keeps a file without a final newline without one', () => {
    expect(setOption('[neutron]\nauth_type = password', 'neutron', 'region_name', 'R').text).toBe('[neutron]\nauth_type = password\nregion_name = R')
    expect(setOption('[neutron]\nregion_name = A', 'neutron', 'region_name', 'R').text).toBe('[neutron]\nregion_name = R')
  })

  it('inserts into an empty section right after its header, before the blank line', () => {
    expect(setOption('[neutron]\n\n[other]\nx = 1\n', 'neutron', 'region_name', 'R').text).toBe('[neutron]\nregion_name = R\n\n[other]\nx = 1\n')
  })

  it('refuses to edit a malformed file', () => {
    expect(() => setOption('[neutron\nregion_name = A\n', 'neutron', 'region_name', 'R')).toThrow(IniSyntaxError)
  })
})

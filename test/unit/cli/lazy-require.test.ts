import {describe, expect, it} from 'vitest'

import {lazyRequireSource} from '../../../scripts/lazy-require.mjs'

/** The stand-in for `name`, evaluated as the bundle runs it, over a fake node_modules (or bundle: `bundled`). */
function standIn(name: string, real: unknown, bundled?: string): {mod: any; loads: () => number} {
  let loads = 0
  const fakeRequire = Object.assign(
    (id: string) => {
      if (bundled && id === bundled) {
        loads++
        return real
      }
      if (id !== 'node:module') throw new Error(`unexpected require(${id})`)
      return {
        createRequire: (from: string) => (pkg: string) => {
          expect(from).toBe('/nm/@oclif/core/package.json')
          expect(pkg).toBe(name)
          loads++
          return real
        },
      }
    },
    {resolve: (id: string) => (id === '@oclif/core/package.json' ? '/nm/@oclif/core/package.json' : '')},
  )
  const module = {exports: undefined as unknown}
  new Function('module', 'require', lazyRequireSource(name, bundled))(module, fakeRequire)
  return {mod: module.exports, loads: () => loads}
}

describe('the stand-ins for what @oclif/core seldom uses', () => {
  it('require nothing until used, and then once', () => {
    const semver = standIn('semver', {satisfies: (v: string, r: string) => v === '20.12.0' && r === '>=20.12'})
    expect(semver.loads()).toBe(0)
    expect(semver.mod.__esModule).toBeUndefined()
    expect(semver.loads()).toBe(0)
    expect(semver.mod.satisfies('20.12.0', '>=20.12')).toBe(true)
    expect(semver.mod.satisfies('18.0.0', '>=20.12')).toBe(false)
    expect(semver.loads()).toBe(1)
  })

  it('can be called when the package is a function (wordwrap)', () => {
    const wordwrap = standIn('wordwrap', (start: number, stop: number) => (text: string) => `${start}-${stop}:${text}`)
    expect(wordwrap.mod(2, 40)('abc')).toBe('2-40:abc')
  })

  it('run a module of the bundle only when first used (wrap-ansi)', () => {
    const wrap = standIn('wrap-ansi', (text: string, cols: number) => `${text}/${cols}`, '/nm/wrap-ansi/index.js')
    expect(wrap.loads()).toBe(0)
    expect(wrap.mod('abc', 80)).toBe('abc/80')
    expect(wrap.mod('def', 40)).toBe('def/40')
    expect(wrap.loads()).toBe(1)
  })

  it('list, test and describe the package’s exports as the package does', () => {
    const spinners = standIn('cli-spinners', {dots: {interval: 80, frames: ['.']}, line: {interval: 130, frames: ['-']}})
    expect(Object.keys(spinners.mod)).toEqual(['dots', 'line'])
    expect('dots' in spinners.mod).toBe(true)
    expect({...spinners.mod}.line).toEqual({interval: 130, frames: ['-']})
  })
})

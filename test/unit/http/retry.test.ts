import {describe, expect, it} from 'vitest'

import {backoffMs, retryAfterMs, seconds} from '../../../src/http/retry.js'

describe('retry timing', () => {
  it('reads Retry-After as seconds or as an HTTP date, and ignores what it cannot read', () => {
    const now = Date.parse('2026-12-05T12:00:00Z')
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs(' 0 ', now)).toBe(0)
    expect(retryAfterMs('Sat, 05 Dec 2026 12:00:30 GMT', now)).toBe(30_000)
    expect(retryAfterMs('Sat, 05 Dec 2026 11:00:00 GMT', now)).toBe(0)
    expect(retryAfterMs('soon', now)).toBeUndefined()
    expect(retryAfterMs('-5', now)).toBeUndefined()
    expect(retryAfterMs(null, now)).toBeUndefined()
  })

  it('backs off 0.3 s, 0.6 s, 1.2 s… up to 4 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([300, 600, 1200, 2400, 4000, 4000])
    expect(seconds(300)).toBe('0.3')
    expect(seconds(2960)).toBe('3')
  })
})

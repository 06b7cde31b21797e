import {describe, expect, it} from 'vitest'

import {UsageError} from '../../../src/core/errors.js'
import {MAX_TIMEOUT_S, timeoutSeconds} from '../../../src/http/timeouts.js'

describe('timeoutSeconds (issue 8: MRCTL_HTTP_TIMEOUT=abc made every call fail with "NaN s")', () => {
  it('takes whole seconds from 1 to the most a timer can wait', () => {
    expect(timeoutSeconds('30', 'MRCTL_HTTP_TIMEOUT')).toBe(30)
    expect(timeoutSeconds(' 7 ', 'MRCTL_HTTP_TIMEOUT')).toBe(7)
    expect(timeoutSeconds(String(MAX_TIMEOUT_S), 'X')).toBe(2_147_483)
    expect(timeoutSeconds(undefined, 'X')).toBeUndefined()
    expect(timeoutSeconds('', 'X')).toBeUndefined()
  })

  for (const bad of ['abc', '0', '-5', '1.5', '1e3', '99999999999']) {
    it(`refuses ${bad} as a usage error naming the variable and the range`, () => {
      let err: unknown
      try {
        timeoutSeconds(bad, 'MRCTL_HTTP_TIMEOUT')
      } catch (error) {
        err = error
      }
      expect(err).toBeInstanceOf(UsageError)
      expect((err as UsageError).exitCode).toBe(2)
      expect((err as UsageError).message).toBe(`MRCTL_HTTP_TIMEOUT=${bad} is not a number of seconds from 1 to 2147483`)
    })
  }
})

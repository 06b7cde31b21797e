import {expect} from 'vitest'

import {MrctlError} from '../../src/core/errors.js'

/** The error a promise is rejected with, which must be one of mrctl's (a promise that resolves fails here). */
export async function mrctlRejection(p: Promise<unknown>): Promise<MrctlError> {
  const err = await p.then(
    () => undefined,
    (error: unknown) => error,
  )
  expect(err).toBeInstanceOf(MrctlError)
  return err as MrctlError
}

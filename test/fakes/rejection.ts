import type {MrctlError} from '../../src/http/errors.js'

/** The error `p` rejects with; a test failure when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<MrctlError> {
  try {
    await p
  } catch (error) {
    return error as MrctlError
  }
  throw new Error('it did not fail')
}

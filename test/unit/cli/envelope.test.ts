import {Errors} from '@oclif/core'
import {describe, expect, it} from 'vitest'

import {errorEnvelope, exitCodeFor, successEnvelope} from '../../../src/cli/envelope.js'
import {InterruptedError} from '../../../src/orchestration/interrupt.js'
import {AmbiguousError, ApiError, ConfigError, MrctlError, NotFoundError, UsageError, WaitTimeoutError} from '../../../src/core/errors.js'
import {ExitCode} from '../../../src/core/exit-codes.js'

describe('exitCodeFor: one mapping for every error', () => {
  it.each([
    ['an API error', new ApiError('Neutron', 409, 'in use', 'req-1', 'http://x'), ExitCode.Error],
    ['a name not found', new NotFoundError('No Network found for x', 'Network', 'x'), ExitCode.Error],
    ['an ambiguous name', new AmbiguousError('two', ['a', 'b']), ExitCode.Error],
    ['a configuration error', new ConfigError('no cloud'), ExitCode.Error],
    ['a usage error', new UsageError('bad flag'), ExitCode.Usage],
    ['a wait that ran out', new WaitTimeoutError('too slow'), ExitCode.Timeout],
    ['an interrupt', new InterruptedError(), ExitCode.Interrupted],
    ['some items failed', new MrctlError('1 of 2 failed', {exitCode: ExitCode.Partial}), ExitCode.Partial],
  ])('%s', (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code)
  })

  it("oclif's parse errors are usage errors (exit 2)", () => {
    const parse = Object.assign(new Error('Nonexistent flag: --nmae'), {parse: {input: {}, output: {}}})
    expect(exitCodeFor(parse)).toBe(ExitCode.Usage)
  })

  it("oclif's own exit codes and a prompt cut short (Ctrl-C: 130)", () => {
    expect(exitCodeFor(new Errors.CLIError('x', {exit: 7}))).toBe(7)
    expect(exitCodeFor(Object.assign(new Error('User force closed the prompt'), {name: 'ExitPromptError'}))).toBe(ExitCode.Interrupted)
  })

  it('anything else is 1', () => {
    expect(exitCodeFor(new TypeError('boom'))).toBe(ExitCode.Error)
    expect(exitCodeFor('a string')).toBe(ExitCode.Error)
    expect(exitCodeFor(undefined)).toBe(ExitCode.Error)
  })
})

describe('the --json envelopes', () => {
  it('success: status (the exit code), result, warnings', () => {
    expect(successEnvelope([{ID: 'n1'}], 3, ['RegionTwo: down'])).toEqual({status: 3, result: [{ID: 'n1'}], warnings: ['RegionTwo: down']})
  })

  it('error: status, name, message, code, actions; data only when there is some; no stack without --debug', () => {
    const e = new ApiError('Neutron', 409, 'in use', 'req-1', 'http://x', undefined, undefined, ['delete the ports first'])
    expect(errorEnvelope(e, {warnings: []})).toEqual({
      status: 1,
      name: 'ApiError',
      message: 'Neutron 409: in use (request req-1)',
      code: 'HTTP409',
      actions: ['delete the ports first'],
      warnings: [],
    })
    expect(errorEnvelope(new AmbiguousError('two', ['a', 'b']), {warnings: ['w']})).toMatchObject({data: {ids: ['a', 'b']}, warnings: ['w']})
  })

  it('--debug adds the stack; the actions go through the paste rewrite; extra data is merged', () => {
    const e = new UsageError('bad', ['see: mrctl network list --help'])
    const env = errorEnvelope(e, {warnings: [], debug: true, action: (a) => `${a}!`, extraData: {leftovers: []}})
    expect(env.stack).toMatch(/^UsageError: bad/)
    expect(env.actions).toEqual(['see: mrctl network list --help!'])
    expect(env.data).toEqual({leftovers: []})
    expect(env.status).toBe(2)
  })

  it('an error that is not ours: its name and message, code = name', () => {
    expect(errorEnvelope(new TypeError('boom'), {warnings: []})).toEqual({status: 1, name: 'TypeError', message: 'boom', code: 'TypeError', actions: [], warnings: []})
  })
})

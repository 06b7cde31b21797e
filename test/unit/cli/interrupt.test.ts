import {EventEmitter} from 'node:events'

import {describe, expect, it} from 'vitest'

import {installInterruptHandler, reportLines} from '../../../src/cli/interrupt.js'
import {InterruptScope} from '../../../src/orchestration/interrupt.js'

const paste = {bin: 'mrctl', options: [['os-cloud', 'prod']] as Array<[string, string | true]>, flagsOf: () => ({'os-cloud': {}, 'os-region-name': {}})}

function harness(scope: InterruptScope) {
  const proc = new EventEmitter()
  const out: {notes: string[]; printed: number; exits: number[]; quiet: number} = {notes: [], printed: 0, exits: [], quiet: 0}
  const dispose = installInterruptHandler(
    scope,
    {
      quiet: () => out.quiet++,
      print: () => out.printed++,
      note: (l) => out.notes.push(l),
      exit: (c) => out.exits.push(c),
    },
    proc as unknown as NodeJS.Process,
  )
  return {proc, out, dispose}
}

describe('the interrupt handler', () => {
  it('first Ctrl-C with nothing to undo: aborts the work, prints what exists, exits 130', () => {
    const scope = new InterruptScope()
    const {proc, out} = harness(scope)
    proc.emit('SIGINT', 'SIGINT')
    expect(scope.signal.aborted).toBe(true)
    expect(out).toEqual({notes: [], printed: 1, exits: [130], quiet: 1})
  })

  it('work that undoes itself: the first Ctrl-C lets it (and says so), the second prints and exits at once', () => {
    const scope = new InterruptScope()
    scope.undoesOnAbort('deleting image 5b0c')
    const {proc, out} = harness(scope)
    proc.emit('SIGINT', 'SIGINT')
    expect(scope.signal.aborted).toBe(true)
    expect(out).toEqual({notes: ['Interrupted: deleting image 5b0c (Ctrl-C again to stop now)'], printed: 0, exits: [], quiet: 1})
    proc.emit('SIGINT', 'SIGINT')
    expect(out.exits).toEqual([130])
    expect(out.printed).toBe(1)
  })

  it('SIGTERM is handled the same (exit 143); dispose removes the handlers', () => {
    const term = new InterruptScope()
    const t = harness(term)
    t.proc.emit('SIGTERM', 'SIGTERM')
    expect(term.signal.aborted).toBe(true)
    expect(t.out.exits).toEqual([143])
    const scope = new InterruptScope()
    const {proc, out, dispose} = harness(scope)
    dispose()
    expect(proc.listenerCount('SIGINT') + proc.listenerCount('SIGTERM')).toBe(0)
    proc.emit('SIGTERM', 'SIGTERM')
    expect(out.exits).toEqual([])
  })

  it('the report: each thing with its region, state and paste-able removal; forgotten things are not listed', () => {
    const scope = new InterruptScope()
    const c = scope.track({what: 'container01 (uuid 3f1c)', region: 'RegionOne', state: 'Creating', remove: 'appcontainer delete --force 3f1c'})
    const gone = scope.track({what: 'image x (id 5b0c)', remove: 'image delete 5b0c'})
    gone.forget()
    c.update({state: 'Running'})
    expect(reportLines(scope.report(), paste, 'appcontainer:run')).toEqual([
      'container01 (uuid 3f1c) was created in RegionOne and is Running; delete it with: mrctl --os-cloud prod --os-region-name RegionOne appcontainer delete --force 3f1c',
    ])
  })

  it('the report of a multi-item operation names what is left, with the command for it', () => {
    const scope = new InterruptScope()
    scope.follow({verb: 'delete', things: 'networks', done: ['a'], failed: ['b'], current: 'c', pending: ["d'1"]})
    expect(reportLines(scope.report(), paste, 'network:delete')).toEqual([
      '1 of 4 networks done: a',
      'failed: b',
      'under way when interrupted (it may or may not be done): c',
      "not tried: d'1",
      "to delete the rest: mrctl --os-cloud prod network delete c 'd'\\''1' b",
    ])
  })
})

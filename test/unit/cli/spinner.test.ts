import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {WaitSpinner} from '../../../src/cli/spinner.js'
import {canAnimate} from '../../../src/cli/tty.js'

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTty() {
  const chunks: string[] = []
  const stream = {
    isTTY: true,
    columns: 100,
    write: (c: string | Uint8Array) => {
      chunks.push(String(c))
      return true
    },
    on: () => stream,
    once: () => stream,
    removeListener: () => stream,
    off: () => stream,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  }
  return {stream: stream as unknown as NodeJS.WriteStream, text: () => chunks.join('')}
}

describe('the --wait spinner', () => {
  let ci: string | undefined
  beforeEach(() => {
    ci = process.env.CI
    delete process.env.CI
  })
  afterEach(() => {
    if (ci !== undefined) process.env.CI = ci
  })

  it('shows what is awaited, its status and the time waited; the clock restarts for the next wait', async () => {
    let now = 1_000_000
    const tty = fakeTty()
    const s = new WaitSpinner(true, tty.stream, () => now)
    s.update('container c1 (3f1c) in RegionOne', 'Creating')
    await s.ready()
    now += 4_200
    expect(s.text()).toBe('Waiting for container c1 (3f1c) in RegionOne: Creating (4 s)')
    s.update('container c1 (3f1c) in RegionOne', 'Running')
    expect(s.text()).toBe('Waiting for container c1 (3f1c) in RegionOne: Running (4 s)')
    expect(tty.text()).toContain('Waiting for container c1 (3f1c) in RegionOne: Creating (0 s)')
    s.stop()
    s.update('load balancer lb1 to become ACTIVE', 'PENDING_UPDATE')
    expect(s.text()).toBe('Waiting for load balancer lb1 to become ACTIVE: PENDING_UPDATE (0 s)')
    await s.ready()
    s.stop()
  })

  it('disabled (no terminal, --json, CI): writes nothing at all', async () => {
    const tty = fakeTty()
    const s = new WaitSpinner(false, tty.stream)
    s.update('container c1', 'Creating')
    await s.ready()
    s.stop()
    expect(tty.text()).toBe('')
    expect(s.running).toBe(false)
  })

  it('is enabled only at a terminal, outside CI, without --json, unless TERM is dumb', () => {
    const tty = Boolean(process.stderr.isTTY)
    expect(canAnimate(true, {})).toBe(false)
    expect(canAnimate(false, {CI: 'true'})).toBe(false)
    expect(canAnimate(false, {TERM: 'dumb'})).toBe(false)
    expect(canAnimate(false, {})).toBe(tty)
  })
})

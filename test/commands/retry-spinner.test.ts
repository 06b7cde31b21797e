/**
 * A Retry-After wait shows on the wait spinner at a terminal (tmux), and never without one.
 */
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'

import {describe, expect, it} from 'vitest'

import {ROOT, runCli, TOKEN, until, useFakeCloud} from './harness.js'

const NET = {id: '5d6c3f2e-1b0a-4c9d-8e7f-6a5b4c3d2e1f', name: 'net1', status: 'ACTIVE', subnets: [], admin_state_up: true, shared: false}

describe('a Retry-After wait on the spinner', () => {
  const clouds = useFakeCloud()

  async function busyNeutron() {
    const cloud = await clouds.start({network: ['RegionOne']})
    cloud.services.network.RegionOne.on({
      method: 'GET',
      path: '/v2.0/networks',
      token: TOKEN,
      reply: [{status: 503, headers: {'Retry-After': '3'}, json: {NeutronError: {message: 'busy'}}}, {json: {networks: [NET]}}],
    })
    return cloud
  }

  it('at a terminal (tmux): why it waits and for how long, on stderr; cleared when the answer comes', async () => {
    expect(spawnSync('tmux', ['-V']).status, 'this test needs tmux').toBe(0)
    const cloud = await busyNeutron()
    const session = `mrctl-retry-${process.pid}`
    const env = Object.entries({...cloud.env, NO_COLOR: '1', TERM: 'xterm'}).map(([k, v]) => `${k}=${v}`)
    // A person's terminal: CI runners export CI, which rightly turns spinners off.
    const line = ['env', '-u', 'CI', ...env, process.execPath, join(ROOT, 'bin', 'run.js'), 'network', 'list', '-f', 'value', '-c', 'Name']
    const shell = `${line.map((w) => `'${w}'`).join(' ')}; echo "exit=$?"; sleep 30`
    expect(spawnSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '10', shell]).status).toBe(0)
    const pane = () => spawnSync('tmux', ['capture-pane', '-p', '-t', session]).stdout.toString()
    try {
      await until(() => /Waiting for a retry/.test(pane()), 10_000, 'the spinner')
      expect(pane()).toMatch(/Waiting for a retry \(Neutron answered 503 with Retry-After: 3\): next try in 3 s \(\d s\)/)
      await until(() => /exit=0/.test(pane()), 15_000, 'the command to end')
      expect(pane()).not.toMatch(/Waiting for a retry/)
      expect(pane()).toMatch(/^net1$/m)
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session])
    }
    cloud.verify()
  })

  it('without a terminal: nothing on stderr, the list after the wait', async () => {
    const cloud = await busyNeutron()
    const r = await runCli(['network', 'list', '-f', 'value', '-c', 'Name'], {env: cloud.env})
    expect(r.stderr).toBe('')
    expect(r.stdout).toBe('net1\n')
    expect(r.code).toBe(0)
    cloud.verify()
  })
})

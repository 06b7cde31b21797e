import {afterEach, describe, expect, it} from 'vitest'

import {
  addSecurityGroup,
  attachUrl,
  commitContainer,
  containerLogs,
  containerStats,
  containerTop,
  executeCommand,
  executeResize,
  getArchive,
  getContainerAction,
  killContainer,
  listContainerActions,
  listContainerNetworks,
  networkAttach,
  networkDetach,
  pauseContainer,
  putArchive,
  rebuildContainer,
  removeSecurityGroup,
  resizeContainerTty,
  restartContainer,
  startContainer,
  stopContainer,
  unpauseContainer,
  unscheduledContainer,
  UnscheduledContainerError,
  unscheduledWarning,
} from '../../../../src/clients/zun/actions.js'
import {createTar, readTar} from '../../../../src/clients/zun/tar.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {container, jsonCall, RID, TOKEN, UUID, zun} from './containers-helpers.js'

/**
 * The per-container actions, against python-zunclient's recorded requests: the parameters in the
 * query string (urlencode: `+`, `%22`, `%2F`, `True`/`False`, the literal `None`), no body, and
 * `Content-Type: application/json` with `Content-Length: 0` on the POSTs.
 */

const accepted = {status: 202, json: null}
const action = (path: string, query?: Record<string, string>) => ({
  method: 'POST',
  path,
  query,
  token: TOKEN,
  headers: {...jsonCall(), 'content-length': '0'},
  reply: accepted,
})

describe('zun actions: lifecycle', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('start, stop (timeout 10 and 30), restart (reboot), pause, unpause, kill (None and SIGTERM)', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on(action('/v1/containers/web/start'))
      .on(action('/v1/containers/web2/start'))
      .on(action('/v1/containers/web/stop', {timeout: '10'}))
      .on(action('/v1/containers/web/stop', {timeout: '30'}))
      .on(action('/v1/containers/web/reboot', {timeout: '10'}))
      .on(action('/v1/containers/web/reboot', {timeout: '5'}))
      .on(action('/v1/containers/web/pause'))
      .on(action('/v1/containers/web/unpause'))
      .on(action('/v1/containers/web/kill', {signal: 'None'}))
      .on(action('/v1/containers/web/kill', {signal: 'SIGTERM'}))
    await startContainer(zc, 'web')
    await startContainer(zc, 'web2')
    await stopContainer(zc, 'web', 10)
    await stopContainer(zc, 'web', 30)
    await restartContainer(zc, 'web', 10)
    await restartContainer(zc, 'web', 5)
    await pauseContainer(zc, 'web')
    await unpauseContainer(zc, 'web')
    expect(await killContainer(zc, 'web')).toBeNull()
    await killContainer(zc, 'web', 'SIGTERM')
    expect(zc.urls).toEqual([
      '/v1/containers/web/start',
      '/v1/containers/web2/start',
      '/v1/containers/web/stop?timeout=10',
      '/v1/containers/web/stop?timeout=30',
      '/v1/containers/web/reboot?timeout=10',
      '/v1/containers/web/reboot?timeout=5',
      '/v1/containers/web/pause',
      '/v1/containers/web/unpause',
      '/v1/containers/web/kill?signal=None',
      '/v1/containers/web/kill?signal=SIGTERM',
    ])
  })

  it('a start in the wrong state: the 409 comes back readable', async () => {
    const s = await fakes.start('zun')
    const title = `Cannot start container ${UUID} in Running state`
    s.on({
      ...action('/v1/containers/web/start'),
      reply: {status: 409, headers: {'X-OpenStack-Request-Id': RID}, json: {errors: [{request_id: '', code: 'container.invalid-state-exception', status: 409, title, detail: title, links: []}]}},
    })
    await expect(startContainer(zun(s), 'web')).rejects.toThrow(`Zun 409: ${title} (request ${RID})`)
  })

  it('rebuild with --image --image-driver, and with neither (no query at all); commit with and without a tag', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on(action('/v1/containers/web/rebuild', {image: 'nginx', image_driver: 'docker'}))
      .on(action('/v1/containers/web/rebuild'))
      .on({...action('/v1/containers/web/commit', {repository: 'myrepo', tag: 'v1'}), reply: {status: 202, json: {uuid: '64281d85-e9a3-4c54-8d30-9ee72a596d8a'}}})
      .on({...action('/v1/containers/web/commit', {repository: 'myrepo'}), reply: {status: 202, json: {uuid: 'i2'}}})
    await rebuildContainer(zc, 'web', {image: 'nginx', imageDriver: 'docker'})
    await rebuildContainer(zc, 'web')
    expect(await commitContainer(zc, 'web', 'myrepo', 'v1')).toEqual({uuid: '64281d85-e9a3-4c54-8d30-9ee72a596d8a'})
    await commitContainer(zc, 'web', 'myrepo')
    expect(zc.urls).toEqual([
      '/v1/containers/web/rebuild?image=nginx&image_driver=docker',
      '/v1/containers/web/rebuild',
      '/v1/containers/web/commit?repository=myrepo&tag=v1',
      '/v1/containers/web/commit?repository=myrepo',
    ])
  })
})

describe('zun actions: exec, logs, attach, top, stats', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('exec: the quoted command in the query, exactly as zunclient encodes it', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const out = (o: string, code: number) => ({json: {output: o, exit_code: code, exec_id: null, proxy_url: null}})
    s.on({...action('/v1/containers/web/execute', {command: '"ls" "-l" "/"'}), reply: out('hello\n', 0)})
      .on({...action('/v1/containers/web/execute', {command: '"sh" "-c" "echo a b"'}), reply: out('a b\n', 0)})
      .on({...action('/v1/containers/web/execute', {command: '"false"'}), reply: out('', 1)})
      .on({
        ...action('/v1/containers/web/execute', {command: '"/bin/sh"', interactive: 'True', run: 'False'}),
        reply: {json: {output: null, exit_code: null, exec_id: 'e'.repeat(64), proxy_url: 'ws://127.0.0.1:6784/?token=t&uuid=u&exec_id=e'}},
      })
    expect(await executeCommand(zc, 'web', ['ls', '-l', '/'])).toEqual({output: 'hello\n', exit_code: 0, exec_id: null, proxy_url: null})
    await executeCommand(zc, 'web', ['sh', '-c', 'echo a b'])
    expect((await executeCommand(zc, 'web', ['false'])).exit_code).toBe(1)
    expect((await executeCommand(zc, 'web', ['/bin/sh'], {interactive: true})).exec_id).toHaveLength(64)
    expect(zc.urls).toEqual([
      '/v1/containers/web/execute?command=%22ls%22+%22-l%22+%22%2F%22',
      '/v1/containers/web/execute?command=%22sh%22+%22-c%22+%22echo+a+b%22',
      '/v1/containers/web/execute?command=%22false%22',
      '/v1/containers/web/execute?command=%22%2Fbin%2Fsh%22&interactive=True&run=False',
    ])
  })

  it('exec: a word with a double quote or a backslash is escaped (zunclient lost the quotes)', async () => {
    const s = await fakes.start('zun')
    s.on({...action('/v1/containers/web/execute', {command: '"sh" "-c" "echo \\"hi\\" \\\\n"'}), reply: {json: {output: '"hi" \\n\n', exit_code: 0, exec_id: null, proxy_url: null}}})
    await executeCommand(zun(s), 'web', ['sh', '-c', 'echo "hi" \\n'])
  })

  it('logs: stdout and stderr both True when neither is asked; since, timestamps and tail (trace URLs)', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const logs = {json: 'line1\nline2\n'}
    s.on({method: 'GET', path: '/v1/containers/web/logs', query: {stdout: 'True', stderr: 'True', timestamps: 'False', tail: 'all'}, token: TOKEN, headers: jsonCall(), reply: logs})
      .on({method: 'GET', path: '/v1/containers/web/logs', query: {stdout: 'True', stderr: 'False', since: '1700000000', timestamps: 'True', tail: '10'}, token: TOKEN, reply: logs})
      .on({method: 'GET', path: '/v1/containers/web/logs', query: {stdout: 'False', stderr: 'True', timestamps: 'False', tail: 'all'}, token: TOKEN, reply: logs})
    expect(await containerLogs(zc, 'web')).toBe('line1\nline2\n')
    await containerLogs(zc, 'web', {stdout: true, timestamps: true, tail: '10', since: '1700000000'})
    await containerLogs(zc, 'web', {stderr: true})
    expect(zc.urls).toEqual([
      '/v1/containers/web/logs?stdout=True&stderr=True&timestamps=False&tail=all',
      '/v1/containers/web/logs?stdout=True&stderr=False&since=1700000000&timestamps=True&tail=10',
      '/v1/containers/web/logs?stdout=False&stderr=True&timestamps=False&tail=all',
    ])
  })

  it('top (ps_args=None, then the --pid values joined), stats, attach, resize, execute_resize', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const top = {json: {Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '1', 'sleep 3600']]}}
    s.on({method: 'GET', path: '/v1/containers/web/top', query: {ps_args: 'None'}, token: TOKEN, reply: top})
      .on({method: 'GET', path: '/v1/containers/web/top', query: {ps_args: 'aux ef'}, token: TOKEN, reply: top})
      .on({method: 'GET', path: '/v1/containers/web/stats', token: TOKEN, reply: {json: {CONTAINER: 'test', 'CPU %': 1.5}}})
      .on({method: 'GET', path: '/v1/containers/web/attach', token: TOKEN, reply: {json: 'ws://127.0.0.1:6784/?token=t&uuid=u'}})
      .on({...action('/v1/containers/web/resize', {w: '80', h: '24'}), reply: {json: null}})
      .on({...action('/v1/containers/web/execute_resize', {exec_id: 'e1', w: '100', h: '30'}), reply: {json: null}})
    expect(await containerTop(zc, 'web')).toEqual(top.json)
    await containerTop(zc, 'web', ['aux', 'ef'])
    expect(await containerStats(zc, 'web')).toEqual({CONTAINER: 'test', 'CPU %': 1.5})
    expect(await attachUrl(zc, 'web')).toBe('ws://127.0.0.1:6784/?token=t&uuid=u')
    await resizeContainerTty(zc, 'web', 80, 24)
    await executeResize(zc, 'web', 'e1', 100, 30)
    expect(zc.urls.slice(0, 3)).toEqual(['/v1/containers/web/top?ps_args=None', '/v1/containers/web/top?ps_args=aux+ef', '/v1/containers/web/stats'])
  })
})

describe('zun actions: archives, networks, security groups, action records', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('get_archive decodes base64 (1.25+); put_archive sends {"data": base64}', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const tar = createTar([{name: 'f.txt', data: Buffer.from('hello\n')}])
    const stat = {name: 'f.txt', size: 6, mode: 420, mtime: '2026-01-01T00:00:00Z', linkTarget: ''}
    s.on({method: 'GET', path: '/v1/containers/web/get_archive', query: {path: '/etc/f.txt'}, token: TOKEN, reply: {json: {data: tar.toString('base64'), stat}}})
      .on({method: 'POST', path: '/v1/containers/web/put_archive', query: {path: '/tmp'}, token: TOKEN, json: {data: tar.toString('base64')}, reply: {json: null}})
    const got = await getArchive(zc, 'web', '/etc/f.txt')
    expect(readTar(got.data).map((e) => [e.name, e.data.toString()])).toEqual([['f.txt', 'hello\n']])
    expect(got.stat).toEqual(stat)
    await putArchive(zc, 'web', '/tmp', tar)
    expect(zc.urls).toEqual(['/v1/containers/web/get_archive?path=%2Fetc%2Ff.txt', '/v1/containers/web/put_archive?path=%2Ftmp'])
  })

  it('network attach (network + fixed_ip, or port), detach, list (1.18+ shape)', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const nets = {networks: [{net_id: 'n1', port_id: 'p1', fixed_ips: [{ip_address: '10.0.0.5', version: 4, subnet_id: 's1'}]}]}
    s.on({...action('/v1/containers/web/network_attach', {network: 'private', fixed_ip: '10.0.0.9'}), reply: {json: null}})
      .on({...action('/v1/containers/web/network_attach', {port: 'p1'}), reply: {json: null}})
      .on(action('/v1/containers/web/network_detach', {network: 'private'}))
      .on(action('/v1/containers/web/network_detach', {port: 'p1'}))
      .on({method: 'GET', path: '/v1/containers/web/network_list', token: TOKEN, reply: {json: nets}})
    await networkAttach(zc, 'web', {network: 'private', fixedIp: '10.0.0.9'})
    await networkAttach(zc, 'web', {port: 'p1'})
    await networkDetach(zc, 'web', {network: 'private'})
    await networkDetach(zc, 'web', {port: 'p1'})
    expect(await listContainerNetworks(zc, 'web')).toEqual(nets.networks)
    expect(zc.urls.slice(0, 4)).toEqual([
      '/v1/containers/web/network_attach?network=private&fixed_ip=10.0.0.9',
      '/v1/containers/web/network_attach?port=p1',
      '/v1/containers/web/network_detach?network=private',
      '/v1/containers/web/network_detach?port=p1',
    ])
  })

  it('add/remove security group at the version the client was given (?name=)', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s, 14)
    s.on({...action('/v1/containers/web/add_security_group', {name: 'sg1'}), headers: {...jsonCall(14), 'content-length': '0'}})
      .on({...action('/v1/containers/web/remove_security_group', {name: 'sg1'}), headers: {...jsonCall(14), 'content-length': '0'}})
    await addSecurityGroup(zc, 'web', 'sg1')
    await removeSecurityGroup(zc, 'web', 'sg1')
  })

  it('action list and show', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const a = {action: 'create', container_uuid: UUID, message: null, project_id: 'p1', request_id: 'req-1', start_time: '2018-03-04T19:48:49.000000', finish_time: null, user_id: 'u1'}
    s.on({method: 'GET', path: '/v1/containers/web/container_actions', token: TOKEN, headers: jsonCall(), reply: {json: {containerActions: [a]}}})
      .on({method: 'GET', path: '/v1/containers/web/container_actions/req-1', token: TOKEN, reply: {json: {...a, events: []}}})
    expect(await listContainerActions(zc, 'web')).toEqual([a])
    expect((await getContainerAction(zc, 'web', 'req-1')).events).toEqual([])
  })
})

describe('zun actions: a container no compute host ever took', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())
  const reason = 'There are not enough hosts available.'
  const get = (json: Record<string, unknown>) => ({method: 'GET', path: '/v1/containers/web', token: TOKEN, reply: {json}})

  it('an admin sees host null: never scheduled, without asking for the actions', async () => {
    const s = await fakes.start('zun')
    s.on(get(container({status: 'Error', status_reason: reason, task_state: null, host: null})))
    const c = await unscheduledContainer(zun(s), 'web')
    expect(c?.uuid).toBe(UUID)
    expect(unscheduledWarning(c!, 'start')).toEqual({
      message: `container web (${UUID}) was never scheduled on a compute host: Zun accepted the start, but nothing will happen; it stays Error (${reason})`,
      actions: [`delete it and create it again once a compute host can take it: mrctl appcontainer delete ${UUID}`],
    })
  })

  it('a member sees no host: the actions tell (no create recorded); Restarting needs --force to delete', async () => {
    const s = await fakes.start('zun')
    s.on(get(container({status: 'Restarting', status_reason: reason, task_state: null})))
      .on({method: 'GET', path: `/v1/containers/${UUID}/container_actions`, token: TOKEN, reply: {json: {containerActions: [{action: 'reboot'}]}}})
    const c = await unscheduledContainer(zun(s), 'web')
    expect(new UnscheduledContainerError(c!, 'restart').message).toBe(
      `Failed to restart container web (${UUID}): it was never scheduled on a compute host; it stays Restarting (${reason})`,
    )
    expect(new UnscheduledContainerError(c!, 'restart').actions).toEqual([
      `delete it and create it again once a compute host can take it: mrctl appcontainer delete --force ${UUID}`,
    ])
  })

  it('scheduled containers are not flagged: a host, a create action, or a task in progress', async () => {
    const s = await fakes.start('zun')
    s.on(get(container({status: 'Error', status_reason: 'Image x could not be found.', task_state: null, host: 'node1'})))
      .on(get(container({status: 'Rebuilding', task_state: null})))
      .on({method: 'GET', path: `/v1/containers/${UUID}/container_actions`, token: TOKEN, reply: {json: {containerActions: [{action: 'rebuild'}, {action: 'create'}]}}})
      .on(get(container({status: 'Restarting', task_state: 'container_rebooting'})))
      .on(get(container({status: 'Running'})))
    const zc = zun(s)
    for (let i = 0; i < 4; i++) expect(await unscheduledContainer(zc, 'web')).toBeUndefined()
  })
})

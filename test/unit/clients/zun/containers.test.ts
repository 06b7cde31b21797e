import {afterEach, describe, expect, it} from 'vitest'

import {
  ContainerErrorStateError,
  createContainer,
  createContainerBody,
  type CreateContainerOpts,
  deleteContainer,
  getContainer,
  listContainers,
  listContainersRequest,
  updateContainer,
  waitForContainerDeleted,
  waitForContainerStatus,
} from '../../../../src/clients/zun/containers.js'
import {parseNets, restartPolicy, exposedPorts, parseHealthcheck, shlexSplit, formatArgs} from '../../../../src/clients/zun/input.js'
import {ApiError, UsageError, WaitTimeoutError} from '../../../../src/core/errors.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {container, jsonCall, RID, TOKEN, UUID, ver, zun} from './containers-helpers.js'

/**
 * Request building for the container CRUD calls, checked against python-zunclient's recorded
 * requests (docs/zun/osc-http-trace.txt): method, path and query byte for byte, the microversion
 * header, the content type, and the body with its key order.
 */

/** The body as python's json.dumps wrote it in the trace, compared key order included. */
function sameJson(text: string, trace: string): void {
  expect(text).toBe(JSON.stringify(JSON.parse(trace)))
}

const ERR_404 = {
  status: 404,
  headers: {'X-OpenStack-Request-Id': RID},
  json: {errors: [{request_id: '', code: 'container.container-not-found', status: 404, title: 'Container missing could not be found.', detail: 'Container missing could not be found.', links: []}]},
}

describe('zun containers: create and run', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('run cirros: POST /v1/containers?run=true with only the image (nothing the user did not set), at 1.40', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on({
      method: 'POST',
      path: '/v1/containers',
      query: {run: 'true'},
      token: TOKEN,
      headers: jsonCall(),
      json: {image: 'cirros'},
      reply: {status: 202, json: container({status: 'Creating'}), headers: {Location: `http://x/v1/containers/${UUID}`}},
    })
    const c = await createContainer(zc, {image: 'cirros'}, true)
    expect(c.status).toBe('Creating')
    expect(zc.urls).toEqual(['/v1/containers?run=true'])
    sameJson(s.received[0].text, '{"image": "cirros"}')
  })

  it('create --name c1 cirros sleep 100: POST /v1/containers, command as a list', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on({
      method: 'POST',
      path: '/v1/containers',
      token: TOKEN,
      headers: ver(),
      json: {name: 'c1', image: 'cirros', command: ['sleep', '100']},
      reply: {status: 202, json: container({name: 'c1', status: 'Creating'})},
    })
    await createContainer(zc, {name: 'c1', image: 'cirros', command: ['sleep', '100']})
    expect(zc.urls).toEqual(['/v1/containers'])
    sameJson(
      s.received[0].text,
      '{"name": "c1", "image": "cirros", "command": ["sleep", "100"]}',
    )
  })

  it('every option, in zunclient key order (the trace’s big run)', () => {
    const body = createContainerBody(
      {
        name: 'web',
        image: 'nginx:latest',
        memory: '256',
        cpu: '0.5',
        environment: formatArgs(['A=1', 'B=2'], '--environment'),
        workdir: '/srv',
        labels: formatArgs(['app=web', 'tier=fe'], '--label'),
        imagePullPolicy: 'ifnotpresent',
        imageDriver: 'docker',
        autoRemove: true,
        command: ['nginx', '-g', 'daemon off;'],
        registry: 'myreg',
        host: 'node1',
        entrypoint: shlexSplit('/bin/sh -c'),
        securityGroups: ['default', 'web'],
        restartPolicy: restartPolicy('on-failure:3'),
        privileged: true,
        hints: formatArgs(['key1=v1'], '--hint'),
        nets: parseNets(['network=private,v4-fixed-ip=10.0.0.5', 'port=4b077255-9b4d-4068-b24f-b89594f870c2']),
        mounts: [
          {source: 'myvol', destination: '/data'},
          {size: '5', destination: '/scratch'},
        ],
        runtime: 'runc',
        hostname: 'web1',
        disk: 10,
        availabilityZone: 'nova',
        autoHeal: true,
        healthcheck: parseHealthcheck('cmd=curl localhost,interval=10s,retries=3,timeout=1m'),
      },
      40,
    )
    sameJson(
      JSON.stringify(body),
      '{"name": "web", "image": "nginx:latest", "memory": "256", "cpu": "0.5", "environment": {"A": "1", "B": "2"}, ' +
        '"workdir": "/srv", "labels": {"app": "web", "tier": "fe"}, "image_pull_policy": "ifnotpresent", ' +
        '"image_driver": "docker", "auto_remove": true, "command": ["nginx", "-g", "daemon off;"], "registry": "myreg", ' +
        '"host": "node1", "entrypoint": ["/bin/sh", "-c"], "security_groups": ["default", "web"], ' +
        '"restart_policy": {"Name": "on-failure", "MaximumRetryCount": "3"}, "privileged": true, "hints": {"key1": "v1"}, ' +
        '"nets": [{"network": "private", "v4-fixed-ip": "10.0.0.5"}, {"port": "4b077255-9b4d-4068-b24f-b89594f870c2"}], ' +
        '"mounts": [{"source": "myvol", "destination": "/data"}, {"size": "5", "destination": "/scratch"}], ' +
        '"runtime": "runc", "hostname": "web1", "disk": 10, "availability_zone": "nova", "auto_heal": true, ' +
        '"healthcheck": {"cmd": "curl localhost", "interval": 10, "retries": 3, "timeout": 60}}',
    )
  })

  it('--expose-port and --restart always; --auto-remove with --net network=private', () => {
    sameJson(
      JSON.stringify(createContainerBody({image: 'cirros', exposedPorts: exposedPorts(['80', '53/udp']), restartPolicy: restartPolicy('always')}, 40)),
      '{"image": "cirros", "exposed_ports": {"80": {}, "53/udp": {}}, "restart_policy": {"Name": "always", "MaximumRetryCount": "0"}}',
    )
    sameJson(
      JSON.stringify(createContainerBody({image: 'cirros', autoRemove: true, command: ['echo', 'hi'], nets: parseNets(['network=private'])}, 40)),
      '{"image": "cirros", "auto_remove": true, "command": ["echo", "hi"], "nets": [{"network": "private"}]}',
    )
  })

  it('interactive: tty added from 1.36, not at 1.35', () => {
    sameJson(
      JSON.stringify(createContainerBody({image: 'cirros', interactive: true}, 40)),
      '{"image": "cirros", "interactive": true, "tty": true}',
    )
    sameJson(
      JSON.stringify(createContainerBody({name: 'c1', image: 'cirros', interactive: true}, 35)),
      '{"name": "c1", "image": "cirros", "interactive": true}',
    )
  })

  it('below 1.20 the command is one quoted string at the end, and left out when empty', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s, 19)
    s.on({
      method: 'POST',
      path: '/v1/containers',
      token: TOKEN,
      headers: ver(19),
      json: {name: 'c1', image: 'cirros', command: '"sh" "-c" "echo hi; sleep 1"'},
      reply: {status: 202, json: container()},
    })
    await createContainer(zc, {name: 'c1', image: 'cirros', command: ['sh', '-c', 'echo hi; sleep 1']})
    sameJson(
      s.received[0].text,
      '{"name": "c1", "image": "cirros", "command": "\\"sh\\" \\"-c\\" \\"echo hi; sleep 1\\""}',
    )
    expect(createContainerBody({image: 'cirros'}, 19)).not.toHaveProperty('command')
  })

  it('1.1: create sends only the image (zunclient always sent auto_remove, which 1.1 and 1.2 refuse)', () => {
    expect(createContainerBody({image: 'cirros', command: [], environment: {}, labels: {}, hints: {}, nets: [], mounts: [], autoRemove: false}, 1)).toEqual({
      image: 'cirros',
    })
  })

  it('each option newer than the microversion is a usage error naming the flag; at its version it is sent', () => {
    const opts: Record<string, CreateContainerOpts> = {
      auto_remove: {image: 'cirros', autoRemove: true},
      runtime: {image: 'cirros', runtime: 'runc'},
      hostname: {image: 'cirros', hostname: 'h1'},
      mounts: {image: 'cirros', mounts: [{source: 'v', destination: '/d'}]},
      privileged: {image: 'cirros', privileged: true},
      healthcheck: {image: 'cirros', healthcheck: {cmd: 'true'}},
      exposed_ports: {image: 'cirros', exposedPorts: exposedPorts(['80'])},
      registry: {image: 'cirros', registry: 'r1'},
      host: {image: 'cirros', host: 'node1'},
      entrypoint: {image: 'cirros', entrypoint: ['sh']},
    }
    const expected: Array<[string, number, string]> = [
      ['auto_remove', 3, '--auto-remove'],
      ['runtime', 5, '--runtime'],
      ['hostname', 9, '--hostname'],
      ['mounts', 11, '--mount'],
      ['privileged', 21, '--privileged'],
      ['healthcheck', 22, '--healthcheck'],
      ['exposed_ports', 24, '--expose-port'],
      ['registry', 31, '--registry'],
      ['host', 39, '--host'],
      ['entrypoint', 40, '--entrypoint'],
    ]
    for (const [key, minor, flag] of expected) {
      let err: unknown
      try {
        createContainerBody(opts[key], minor - 1)
      } catch (error) {
        err = error
      }
      expect(err, key).toBeInstanceOf(UsageError)
      expect((err as UsageError).message).toBe(`${flag} needs Zun API 1.${minor} or later; this request uses 1.${minor - 1}`)
      expect(createContainerBody(opts[key], minor), key).toHaveProperty(key)
    }
  })

  it('a network that does not exist: the 404 comes back as a readable ApiError', async () => {
    const s = await fakes.start('zun')
    s.on({
      method: 'POST',
      path: '/v1/containers',
      query: {run: 'true'},
      token: TOKEN,
      json: {image: 'cirros', nets: [{network: 'nope'}]},
      reply: {
        status: 404,
        headers: {'X-OpenStack-Request-Id': RID},
        json: {errors: [{request_id: '', code: 'container.network-not-found', status: 404, title: 'Neutron network nope could not be found.', detail: 'Neutron network nope could not be found.', links: []}]},
      },
    })
    const err = await createContainer(zun(s), {image: 'cirros', nets: parseNets(['network=nope'])}, true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe(`Zun 404: Neutron network nope could not be found. (request ${RID})`)
  })
})

describe('zun containers: list URLs (zunclient quirks kept, filters not dropped)', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('the query for each option set', () => {
    expect(listContainersRequest({})).toEqual({path: '/containers', query: {}})
    expect(listContainersRequest({allProjects: true})).toEqual({path: '/containers/', query: {all_projects: '1'}})
    expect(listContainersRequest({name: 'web', status: 'Running'})).toEqual({path: '/containers', query: {name: 'web', status: 'Running'}})
  })

  it('no option, --all-projects, --name --status, and the long one (trace URLs)', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const one = {json: {containers: [container()], next: null}}
    s.on({method: 'GET', path: '/v1/containers', token: TOKEN, headers: jsonCall(), reply: one})
    s.on({method: 'GET', path: '/v1/containers/', query: {all_projects: '1'}, token: TOKEN, reply: one})
    s.on({method: 'GET', path: '/v1/containers', query: {name: 'web', status: 'Running'}, token: TOKEN, reply: one})
    s.on({
      method: 'GET',
      path: '/v1/containers/',
      query: {
        all_projects: '1', limit: '5', marker: 'abc', sort_key: 'name', sort_dir: 'desc',
        name: 'web', image: 'cirros', project_id: 'p1', user_id: 'u1', task_state: 'x', status: 'Running', memory: '512', host: 'node1', auto_remove: 'False',
      },
      token: TOKEN,
      reply: one,
    })
    expect(await listContainers(zc)).toHaveLength(1)
    await listContainers(zc, {allProjects: true})
    await listContainers(zc, {name: 'web', status: 'Running'})
    await listContainers(zc, {
      allProjects: true, limit: 5, marker: 'abc', sortKey: 'name', sortDir: 'desc',
      name: 'web', image: 'cirros', projectId: 'p1', userId: 'u1', taskState: 'x', status: 'Running', memory: '512', host: 'node1', autoRemove: 'False',
    })
    expect(zc.urls.slice(0, 3)).toEqual(['/v1/containers', '/v1/containers/?all_projects=1', '/v1/containers?name=web&status=Running'])
    // zunclient sent only the first five here (the filters were silently dropped with --limit).
    expect(zc.urls[3]).toBe(
      '/v1/containers/?all_projects=1&limit=5&marker=abc&sort_key=name&sort_dir=desc&name=web&image=cirros&project_id=p1&user_id=u1&task_state=x&status=Running&memory=512&host=node1&auto_remove=False',
    )
  })

  it('follows next, putting back the filters and all_projects the server dropped, and stops at --limit', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    const a = container({uuid: 'a'})
    const b = container({uuid: 'b'})
    const c = container({uuid: 'c'})
    s.on({
      method: 'GET',
      path: '/v1/containers/',
      query: {all_projects: '1', limit: '3', name: 'web'},
      token: TOKEN,
      reply: {json: {containers: [a, b], next: `${s.url}/v1/containers?sort_key=id&sort_dir=asc&limit=2&marker=b`}},
    })
    s.on({
      method: 'GET',
      path: '/v1/containers',
      query: {sort_key: 'id', sort_dir: 'asc', limit: '2', marker: 'b', all_projects: '1', name: 'web'},
      token: TOKEN,
      reply: {json: {containers: [c], next: `${s.url}/v1/containers?sort_key=id&sort_dir=asc&limit=1&marker=c`}},
    })
    const got = await listContainers(zc, {allProjects: true, limit: 3, name: 'web'})
    expect(got.map((x) => x.uuid)).toEqual(['a', 'b', 'c'])
  })
})

describe('zun containers: show, delete, set', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('show sends all_projects=False|True; a --wait poll sends nothing', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on({method: 'GET', path: '/v1/containers/web', query: {all_projects: 'False'}, token: TOKEN, headers: jsonCall(), reply: {json: container()}})
    s.on({method: 'GET', path: '/v1/containers/web', query: {all_projects: 'True'}, token: TOKEN, reply: {json: container()}})
    s.on({method: 'GET', path: `/v1/containers/${UUID}`, token: TOKEN, reply: {json: container()}})
    await getContainer(zc, 'web', {allProjects: false})
    await getContainer(zc, 'web', {allProjects: true})
    await getContainer(zc, UUID)
    expect(zc.urls).toEqual(['/v1/containers/web?all_projects=False', '/v1/containers/web?all_projects=True', `/v1/containers/${UUID}`])
  })

  it('show of a missing container: "Zun 404: Container missing could not be found."', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/containers/missing', query: {all_projects: 'False'}, token: TOKEN, reply: ERR_404})
    await expect(getContainer(zun(s), 'missing', {allProjects: false})).rejects.toThrow(`Zun 404: Container missing could not be found. (request ${RID})`)
  })

  it('delete always sends force, stop and all_projects (octet-stream, as raw_request)', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on({
      method: 'DELETE',
      path: '/v1/containers/web',
      query: {force: 'False', stop: 'False', all_projects: 'False'},
      token: TOKEN,
      headers: {...ver(), 'content-type': 'application/octet-stream'},
      reply: {status: 204},
    })
    s.on({method: 'DELETE', path: '/v1/containers/web2', query: {force: 'True', stop: 'True', all_projects: 'True'}, token: TOKEN, reply: {status: 204}})
    await deleteContainer(zc, 'web')
    await deleteContainer(zc, 'web2', {force: true, stop: true, allProjects: true})
    expect(zc.urls).toEqual([
      '/v1/containers/web?force=False&stop=False&all_projects=False',
      '/v1/containers/web2?force=True&stop=True&all_projects=True',
    ])
  })

  it('set: PATCH with memory, cpu, name, auto_heal in zunclient order', async () => {
    const s = await fakes.start('zun')
    const zc = zun(s)
    s.on({
      method: 'PATCH',
      path: '/v1/containers/web',
      token: TOKEN,
      headers: ver(),
      json: {memory: '1024', cpu: '2', name: 'newname', auto_heal: true},
      reply: {json: container({name: 'newname'})},
    })
    s.on({method: 'PATCH', path: '/v1/containers/web', token: TOKEN, json: {auto_heal: false}, reply: {json: container()}})
    expect((await updateContainer(zc, 'web', {cpu: '2', memory: '1024', name: 'newname', autoHeal: true})).name).toBe('newname')
    sameJson(s.received[0].text, '{"memory": "1024", "cpu": "2", "name": "newname", "auto_heal": true}')
    await updateContainer(zc, 'web', {autoHeal: false})
  })
})

describe('zun containers: waits with a deadline', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('run --wait: polls GET /v1/containers/<uuid> until Running', async () => {
    const s = await fakes.start('zun')
    s.on({
      method: 'GET',
      path: `/v1/containers/${UUID}`,
      token: TOKEN,
      reply: [{json: container({status: 'Creating'})}, {json: container({status: 'Created', task_state: 'container_starting'})}, {json: container()}],
    })
    const c = await waitForContainerStatus(zun(s), UUID, {want: ['Running'], verb: 'run', timeoutMs: 20_000})
    expect(c.status).toBe('Running')
  })

  it('Error ends the wait at once with the status reason (exit 1), not a success', async () => {
    const s = await fakes.start('zun')
    s.on({
      method: 'GET',
      path: `/v1/containers/${UUID}`,
      token: TOKEN,
      reply: {json: container({status: 'Error', status_reason: 'Image badimg could not be found.'})},
    })
    const err = await waitForContainerStatus(zun(s), UUID, {want: ['Created'], verb: 'create', timeoutMs: 20_000}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ContainerErrorStateError)
    expect((err as ContainerErrorStateError).exitCode).toBe(1)
    expect((err as Error).message).toBe(`Failed to create container web (${UUID}): its status is Error: Image badimg could not be found.`)
  })

  it('a container that never gets there: WaitTimeoutError (exit 4) after the deadline', async () => {
    const s = await fakes.start('zun')
    // First poll at once, the next after ~0.4–0.6 s (cut to the deadline), then the deadline has passed.
    s.on({method: 'GET', path: `/v1/containers/${UUID}`, token: TOKEN, times: 2, reply: () => ({json: container({status: 'Creating'})})})
    const started = Date.now()
    const err = await waitForContainerStatus(zun(s), UUID, {want: ['Running'], verb: 'run', timeoutMs: 300, label: 'web'}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WaitTimeoutError)
    expect((err as WaitTimeoutError).exitCode).toBe(4)
    expect((err as Error).message).toMatch(/^timed out after \d+ s waiting for container web to become Running/)
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('delete --wait: done on 404, fails on Error', async () => {
    const s = await fakes.start('zun')
    s.on({method: 'GET', path: '/v1/containers/web', token: TOKEN, reply: [{json: container({status: 'Deleting'})}, ERR_404]})
    await waitForContainerDeleted(zun(s), 'web', 20_000)
    s.on({method: 'GET', path: '/v1/containers/bad', token: TOKEN, reply: {json: container({name: 'bad', status: 'Error', status_reason: 'Docker error'})}})
    await expect(waitForContainerDeleted(zun(s), 'bad', 20_000)).rejects.toThrow(/Failed to delete container bad .*Docker error/)
  })
})

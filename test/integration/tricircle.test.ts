/**
 * `mrctl multiregion networking pod|routing|job …` through the built CLI, against the Tricircle
 * emulator on the catalog's tricircle endpoint, which validates tokens with the target's Keystone
 * (admin is admin; demo is not).
 *
 * The emulator runs in this process (real target: on 127.0.0.1:19999; sim target: the simulated
 * cloud's own, reconfigured) rather than through `mrctl sim up --detach`: the job
 * schedule must be stretched (jobSteps) so that NEW → RUNNING → SUCCESS can be watched, the
 * page size made small (paginationMaxLimit) so that listing follows next links, and a job pinned
 * to FAIL or RUNNING (what xjob would do), none of which the CLI offers.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

import {DEMO_CLOUD, mrctl, type RunResult, tempConfigDir, tricircleEmulator, uniqueName} from './harness.js'

/** Wide enough that a CLI call (a few seconds on a loaded machine) lands inside RUNNING. */
const JOB_STEPS = {runningAfterMs: 2000, successAfterMs: 12_000}
/** Small pages, so that a list without --limit has to follow `*_links`. */
const PAGE = 2
const REQ = /\(request req-[0-9a-f-]{36}\)/
const ADMIN_HINT = 'the Tricircle admin API needs a token with the admin role'

let srv: Awaited<ReturnType<typeof tricircleEmulator>>
const configDir = tempConfigDir()
const demoConfigDir = tempConfigDir()
let project = ''

const mn = (args: string[]): Promise<RunResult> => mrctl(['multiregion', 'networking', ...args], {configDir})
const demo = (args: string[]): Promise<RunResult> =>
  mrctl(['multiregion', 'networking', ...args], {configDir: demoConfigDir, env: {OS_CLOUD: DEMO_CLOUD}})

function ok(r: RunResult): RunResult {
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return r
}

beforeAll(async () => {
  srv = await tricircleEmulator({jobSteps: JOB_STEPS, paginationMaxLimit: PAGE})
  const tok = ok(await mrctl(['token', 'issue', '-f', 'value', '-c', 'project_id'], {configDir}))
  project = tok.stdout.trim()
  expect(project).toMatch(/^[0-9a-f]{32}$/)
})

afterAll(async () => {
  await srv?.close()
})

const POD_FIELDS = ['az_name', 'dc_name', 'pod_az_name', 'pod_id', 'region_name']
const ROUTING_FIELDS = ['bottom_id', 'created_at', 'id', 'pod_id', 'project_id', 'resource_type', 'top_id', 'updated_at']

/** The guide's three pods, made once; each later describe block uses them. */
const pods: Record<string, string> = {}

describe('pods', () => {
  it('creates the central pod (no AZ) and two bottom pods, as the guide does, printed as python prints them', async () => {
    const central = ok(await mn(['pod', 'create', '--region-name', 'CentralRegion']))
    expect(central.stdout).toMatch(/^\+-------------\+-+\+\n\| Field {7}\| Value +\|\n/)
    expect(central.stdout).toMatch(/\| az_name {5}\| {2,}\|\n/)
    expect(central.stdout).toMatch(/\| region_name \| CentralRegion +\|\n/)
    pods.CentralRegion = /\| pod_id {6}\| ([0-9a-f-]{36}) \|/.exec(central.stdout)![1]

    const one = ok(await mn(['pod', 'create', '--region-name', 'RegionOne', '--availability-zone', 'az1', '-f', 'json']))
    expect(Object.keys(one.json)).toEqual(POD_FIELDS)
    expect(one.json).toMatchObject({region_name: 'RegionOne', az_name: 'az1', pod_az_name: '', dc_name: ''})
    pods.RegionOne = one.json.pod_id

    const two = ok(
      await mn(['pod', 'create', '--region-name', 'RegionTwo', '--availability-zone', 'az2', '--pod-availability-zone', 'nova', '--data-center', 'dc2', '-f', 'json']),
    )
    expect(two.json).toMatchObject({region_name: 'RegionTwo', az_name: 'az2', pod_az_name: 'nova', dc_name: 'dc2'})
    pods.RegionTwo = two.json.pod_id
  })

  it('lists them with the columns ID and Region Name, in creation order', async () => {
    const list = ok(await mn(['pod', 'list', '-f', 'json']))
    expect(list.json).toEqual([
      {ID: pods.CentralRegion, 'Region Name': 'CentralRegion'},
      {ID: pods.RegionOne, 'Region Name': 'RegionOne'},
      {ID: pods.RegionTwo, 'Region Name': 'RegionTwo'},
    ])
    const table = ok(await mn(['pod', 'list']))
    expect(table.stdout.split('\n')[1]).toMatch(/^\| ID +\| Region Name +\|$/)
    const value = ok(await mn(['pod', 'list', '-f', 'value', '-c', 'Region Name']))
    expect(value.stdout).toBe('CentralRegion\nRegionOne\nRegionTwo\n')
  })

  it('shows a pod with its five fields; --json wraps it in the envelope', async () => {
    const show = ok(await mn(['pod', 'show', pods.RegionTwo, '-f', 'json']))
    expect(show.json).toEqual({az_name: 'az2', dc_name: 'dc2', pod_az_name: 'nova', pod_id: pods.RegionTwo, region_name: 'RegionTwo'})
    const shell = ok(await mn(['pod', 'show', pods.RegionOne, '-f', 'shell']))
    expect(shell.stdout).toBe(`az_name="az1"\ndc_name=""\npod_az_name=""\npod_id="${pods.RegionOne}"\nregion_name="RegionOne"\n`)
    const env = ok(await mn(['pod', 'show', pods.RegionOne, '--json']))
    expect(env.json).toEqual({status: 0, result: {az_name: 'az1', dc_name: '', pod_az_name: '', pod_id: pods.RegionOne, region_name: 'RegionOne'}, warnings: []})
  })

  it('refuses a second central pod with the server message, exit 1, and makes nothing', async () => {
    const r = await mn(['pod', 'create', '--region-name', uniqueName('it-top')])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(new RegExp(`^Tricircle 409: Top region already exists ${REQ.source}\n$`))
    const dup = await mn(['pod', 'create', '--region-name', 'CentralRegion', '--availability-zone', 'az9'])
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(/^Tricircle 409: Pod region name duplicated with the top region name \(request req-/)
    const blank = await mn(['pod', 'create', '--region-name', ' ', '--availability-zone', 'az9'])
    expect(blank.code).toBe(1)
    expect(blank.stderr).toMatch(/^Tricircle 422: Valid region_name is required for pod \(request req-/)
    expect(ok(await mn(['pod', 'list', '-f', 'value', '-c', 'ID'])).stdout.trim().split('\n')).toHaveLength(3)
  })

  it('shows an unknown pod as the 404 the server sends', async () => {
    const r = await mn(['pod', 'show', 'no-such-pod'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(new RegExp(`^Tricircle 404: Pod not found ${REQ.source}\n$`))
  })

  it('deletes pods one by one: an unknown id fails with the server message, the others are still deleted', async () => {
    const region = uniqueName('it-region')
    const extra = ok(await mn(['pod', 'create', '--region-name', region, '--availability-zone', 'az3', '-f', 'value', '-c', 'pod_id'])).stdout.trim()
    try {
      const r = await mn(['pod', 'delete', 'no-such-pod', extra])
      expect(r.code).toBe(3)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(new RegExp(`^Failed to delete pod with name or ID 'no-such-pod': Tricircle 404: Pod not found ${REQ.source}\n1 of 2 pods failed to delete.\n$`))
      const left = ok(await mn(['pod', 'list', '-f', 'json'])).json as Array<{ID: string}>
      expect(left.map((p) => p.ID)).toEqual([pods.CentralRegion, pods.RegionOne, pods.RegionTwo])
    } finally {
      if (srv.state.findPod(extra)) await mn(['pod', 'delete', extra])
    }
  })

  it('deletes a pod: nothing printed, gone afterwards', async () => {
    const id = ok(await mn(['pod', 'create', '--region-name', uniqueName('it-region'), '--availability-zone', 'az4', '-f', 'value', '-c', 'pod_id'])).stdout.trim()
    const del = ok(await mn(['pod', 'delete', id]))
    expect(del.stdout).toBe('')
    expect((await mn(['pod', 'show', id])).stderr).toMatch(/^Tricircle 404: Pod not found/)
  })
})

describe('routings', () => {
  const made: number[] = []
  const create = async (top: string, type = 'network'): Promise<Record<string, unknown>> => {
    const r = ok(
      await mn(['routing', 'create', '--top-id', top, '--bottom-id', top, '--pod-id', pods.RegionOne, '--project-id', project, '--resource-type', type, '-f', 'json']),
    )
    made.push(r.json.id as number)
    return r.json
  }

  afterAll(async () => {
    const left = made.filter((id) => srv.state.findRouting(id))
    if (left.length) await mn(['routing', 'delete', ...left.map(String)])
    expect(made.filter((id) => srv.state.findRouting(id))).toEqual([])
  })

  it('creates routings (qos_policy included) with python’s eight sorted fields, and lists them newest first across pages', async () => {
    const tops = [uniqueName('it-net'), uniqueName('it-net'), uniqueName('it-net')]
    const first = await create(tops[0])
    expect(Object.keys(first)).toEqual(ROUTING_FIELDS)
    expect(first).toMatchObject({top_id: tops[0], bottom_id: tops[0], pod_id: pods.RegionOne, project_id: project, resource_type: 'network', updated_at: null})
    expect(first.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/)
    await create(tops[1])
    await create(tops[2])
    const qos = await create(uniqueName('it-qos'), 'qos_policy')
    expect(qos.resource_type).toBe('qos_policy')

    // The server's pages hold 2; without --limit every page is fetched.
    const list = ok(await mn(['routing', 'list', '-f', 'json']))
    expect(list.json).toEqual(
      [...made].reverse().map((id) => {
        const r = srv.state.findRouting(id)!
        return {ID: id, Pod: pods.RegionOne, 'Resource Type': r.resourceType, Top: r.topId}
      }),
    )
    const table = ok(await mn(['routing', 'list']))
    expect(table.stdout.split('\n')[1]).toMatch(/^\| ID \| Pod +\| Resource Type \| Top +\|$/)
  })

  it('filters: --routing (sent as id), --resource-type, --top-id, --pod-id; filters apply on every page', async () => {
    const [a, b, c, q] = made
    const byId = ok(await mn(['routing', 'list', '--routing', String(b), '-f', 'value', '-c', 'ID']))
    expect(byId.stdout).toBe(`${b}\n`)
    const qos = ok(await mn(['routing', 'list', '--resource-type', 'qos_policy', '-f', 'value', '-c', 'ID']))
    expect(qos.stdout).toBe(`${q}\n`)
    const nets = ok(await mn(['routing', 'list', '--resource-type', 'network', '--pod-id', pods.RegionOne, '-f', 'value', '-c', 'ID']))
    expect(nets.stdout).toBe(`${c}\n${b}\n${a}\n`)
    const top = srv.state.findRouting(a)!.topId
    expect(ok(await mn(['routing', 'list', '--top-id', top, '-f', 'value', '-c', 'ID'])).stdout).toBe(`${a}\n`)
    expect(ok(await mn(['routing', 'list', '--pod-id', pods.RegionTwo, '-f', 'json'])).json).toEqual([])
  })

  it('pages with --limit and --marker, one page each as python shows', async () => {
    const [a, b, c, q] = made
    expect(ok(await mn(['routing', 'list', '--limit', '2', '-f', 'value', '-c', 'ID'])).stdout).toBe(`${q}\n${c}\n`)
    expect(ok(await mn(['routing', 'list', '--limit', '2', '--marker', String(c), '-f', 'value', '-c', 'ID'])).stdout).toBe(`${b}\n${a}\n`)
    expect(ok(await mn(['routing', 'list', '--limit', '1', '--marker', String(b), '-f', 'value', '-c', 'ID'])).stdout).toBe(`${a}\n`)
    const bad = await mn(['routing', 'list', '--marker', 'last'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^Tricircle 400: Marker should be an integer or a valid literal for int\(\) rather than 'last' \(request req-/)
  })

  it('shows a routing; an unknown one is the 404 the server sends', async () => {
    const id = made[0]
    const show = ok(await mn(['routing', 'show', String(id), '-f', 'json']))
    expect(Object.keys(show.json)).toEqual(ROUTING_FIELDS)
    expect(show.json.id).toBe(id)
    const missing = await mn(['routing', 'show', '999999'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(new RegExp(`^Tricircle 404: Resource routing not found ${REQ.source}\n$`))
  })

  it('updates only the fields given, printing nothing', async () => {
    const id = made[1]
    const bottom = uniqueName('it-bottom')
    const up = ok(await mn(['routing', 'update', String(id), '--bottom-id', bottom, '--resource-type', 'router']))
    expect(up.stdout).toBe('')
    const show = ok(await mn(['routing', 'show', String(id), '-f', 'json']))
    expect(show.json).toMatchObject({id, bottom_id: bottom, resource_type: 'router', pod_id: pods.RegionOne})
    expect(show.json.updated_at).toMatch(/^\d{4}-\d\d-\d\d /)
    const noop = ok(await mn(['routing', 'update', String(id)]))
    expect(noop.stdout).toBe('')
    expect(ok(await mn(['routing', 'show', String(id), '-f', 'json'])).json).toEqual(show.json)
  })

  it('refuses bad updates with the server message and changes nothing', async () => {
    const id = made[2]
    const before = ok(await mn(['routing', 'show', String(id), '-f', 'json'])).json
    const pod = await mn(['routing', 'update', String(id), '--pod-id', 'no-such-pod'])
    expect(pod.code).toBe(1)
    expect(pod.stderr).toMatch(/^Tricircle 400: The pod no-such-pod doesn't exist \(request req-/)
    const type = await mn(['routing', 'update', String(id), '--resource-type', 'volume'])
    expect(type.code).toBe(1)
    expect(type.stderr).toMatch(/^Tricircle 400: There is no such resource type \(request req-[0-9a-f-]+\)\n {2}valid resource types: network, .*, qos_policy\n$/)
    const blank = await mn(['routing', 'update', String(id), '--top-id', ''])
    expect(blank.code).toBe(1)
    expect(blank.stderr).toMatch(/^Tricircle 400: Field top_id can not be empty/)
    expect(ok(await mn(['routing', 'show', String(id), '-f', 'json'])).json).toEqual(before)
  })

  it('refuses an invalid resource type or a duplicate with the server message, exit 1, and makes nothing', async () => {
    const count = srv.state.routings.length
    const top = uniqueName('it-vol')
    const bad = await mn(['routing', 'create', '--top-id', top, '--bottom-id', top, '--pod-id', pods.RegionOne, '--project-id', project, '--resource-type', 'volume'])
    expect(bad.code).toBe(1)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toMatch(
      /^Tricircle 400: There is no such resource type \(request req-[0-9a-f-]+\)\n {2}valid resource types: network, subnet, port, router, security_group, trunk, port_pair, port_pair_group, flow_classifier, port_chain, qos_policy\n$/,
    )
    const existing = srv.state.findRouting(made[0])!
    const dup = await mn(['routing', 'create', '--top-id', existing.topId, '--bottom-id', 'x', '--pod-id', pods.RegionOne, '--project-id', project, '--resource-type', 'network'])
    expect(dup.code).toBe(1)
    expect(dup.stderr).toMatch(new RegExp(`^Tricircle 409: Resource routing already exists ${REQ.source}\n$`))
    expect(ok(await mn(['routing', 'list', '--top-id', top, '-f', 'json'])).json).toEqual([])
    expect(srv.state.routings.length).toBe(count)
  })

  it('deletes routings, printing nothing; an unknown one is reported and counted', async () => {
    const doomed = (await create(uniqueName('it-net'))).id as number
    const r = await mn(['routing', 'delete', String(doomed), '999999'])
    expect(r.code).toBe(3)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(new RegExp(`^Failed to delete routing with name or ID '999999': Tricircle 404: Resource routing not found ${REQ.source}\n1 of 2 routings failed to delete.\n$`))
    expect((await mn(['routing', 'show', String(doomed)])).stderr).toMatch(/^Tricircle 404: Resource routing not found/)
    const again = (await create(uniqueName('it-net'))).id as number
    const del = ok(await mn(['routing', 'delete', String(again)]))
    expect(del.stdout).toBe('')
  })
})

describe('jobs', () => {
  const routed: number[] = []
  const jobs: string[] = []
  let network = ''
  let policy = ''

  beforeAll(async () => {
    network = uniqueName('it-jobnet')
    policy = uniqueName('it-jobqos')
    for (const [top, type] of [
      [network, 'network'],
      [policy, 'qos_policy'],
    ]) {
      const r = ok(await mn(['routing', 'create', '--top-id', top, '--bottom-id', top, '--pod-id', pods.RegionOne, '--project-id', project, '--resource-type', type, '-f', 'value', '-c', 'id']))
      routed.push(Number(r.stdout.trim()))
    }
  })

  afterAll(async () => {
    for (const id of jobs) if (srv.state.findJob(id)) srv.state.setJobStatus(id, undefined)
    // Jobs still RUNNING cannot be deleted: pin what is left to FAIL first (what xjob would do after a crash).
    for (const j of srv.state.jobs.filter((j) => j.projectId === project)) srv.state.setJobStatus(j.id, 'FAIL')
    const left = srv.state.jobs.filter((j) => j.projectId === project).map((j) => j.id)
    if (left.length) ok(await mn(['job', 'delete', ...left]))
    await mn(['routing', 'delete', ...routed.map(String)])
    expect(srv.state.jobs.filter((j) => j.projectId === project)).toEqual([])
    expect(routed.filter((id) => srv.state.findRouting(id))).toEqual([])
  })

  const createJob = async (args: string[]): Promise<Record<string, unknown>> => {
    const r = ok(await mn(['job', 'create', ...args, '-f', 'json']))
    jobs.push(r.json.id as string)
    return r.json
  }

  /** `job show` until `until` or the deadline; every status seen, in order. */
  async function watch(id: string, until: string, timeoutMs: number): Promise<string[]> {
    const seen: string[] = []
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      const status = ok(await mn(['job', 'show', id, '-f', 'value', '-c', 'status'])).stdout.trim()
      if (seen.at(-1) !== status) seen.push(status)
      if (status === until) return seen
    }
    throw new Error(`job ${id} did not reach ${until} within ${timeoutMs} ms; seen ${seen.join(' → ')}`)
  }

  it('creates a job NEW, with its resource flattened as python prints it, and it goes RUNNING then SUCCESS', async () => {
    const job = await createJob(['--type', 'update_network', '--project_id', project, '--pod_id', pods.RegionOne, '--network_id', network])
    expect(Object.keys(job)).toEqual(['id', 'network_id', 'pod_id', 'project_id', 'status', 'timestamp', 'type'])
    expect(job).toMatchObject({network_id: network, pod_id: pods.RegionOne, project_id: project, status: 'NEW', type: 'update_network'})
    expect(job.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    const seen = await watch(job.id as string, 'SUCCESS', 60_000)
    expect(seen.filter((s) => s !== 'NEW')).toEqual(['RUNNING', 'SUCCESS'])
    const shown = ok(await mn(['job', 'show', job.id as string, '-f', 'json'])).json
    expect(shown).toEqual({...job, status: 'SUCCESS'})
  })

  it('accepts --project-id as well as --project_id, and the qos_* types', async () => {
    const job = await createJob(['--type', 'qos_update', '--project-id', project, '--pod_id', pods.RegionOne, '--policy_id', policy])
    expect(job).toMatchObject({type: 'qos_update', policy_id: policy, pod_id: pods.RegionOne, project_id: project, status: 'NEW'})
    const seg = await createJob(['--type', 'seg_rule_setup', '--project_id', project])
    expect(Object.keys(seg)).toEqual(['id', 'project_id', 'status', 'timestamp', 'type'])
  })

  it('a missing resource option is named by the server (no null sent, so no empty 500); nothing is made', async () => {
    const count = srv.state.jobs.length
    const r = await mn(['job', 'create', '--type', 'update_network', '--project_id', project, '--network_id', network])
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(new RegExp(`^Tricircle 400: Some required fields are not specified: \\{'pod_id'\\} ${REQ.source}\n$`))
    const extra = await mn(['job', 'create', '--type', 'configure_route', '--project_id', project, '--router_id', 'r1', '--port_id', 'p1'])
    expect(extra.stderr).toMatch(/^Tricircle 400: Some fields are redundant: \{'port_id'\}/)
    const type = await mn(['job', 'create', '--type', 'nope', '--project_id', project])
    expect(type.code).toBe(1)
    expect(type.stderr).toMatch(/^Tricircle 400: There is no such job type: nope \(request req-[0-9a-f-]+\)\n {2}valid job types: configure_route, .*, sync_qos_rule\n$/)
    const notMine = await mn(['job', 'create', '--type', 'update_network', '--project_id', project, '--pod_id', pods.RegionOne, '--network_id', 'not-routed'])
    expect(notMine.stderr).toMatch(new RegExp(`^Tricircle 400: network not-routed doesn't belong to the project ${project}`))
    expect(srv.state.jobs.length).toBe(count)
  })

  it('lists jobs with python’s columns, following pages, and filters by type and status (any case)', async () => {
    const list = ok(await mn(['job', 'list', '-f', 'json']))
    const rows = list.json as Array<Record<string, string>>
    expect(rows.length).toBeGreaterThan(PAGE)
    for (const row of rows) expect(Object.keys(row)).toEqual(['ID', 'Project', 'Status', 'Timestamp', 'Type'])
    expect(rows.map((r) => r.ID).sort()).toEqual([...jobs].sort())
    const qos = ok(await mn(['job', 'list', '--type', 'qos_update', '-f', 'value', '-c', 'ID']))
    expect(qos.stdout).toBe(`${jobs[1]}\n`)
    const success = ok(await mn(['job', 'list', '--status', 'SUCCESS', '--type', 'update_network', '-f', 'value', '-c', 'ID']))
    expect(success.stdout).toBe(`${jobs[0]}\n`)
    const one = ok(await mn(['job', 'list', '--limit', '1', '-f', 'value', '-c', 'ID']))
    expect(one.stdout.trim().split('\n')).toHaveLength(1)
    const bad = await mn(['job', 'list', '--status', 'done'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('Expected --status=done to be one of: new, running, success, fail')
  })

  it('redoes a failed job: prints nothing, and a fresh job of the same type and resource appears', async () => {
    const job = await createJob(['--type', 'update_network', '--project_id', project, '--pod_id', pods.RegionTwo, '--network_id', network])
    const id = job.id as string
    srv.state.setJobStatus(id, 'FAIL') // what xjob does when the job's handler fails
    const before = new Set(srv.state.jobs.map((j) => j.id))
    const redo = ok(await mn(['job', 'redo', id]))
    expect(redo.stdout).toBe('')
    const fresh = (ok(await mn(['job', 'list', '--type', 'update_network', '-f', 'json'])).json as Array<{ID: string}>).filter((r) => !before.has(r.ID))
    expect(fresh).toHaveLength(1)
    jobs.push(fresh[0].ID)
    const shown = ok(await mn(['job', 'show', fresh[0].ID, '-f', 'json'])).json
    expect(shown).toMatchObject({type: 'update_network', pod_id: pods.RegionTwo, network_id: network, project_id: project})
    expect(ok(await mn(['job', 'show', id, '-f', 'value', '-c', 'status'])).stdout).toBe('FAIL\n')
  })

  it('refuses to redo or delete a running job, and to redo a successful one, with the server message', async () => {
    const job = await createJob(['--type', 'seg_rule_setup', '--project_id', project])
    const id = job.id as string
    srv.state.setJobStatus(id, 'RUNNING')
    const redo = await mn(['job', 'redo', id])
    expect(redo.code).toBe(1)
    expect(redo.stderr).toMatch(new RegExp(`^Tricircle 400: Can't redo job ${id} which is running ${REQ.source}\n$`))
    const del = await mn(['job', 'delete', id])
    expect(del.code).toBe(1)
    expect(del.stderr).toMatch(new RegExp(`^Failed to delete job with name or ID '${id}': Tricircle 400: Failed to delete the running job ${id} ${REQ.source}\n1 of 1 jobs failed to delete.\n$`))
    expect(srv.state.findJob(id)).toBeDefined()
    srv.state.setJobStatus(id, 'SUCCESS')
    const done = await mn(['job', 'redo', id])
    expect(done.stderr).toMatch(new RegExp(`^Tricircle 400: Can't redo job ${id} which had run successfully`))
    expect((await mn(['job', 'show', 'no-such-job'])).stderr).toMatch(/^Tricircle 404: Resource not found \(request req-/)
  })

  it('deletes jobs, printing nothing: a NEW or FAIL one goes, a SUCCESS one is archived into the log', async () => {
    const a = (await createJob(['--type', 'resource_recycle', '--project_id', project])).id as string
    srv.state.setJobStatus(a, 'FAIL')
    const del = ok(await mn(['job', 'delete', a]))
    expect(del.stdout).toBe('')
    expect((await mn(['job', 'show', a])).stderr).toMatch(/^Tricircle 404: Resource not found/)

    const b = (await createJob(['--type', 'qos_update', '--project_id', project, '--pod_id', pods.RegionTwo, '--policy_id', policy])).id as string
    srv.state.setJobStatus(b, 'SUCCESS')
    const logsBefore = new Set(srv.state.jobLogs.map((l) => l.id))
    expect(ok(await mn(['job', 'delete', b])).stdout).toBe('')
    expect((await mn(['job', 'show', b])).stderr).toMatch(/^Tricircle 404: Resource not found/)
    const done = ok(await mn(['job', 'list', '--status', 'success', '--type', 'qos_update', '-f', 'json'])).json as Array<Record<string, string>>
    const archived = done.filter((r) => srv.state.findJobLog(r.ID) && !logsBefore.has(r.ID))
    expect(archived).toEqual([{ID: expect.any(String), Project: project, Status: 'SUCCESS', Timestamp: expect.any(String), Type: 'qos_update'}])
    const log = await mn(['job', 'delete', archived[0].ID])
    expect(log.code).toBe(1)
    expect(log.stderr).toContain(`Tricircle 400: Job ${archived[0].ID} is from job log`)
  })
})

describe('a non-admin user (the demo cloud)', () => {
  it('gets 401 for pods, with the server message and a hint; nothing is made', async () => {
    const list = await demo(['pod', 'list'])
    expect(list.code).toBe(1)
    expect(list.stdout).toBe('')
    expect(list.stderr).toMatch(new RegExp(`^Tricircle 401: Unauthorized to list pods ${REQ.source}\n {2}${ADMIN_HINT}`))
    const region = uniqueName('it-demo')
    const create = await demo(['pod', 'create', '--region-name', region, '--availability-zone', 'az1'])
    expect(create.code).toBe(1)
    expect(create.stderr).toMatch(/^Tricircle 401: Unauthorized to create pods \(request req-/)
    expect(srv.state.pods.some((p) => p.regionName === region)).toBe(false)
    expect((await demo(['pod', 'show', pods.RegionOne])).stderr).toMatch(/^Tricircle 401: Unauthorized to show pods/)
    expect((await demo(['pod', 'delete', pods.RegionOne])).stderr).toMatch(/Tricircle 401: Unauthorized to delete pods/)
    expect(srv.state.findPod(pods.RegionOne)).toBeDefined()
  })

  it('gets 403 for routings and jobs; nothing is made', async () => {
    const routings = srv.state.routings.length
    const jobsBefore = srv.state.jobs.length
    const list = await demo(['routing', 'list'])
    expect(list.code).toBe(1)
    expect(list.stderr).toMatch(new RegExp(`^Tricircle 403: Unauthorized to show all resource routings ${REQ.source}\n {2}${ADMIN_HINT}`))
    const create = await demo(['routing', 'create', '--top-id', 't', '--bottom-id', 'b', '--pod-id', pods.RegionOne, '--project-id', project, '--resource-type', 'network'])
    expect(create.code).toBe(1)
    expect(create.stderr).toMatch(/^Tricircle 403: Unauthorized to create resource routing \(request req-/)
    const jobs = await demo(['job', 'list', '--json'])
    expect(jobs.code).toBe(1)
    expect(jobs.json).toMatchObject({status: 1, name: 'ApiError', code: 'HTTP403', actions: [expect.stringContaining(ADMIN_HINT)]})
    expect(jobs.json.message).toMatch(/^Tricircle 403: Unauthorized to show all jobs \(request req-/)
    const job = await demo(['job', 'create', '--type', 'seg_rule_setup', '--project_id', project])
    expect(job.stderr).toMatch(/^Tricircle 403: Unauthorized to create a job/)
    expect(srv.state.routings.length).toBe(routings)
    expect(srv.state.jobs.length).toBe(jobsBefore)
  })
})

describe('bad input caught before anything is sent', () => {
  it('an empty id is a usage error (the server would answer /pods/ with an empty 500)', async () => {
    const r = await mn(['pod', 'show', ''])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^The pod ID must not be empty\.\n/)
  })

  it('a missing required option is a usage error naming it', async () => {
    const r = await mn(['routing', 'create', '--top-id', 't'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Missing required flag/)
    for (const flag of ['bottom-id', 'pod-id', 'project-id', 'resource-type']) expect(r.stderr).toContain(`Missing required flag ${flag}`)
    expect(srv.state.routings.filter((x) => x.topId === 't')).toEqual([])
  })
})

describe('pod cleanup', () => {
  it('deletes the guide’s pods', async () => {
    const ids = Object.values(pods)
    try {
      expect(ok(await mn(['pod', 'delete', ...ids])).stdout).toBe('')
    } finally {
      expect(srv.state.pods).toEqual([])
    }
  })
})

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {apiErr, OTHER_PROJECT, PROJECT, type Reply, type Sim, startSim} from './helpers.js'

type Job = {id: string; project_id: string; type: string; timestamp: string; status: string; resource: Record<string, string>}

/** The live `GET /jobs/schemas`, plus the routing each type's primary resource must have. */
const SCHEMAS: Array<{type: string; resource: string[]; primary?: [string, string]}> = [
  {type: 'configure_route', resource: ['router_id'], primary: ['router', 'router_id']},
  {type: 'router_setup', resource: ['pod_id', 'router_id', 'network_id'], primary: ['router', 'router_id']},
  {type: 'port_delete', resource: ['pod_id', 'port_id'], primary: ['port', 'port_id']},
  {type: 'seg_rule_setup', resource: ['project_id']},
  {type: 'update_network', resource: ['pod_id', 'network_id'], primary: ['network', 'network_id']},
  {type: 'trunk_sync', resource: ['pod_id', 'trunk_id'], primary: ['trunk', 'trunk_id']},
  {type: 'subnet_update', resource: ['pod_id', 'subnet_id'], primary: ['subnet', 'subnet_id']},
  {type: 'shadow_port_setup', resource: ['pod_id', 'network_id'], primary: ['network', 'network_id']},
  {type: 'sfc_sync', resource: ['pod_id', 'portchain_id', 'network_id'], primary: ['port_chain', 'portchain_id']},
  {type: 'resource_recycle', resource: ['project_id']},
  {type: 'qos_create', resource: ['pod_id', 'policy_id', 'res_type', 'res_id'], primary: ['qos_policy', 'policy_id']},
  {type: 'qos_update', resource: ['pod_id', 'policy_id'], primary: ['qos_policy', 'policy_id']},
  {type: 'qos_delete', resource: ['pod_id', 'policy_id'], primary: ['qos_policy', 'policy_id']},
  {type: 'sync_qos_rule', resource: ['rule_id', 'policy_id'], primary: ['qos_policy', 'policy_id']},
]

const STEPS = {runningAfterMs: 1000, successAfterMs: 3000}

function expectApi(r: Reply, status: number, message: string): void {
  expect(r.status).toBe(status)
  expect(r.headers.get('content-type')).toBe('application/json')
  expect(r.json).toEqual(apiErr(status, message))
}

describe('tricircle emulator: jobs', () => {
  let sim: Sim
  let podId: string

  beforeEach(async () => {
    sim = await startSim({jobSteps: STEPS})
    const pod = await sim.call('POST', '/v1.0/pods', {body: {pod: {region_name: 'RegionOne', az_name: 'az1'}}})
    podId = (pod.json as {pod: {pod_id: string}}).pod.pod_id
  })
  afterEach(async () => {
    await sim.close()
  })

  function resourceFor(schema: (typeof SCHEMAS)[number]): Record<string, string> {
    const out: Record<string, string> = {}
    for (const f of schema.resource) out[f] = f === 'pod_id' ? podId : f === 'project_id' ? PROJECT : `${f}-1`
    return out
  }

  /** Routes the primary resource of `schema` to PROJECT, so that a job for it is accepted. */
  async function routePrimary(schema: (typeof SCHEMAS)[number]): Promise<void> {
    if (!schema.primary) return
    const [resourceType, field] = schema.primary
    const routing = {top_id: resourceFor(schema)[field], bottom_id: 'b', pod_id: podId, project_id: PROJECT, resource_type: resourceType}
    const r = await sim.call('POST', '/v1.0/routings', {body: {routing}})
    expect([200, 409]).toContain(r.status)
  }

  const post = (job: unknown, token = 'admin') => sim.call('POST', '/v1.0/jobs', {body: {job}, token})

  const UPDATE_NETWORK = SCHEMAS[4] as (typeof SCHEMAS)[number]
  async function newJob(over: Record<string, unknown> = {}): Promise<Job> {
    await routePrimary(UPDATE_NETWORK)
    const r = await post({type: 'update_network', project_id: PROJECT, resource: resourceFor(UPDATE_NETWORK), ...over})
    expect(r.status).toBe(200)
    return (r.json as {job: Job}).job
  }

  describe('create', () => {
    it('→ 200 with the NEW job, the resource rebuilt in schema order', async () => {
      await routePrimary(UPDATE_NETWORK)
      const r = await post({type: 'update_network', project_id: PROJECT, resource: {network_id: 'network_id-1', pod_id: podId}})
      expect(r.status).toBe(200)
      const job = (r.json as {job: Job}).job
      expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
      expect(r.json).toEqual({
        job: {
          id: job.id,
          project_id: PROJECT,
          type: 'update_network',
          timestamp: '2026-11-23 05:26:53',
          status: 'NEW',
          resource: {pod_id: podId, network_id: 'network_id-1'},
        },
      })
      expect(Object.keys(job)).toEqual(['id', 'project_id', 'type', 'timestamp', 'status', 'resource'])
      expect(Object.keys(job.resource)).toEqual(['pod_id', 'network_id'])
    })

    it('no job key, or no body → 400 Request body not found', async () => {
      expectApi(await sim.call('POST', '/v1.0/jobs', {body: {jobs: {}}}), 400, 'Request body not found')
      expectApi(await sim.call('POST', '/v1.0/jobs'), 400, 'Request body not found')
    })

    it('a failure to store or cast the job → 500 Failed to create a job', async () => {
      sim.srv.state.failNext('job.create')
      await routePrimary(UPDATE_NETWORK)
      expectApi(await post({type: 'update_network', project_id: PROJECT, resource: resourceFor(UPDATE_NETWORK)}), 500, 'Failed to create a job')
    })

    describe.each(SCHEMAS.map((s) => [s.type, s] as const))('type %s', (type, schema) => {
      const valid = () => ({type, project_id: PROJECT, resource: resourceFor(schema)})

      it('missing, blank or wrong type → 400', async () => {
        const {type: _t, ...noType} = valid()
        expectApi(await post(noType), 400, "type isn't provided in request body")
        expectApi(await post({...valid(), type: ''}), 400, "type can't be empty")
        expectApi(await post({...valid(), type: '  '}), 400, "type can't be empty")
        expectApi(await post({...valid(), type: `${type}_x`}), 400, `There is no such job type: ${type}_x`)
      })

      it('missing or blank project_id → 400', async () => {
        const {project_id: _p, ...noProject} = valid()
        expectApi(await post(noProject), 400, "project_id isn't provided in request body")
        expectApi(await post({...valid(), project_id: ''}), 400, "project_id can't be empty")
      })

      it('missing resource → 400', async () => {
        const {resource: _r, ...noResource} = valid()
        expectApi(await post(noResource), 400, 'Failed to create job, because the resource is not specified')
      })

      it('a missing or an extra resource key → 400 with a Python set', async () => {
        const resource = resourceFor(schema)
        const [first] = schema.resource
        delete resource[first as string]
        expectApi(await post({...valid(), resource}), 400, `Some required fields are not specified: {'${first}'}`)
        expectApi(await post({...valid(), resource: {...resourceFor(schema), x: 'y'}}), 400, "Some fields are redundant: {'x'}")
      })

      it('a project that does not own the resource → 400', async () => {
        await routePrimary(schema)
        const r = await post({...valid(), project_id: OTHER_PROJECT})
        if (schema.primary) {
          const [resourceType, field] = schema.primary
          expectApi(r, 400, `${resourceType} ${resourceFor(schema)[field]} doesn't belong to the project ${OTHER_PROJECT}`)
        } else {
          expectApi(r, 400, `Specified project_id ${OTHER_PROJECT} and resource's project_id ${PROJECT} are different`)
        }
      })

      it('a valid job → 200, and the same job again → 200', async () => {
        await routePrimary(schema)
        for (let i = 0; i < 2; i++) {
          const r = await post(valid())
          expect(r.status).toBe(200)
          expect(r.json).toMatchObject({job: {type, project_id: PROJECT, status: 'NEW', resource: resourceFor(schema)}})
        }
        expect(sim.srv.state.jobs).toHaveLength(2)
      })
    })

    it('several missing keys are listed as a set', async () => {
      await routePrimary(SCHEMAS[1] as (typeof SCHEMAS)[number])
      const r = await post({type: 'router_setup', project_id: PROJECT, resource: {router_id: 'router_id-1'}})
      expectApi(r, 400, "Some required fields are not specified: {'pod_id', 'network_id'}")
    })

    it('an empty resource is compared as a key set; a resource that is not an object → shape D', async () => {
      await routePrimary(UPDATE_NETWORK)
      expectApi(
        await post({type: 'update_network', project_id: PROJECT, resource: {}}),
        400,
        "Some required fields are not specified: {'pod_id', 'network_id'}",
      )
      for (const resource of [null, 'net-1', ['pod_id']]) {
        const r = await post({type: 'update_network', project_id: PROJECT, resource})
        expect(r.status).toBe(500)
        expect(r.text).toBe('')
      }
    })

    it('type and project_id are checked before the type is looked up', async () => {
      expectApi(await post({type: 'nope'}), 400, "project_id isn't provided in request body")
      expectApi(await post({type: 'nope', project_id: null}), 400, "project_id can't be empty")
      expectApi(await post({project_id: PROJECT, type: null}), 400, "type can't be empty")
    })

    it('the routing must be of the right type and project', async () => {
      // A network routed to another project, and a port with the same top id in ours: neither counts.
      const base = {top_id: 'network_id-1', bottom_id: 'b', pod_id: podId}
      await sim.call('POST', '/v1.0/routings', {body: {routing: {...base, project_id: OTHER_PROJECT, resource_type: 'network'}}})
      await sim.call('POST', '/v1.0/routings', {body: {routing: {...base, project_id: PROJECT, resource_type: 'port'}}})
      const r = await post({type: 'update_network', project_id: PROJECT, resource: resourceFor(UPDATE_NETWORK)})
      expectApi(r, 400, `network network_id-1 doesn't belong to the project ${PROJECT}`)
    })

    it('a null primary resource → 400 naming None; a null other value → 500 with an empty body', async () => {
      expectApi(
        await post({type: 'update_network', project_id: PROJECT, resource: {pod_id: podId, network_id: null}}),
        400,
        `network None doesn't belong to the project ${PROJECT}`,
      )
      await routePrimary(UPDATE_NETWORK)
      const r = await post({type: 'update_network', project_id: PROJECT, resource: {pod_id: null, network_id: 'network_id-1'}})
      expect(r.status).toBe(500)
      expect(r.text).toBe('')
      expect(r.headers.get('content-type')).toBe('text/plain')
      expect(sim.srv.state.jobs).toHaveLength(0)
    })

    it('within one second the answer is the oldest NEW duplicate; later, the new job', async () => {
      const first = await newJob()
      sim.clock.advance(500)
      const second = await newJob()
      expect(second.id).toBe(first.id)
      expect(sim.srv.state.jobs).toHaveLength(2)
      sim.clock.advance(999) // first: 1499 ms old, RUNNING; second: 999 ms old, still NEW but a second older
      const third = await newJob()
      expect(third.id).toBe(sim.srv.state.jobs.at(-1)?.id)
      expect(third.id).not.toBe(first.id)
      expect(third.timestamp).toBe('2026-11-23 05:26:54')
    })
  })

  describe('lifecycle, show and schemas', () => {
    it('a job reads NEW, then RUNNING, then SUCCESS as time passes', async () => {
      const job = await newJob()
      const show = async () => ((await sim.call('GET', `/v1.0/jobs/${job.id}`)).json as {job: Job}).job.status
      expect(await show()).toBe('NEW')
      sim.clock.advance(999)
      expect(await show()).toBe('NEW')
      sim.clock.advance(1)
      expect(await show()).toBe('RUNNING')
      sim.clock.advance(1999)
      expect(await show()).toBe('RUNNING')
      sim.clock.advance(1)
      expect(await show()).toBe('SUCCESS')
      sim.clock.advance(60_000)
      const r = await sim.call('GET', `/v1.0/jobs/${job.id}`)
      expect(r.status).toBe(200)
      expect(r.json).toEqual({job: {...job, status: 'SUCCESS'}})
    })

    it('GET /jobs/schemas lists the 14 types', async () => {
      const r = await sim.call('GET', '/v1.0/jobs/schemas')
      expect(r.status).toBe(200)
      expect(r.json).toEqual({schemas: SCHEMAS.map(({type, resource}) => ({type, resource}))})
    })

    it('an unknown id, or schemas_1 → 404 Resource not found', async () => {
      expectApi(await sim.call('GET', '/v1.0/jobs/8ab3e4f2-0000-4000-8000-000000000000'), 404, 'Resource not found')
      expectApi(await sim.call('GET', '/v1.0/jobs/schemas_1'), 404, 'Resource not found')
    })

    it('a log job is shown with status SUCCESS', async () => {
      const log = sim.srv.state.insertJobLog({type: 'seg_rule_setup', projectId: PROJECT, resourceId: PROJECT})
      expect((await sim.call('GET', `/v1.0/jobs/${log.id}`)).json).toEqual({
        job: {id: log.id, project_id: PROJECT, type: 'seg_rule_setup', timestamp: '2026-11-23 05:26:53', status: 'SUCCESS', resource: {project_id: PROJECT}},
      })
    })
  })

  describe('list', () => {
    /** Four jobs one second apart: [NEW-now, NEW, RUNNING, SUCCESS] once the clock stops. */
    async function seedJobs(): Promise<Job[]> {
      const seg = SCHEMAS[3] as (typeof SCHEMAS)[number]
      const out: Job[] = []
      out.push(await newJob())
      sim.clock.advance(1000)
      const r = await post({type: 'seg_rule_setup', project_id: PROJECT, resource: resourceFor(seg)})
      out.push((r.json as {job: Job}).job)
      sim.clock.advance(1000)
      out.push(await newJob({resource: {pod_id: 'other-pod', network_id: 'network_id-1'}}))
      sim.clock.advance(1000)
      return out
    }

    it('entries carry exactly id, project_id, type, timestamp, status and resource, newest first', async () => {
      const [a, b, c] = await seedJobs()
      const r = await sim.call('GET', '/v1.0/jobs')
      expect(r.status).toBe(200)
      expect(r.json).toEqual({
        jobs: [
          {...c, status: 'RUNNING'},
          {...b, status: 'RUNNING'},
          {...a, status: 'SUCCESS'},
        ],
      })
      for (const j of (r.json as {jobs: Job[]}).jobs) expect(Object.keys(j)).toEqual(['id', 'project_id', 'type', 'timestamp', 'status', 'resource'])
    })

    it('GET /jobs/detail is the same list', async () => {
      await seedJobs()
      expect((await sim.call('GET', '/v1.0/jobs/detail')).json).toEqual((await sim.call('GET', '/v1.0/jobs')).json)
    })

    it('the status filter is case-insensitive; an unknown status gives []', async () => {
      const [a, b, c] = await seedJobs()
      const q = async (qs: string) => ((await sim.call('GET', `/v1.0/jobs?${qs}`)).json as {jobs: Job[]}).jobs.map((j) => j.id)
      expect(await q('status=running')).toEqual([c?.id, b?.id])
      expect(await q('status=RUNNING')).toEqual([c?.id, b?.id])
      expect(await q('status=Success')).toEqual([a?.id])
      expect(await q('status=new')).toEqual([])
      expect(await q('status=new_1')).toEqual([])
    })

    it.each(['/v1.0/jobs', '/v1.0/jobs/detail'])('type and status combine on %s', async (path) => {
      const [a, b, c] = await seedJobs()
      const q = async (qs: string) => ((await sim.call('GET', `${path}?${qs}`)).json as {jobs: Job[]}).jobs.map((j) => j.id)
      expect(await q('type=update_network')).toEqual([c?.id, a?.id])
      expect(await q('type=update_network&status=running')).toEqual([c?.id])
      expect(await q('type=seg_rule_setup&status=running')).toEqual([b?.id])
      expect(await q('type=seg_rule_setup&status=fail')).toEqual([])
      expect(await q('type=nope')).toEqual([])
    })

    it('a FAIL job is found by status=fail', async () => {
      const job = await newJob()
      sim.srv.state.setJobStatus(job.id, 'FAIL')
      expect((await sim.call('GET', '/v1.0/jobs?status=fail')).json).toEqual({jobs: [{...job, status: 'FAIL'}]})
    })

    it('an unsupported filter → 400', async () => {
      expectApi(await sim.call('GET', '/v1.0/jobs?pod_id=x'), 400, 'Unsupported filter type: pod_id')
      expectApi(await sim.call('GET', '/v1.0/jobs/detail?pod_id=x&id=y'), 400, 'Unsupported filter type: pod_id, id')
    })

    it('is scoped to the token project, whatever project_id says', async () => {
      const [a, b, c] = await seedJobs()
      const other = sim.srv.state.insertJob({type: 'seg_rule_setup', projectId: OTHER_PROJECT, resourceId: OTHER_PROJECT})
      const ids = async (path: string, token = 'admin') => ((await sim.call('GET', path, {token})).json as {jobs: Job[]}).jobs.map((j) => j.id)
      expect(await ids(`/v1.0/jobs?project_id=${OTHER_PROJECT}`)).toEqual([c?.id, b?.id, a?.id])
      expect(await ids('/v1.0/jobs', 'admin2')).toEqual([other.id])
    })

    it('log rows come after the active jobs, also for status=success, never for other statuses', async () => {
      const [a, b, c] = await seedJobs()
      const log = sim.srv.state.insertJobLog({type: 'resource_recycle', projectId: PROJECT, resourceId: PROJECT, at: new Date(sim.clock.ms + 60_000)})
      const ids = async (qs: string) => ((await sim.call('GET', `/v1.0/jobs?${qs}`)).json as {jobs: Job[]}).jobs.map((j) => j.id)
      expect(await ids('')).toEqual([c?.id, b?.id, a?.id, log.id])
      expect(await ids('status=success')).toEqual([a?.id, log.id])
      expect(await ids('status=running')).toEqual([c?.id, b?.id])
    })

    it('limit adds a jobs_links next link whenever the page is full, and paging crosses into the log table', async () => {
      const [a, b, c] = await seedJobs()
      const l1 = sim.srv.state.insertJobLog({type: 'resource_recycle', projectId: PROJECT, resourceId: PROJECT, at: new Date(sim.clock.ms)})
      const l2 = sim.srv.state.insertJobLog({type: 'resource_recycle', projectId: PROJECT, resourceId: PROJECT, at: new Date(sim.clock.ms - 10_000)})
      const all = [c?.id, b?.id, a?.id, l1.id, l2.id]
      for (const limit of [1, 2, 3, 5]) {
        const seen: string[] = []
        let href: string | undefined = `/v1.0/jobs?limit=${limit}`
        while (href) {
          const page = (await sim.call('GET', href)).json as {jobs: Job[]; jobs_links?: Array<{rel: string; href: string}>}
          seen.push(...page.jobs.map((j) => j.id))
          if (page.jobs.length >= limit) {
            expect(page.jobs_links).toEqual([{rel: 'next', href: `/v1.0/jobs?limit=${limit}&marker=${page.jobs.at(-1)?.id}`}])
          } else {
            expect(page.jobs_links).toBeUndefined()
          }
          href = page.jobs_links?.[0]?.href
        }
        expect(seen).toEqual(all)
      }
    })

    it('a limit of 0 or below means the maximum; a non-integer → 400; an unknown marker → 400', async () => {
      const jobs = await seedJobs()
      expect(((await sim.call('GET', '/v1.0/jobs?limit=0')).json as {jobs: Job[]}).jobs).toHaveLength(jobs.length)
      expect(((await sim.call('GET', '/v1.0/jobs?limit=-3')).json as {jobs: Job[]}).jobs).toHaveLength(jobs.length)
      expectApi(await sim.call('GET', '/v1.0/jobs?limit=x'), 400, "Limit should be an integer or a valid literal for int() rather than 'x'")
      expectApi(await sim.call('GET', '/v1.0/jobs?marker=nope'), 400, 'Invalid marker: nope')
    })

    it('non-admin → 403', async () => {
      expectApi(await sim.call('GET', '/v1.0/jobs', {token: 'member'}), 403, 'Unauthorized to show all jobs')
    })
  })

  describe('delete', () => {
    it('a NEW job → 200 {}, then it is gone', async () => {
      const job = await newJob()
      const r = await sim.call('DELETE', `/v1.0/jobs/${job.id}`)
      expect(r.status).toBe(200)
      expect(r.json).toEqual({})
      expectApi(await sim.call('GET', `/v1.0/jobs/${job.id}`), 404, 'Resource not found')
    })

    it('an unknown job → 404', async () => {
      expectApi(await sim.call('DELETE', '/v1.0/jobs/123'), 404, 'Job 123 not found')
    })

    it('a RUNNING job → 400', async () => {
      const job = await newJob()
      sim.clock.advance(1500)
      expectApi(await sim.call('DELETE', `/v1.0/jobs/${job.id}`), 400, `Failed to delete the running job ${job.id}`)
    })

    it('a FAIL job → 200 {}', async () => {
      const job = await newJob()
      sim.srv.state.setJobStatus(job.id, 'FAIL')
      const r = await sim.call('DELETE', `/v1.0/jobs/${job.id}`)
      expect(r.status).toBe(200)
      expect(r.json).toEqual({})
      expect(sim.srv.state.jobs).toEqual([])
    })

    it('a SUCCESS job → 200 {}: archived under a new id, with every row of that type and resource', async () => {
      const job = await newJob()
      sim.clock.advance(1000)
      const sibling = await newJob() // same type and resource, NEW
      const unrelated = await newJob({resource: {pod_id: 'other', network_id: 'network_id-1'}})
      sim.clock.advance(2000) // job SUCCESS, sibling and unrelated RUNNING
      const r = await sim.call('DELETE', `/v1.0/jobs/${job.id}`)
      expect(r.status).toBe(200)
      expect(r.json).toEqual({})
      expectApi(await sim.call('GET', `/v1.0/jobs/${job.id}`), 404, 'Resource not found')
      expectApi(await sim.call('GET', `/v1.0/jobs/${sibling.id}`), 404, 'Resource not found')
      const list = (await sim.call('GET', '/v1.0/jobs')).json as {jobs: Job[]}
      expect(list.jobs).toHaveLength(2)
      expect(list.jobs[0]).toEqual({...unrelated, status: 'RUNNING'})
      const log = list.jobs[1] as Job
      expect(log.id).not.toBe(job.id)
      expect(log).toEqual({...job, id: log.id, status: 'SUCCESS', timestamp: '2026-11-23 05:26:56'})
    })

    it('a log job → 400', async () => {
      const log = sim.srv.state.insertJobLog({type: 'seg_rule_setup', projectId: PROJECT, resourceId: PROJECT})
      expectApi(await sim.call('DELETE', `/v1.0/jobs/${log.id}`), 400, `Job ${log.id} is from job log`)
    })

    it('a database failure → 500', async () => {
      const job = await newJob()
      sim.srv.state.failNext('job.delete')
      expectApi(await sim.call('DELETE', `/v1.0/jobs/${job.id}`), 500, 'Failed to delete the job')
    })
  })

  describe('redo', () => {
    it('a NEW job → 200 null, and a fresh NEW job with the same type, project and resource', async () => {
      const job = await newJob()
      sim.clock.advance(500)
      const r = await sim.call('PUT', `/v1.0/jobs/${job.id}`)
      expect(r.status).toBe(200)
      expect(r.text).toBe('null')
      expect(r.headers.get('content-type')).toBe('application/json')
      const jobs = ((await sim.call('GET', '/v1.0/jobs')).json as {jobs: Job[]}).jobs
      expect(jobs).toHaveLength(2)
      expect(jobs.map((j) => [j.type, j.project_id, j.resource, j.status])).toEqual([
        [job.type, job.project_id, job.resource, 'NEW'],
        [job.type, job.project_id, job.resource, 'NEW'],
      ])
    })

    it('an unknown job → 404', async () => {
      expectApi(await sim.call('PUT', '/v1.0/jobs/123'), 404, 'Job 123 not found')
    })

    it('a RUNNING job → 400', async () => {
      const job = await newJob()
      sim.clock.advance(1000)
      expectApi(await sim.call('PUT', `/v1.0/jobs/${job.id}`), 400, `Can't redo job ${job.id} which is running`)
    })

    it('a FAIL job → 200 null; the FAIL row stays', async () => {
      const job = await newJob()
      sim.srv.state.setJobStatus(job.id, 'FAIL')
      const r = await sim.call('PUT', `/v1.0/jobs/${job.id}`)
      expect(r.status).toBe(200)
      expect(r.text).toBe('null')
      expect((await sim.call('GET', `/v1.0/jobs/${job.id}`)).json).toEqual({job: {...job, status: 'FAIL'}})
      const fresh = ((await sim.call('GET', '/v1.0/jobs?status=new')).json as {jobs: Job[]}).jobs
      expect(fresh.map((j) => j.resource)).toEqual([job.resource])
    })

    it('a SUCCESS job → 400', async () => {
      const job = await newJob()
      sim.clock.advance(3000)
      expectApi(await sim.call('PUT', `/v1.0/jobs/${job.id}`), 400, `Can't redo job ${job.id} which had run successfully`)
    })

    it('a log job → 400', async () => {
      const log = sim.srv.state.insertJobLog({type: 'seg_rule_setup', projectId: PROJECT, resourceId: PROJECT})
      expectApi(await sim.call('PUT', `/v1.0/jobs/${log.id}`), 400, `Job ${log.id} is from job log`)
    })

    it('a failure → 500', async () => {
      const job = await newJob()
      sim.srv.state.failNext('job.redo')
      expectApi(await sim.call('PUT', `/v1.0/jobs/${job.id}`), 500, 'Failed to redo the job')
      expect(sim.srv.state.jobs).toHaveLength(1)
    })
  })

  it('non-admin: create, show, schemas, detail, list, delete and redo → 403', async () => {
    const job = await newJob()
    const cases: Array<[string, string, string]> = [
      ['POST', '/v1.0/jobs', 'Unauthorized to create a job'],
      ['GET', `/v1.0/jobs/${job.id}`, 'Unauthorized to show job information'],
      ['GET', '/v1.0/jobs/schemas', 'Unauthorized to show job information'],
      ['GET', '/v1.0/jobs/detail', 'Unauthorized to show job information'],
      ['GET', '/v1.0/jobs', 'Unauthorized to show all jobs'],
      ['DELETE', `/v1.0/jobs/${job.id}`, 'Unauthorized to delete a job'],
      ['PUT', `/v1.0/jobs/${job.id}`, 'Unauthorized to redo a job'],
    ]
    for (const [method, path, message] of cases) {
      const body = method === 'POST' ? {job: {type: 'update_network', project_id: PROJECT, resource: resourceFor(UPDATE_NETWORK)}} : undefined
      expectApi(await sim.call(method, path, {token: 'member', body}), 403, message)
    }
    expect(sim.srv.state.jobs).toHaveLength(1)
  })
})

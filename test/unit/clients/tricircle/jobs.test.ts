import {afterEach, describe, expect, it} from 'vitest'

import {ApiError} from '../../../../src/core/errors.js'
import {createJob, deleteJob, getJob, type Job, jobResource, listJobs, redoJob} from '../../../../src/clients/tricircle/index.js'
import {jobShowView} from '../../../../src/views/tricircle.js'
import {fakeServerPool} from '../../../fakes/server.js'
import {TOKEN, tricircleClient} from './helpers.js'

const POD = '81bb1e4a-7c63-4f5d-9f0b-3b1f0e5d2c11'
const PROJECT = '1208b36b21ad400bae5b76d849dfaba5'
const JOB_ID = '2fa66938-ca74-453d-9caa-d40abbe7007e'

function job(over: Partial<Job> = {}): Job {
  return {
    id: JOB_ID,
    project_id: PROJECT,
    type: 'update_network',
    timestamp: '2026-11-23 05:29:02',
    status: 'NEW',
    resource: {pod_id: POD, network_id: 'net-1'},
    ...over,
  }
}

describe('tricircle jobs: the resource sent', () => {
  it('only the options given: never a null for one left out (python sends null and gets an empty 500)', () => {
    expect(jobResource('update_network', PROJECT, {network_id: 'net-1'})).toEqual({network_id: 'net-1'})
    expect(jobResource('update_network', PROJECT, {network_id: 'net-1', pod_id: undefined})).toEqual({network_id: 'net-1'})
  })

  it('seg_rule_setup and resource_recycle take the project from --project_id', () => {
    expect(jobResource('seg_rule_setup', PROJECT, {})).toEqual({project_id: PROJECT})
    expect(jobResource('resource_recycle', PROJECT, {})).toEqual({project_id: PROJECT})
  })

  it('the qos_* types (unknown to python-tricircleclient) take their own fields', () => {
    expect(jobResource('qos_create', PROJECT, {pod_id: POD, policy_id: 'qp', res_type: 'network', res_id: 'n1'})).toEqual({
      pod_id: POD,
      policy_id: 'qp',
      res_type: 'network',
      res_id: 'n1',
    })
  })
})

describe('tricircle jobs: requests', () => {
  const fakes = fakeServerPool()
  afterEach(() => fakes.verifyAndClose())

  it('create posts {"job": {type, project_id, resource}} with no null in it', async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'POST',
      path: '/v1.0/jobs',
      token: TOKEN,
      json: {job: {type: 'qos_update', project_id: PROJECT, resource: {pod_id: POD, policy_id: 'qp'}}},
      reply: {json: {job: job({type: 'qos_update', resource: {pod_id: POD, policy_id: 'qp'}})}},
    })
    const created = await createJob(tricircleClient(s), {type: 'qos_update', project_id: PROJECT, resource: jobResource('qos_update', PROJECT, {pod_id: POD, policy_id: 'qp'})})
    expect(JSON.stringify(s.received[0].json)).not.toContain('null')
    // Flattening takes the keys the server sent, so a qos_* job shows (python's client crashes here).
    expect(jobShowView(created)).toEqual({
      fields: ['id', 'pod_id', 'policy_id', 'project_id', 'status', 'timestamp', 'type'],
      values: [JOB_ID, POD, 'qp', PROJECT, 'NEW', '2026-11-23 05:29:02', 'qos_update'],
      human: {},
    })
  })

  it("an unknown type: the server's message, plus the valid types", async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'POST',
      path: '/v1.0/jobs',
      token: TOKEN,
      json: {job: {type: 'nope', project_id: PROJECT, resource: {}}},
      reply: {status: 400, json: {badRequest: {message: 'There is no such job type: nope', code: 400}}},
    })
    const err = (await createJob(tricircleClient(s), {type: 'nope', project_id: PROJECT, resource: {}}).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('Tricircle 400: There is no such job type: nope')
    expect(err.actions[0]).toMatch(/^valid job types: configure_route, .*, qos_create, qos_update, qos_delete, sync_qos_rule$/)
  })

  it('list: filters sorted by name; one page with --limit', async () => {
    const s = await fakes.start('tricircle')
    s.on({
      method: 'GET',
      path: '/v1.0/jobs',
      token: TOKEN,
      query: {limit: '1', status: 'new', type: 'update_network'},
      reply: {json: {jobs: [job()], jobs_links: [{rel: 'next', href: `/v1.0/jobs?limit=1&marker=${JOB_ID}`}]}},
    })
    const rows = await listJobs(tricircleClient(s), {type: 'update_network', status: 'new'}, {limit: 1})
    expect(rows.map((j) => j.id)).toEqual([JOB_ID])
  })

  it('list without --limit: a next page that repeats the last one (SQLite timestamp ties) ends the walk without duplicates', async () => {
    const s = await fakes.start('tricircle')
    const a = job({id: 'a'})
    const b = job({id: 'b'})
    s.on({method: 'GET', path: '/v1.0/jobs', token: TOKEN, reply: {json: {jobs: [a, b], jobs_links: [{rel: 'next', href: '/v1.0/jobs?limit=2&marker=b'}]}}})
      .on({method: 'GET', path: '/v1.0/jobs', token: TOKEN, query: {limit: '2', marker: 'b'}, reply: {json: {jobs: [a, b], jobs_links: [{rel: 'next', href: '/v1.0/jobs?limit=2&marker=b'}]}}})
    const rows = await listJobs(tricircleClient(s))
    expect(rows.map((j) => j.id)).toEqual(['a', 'b'])
  })

  it('show, delete (200 {}) and redo (PUT with no body, 200 null)', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: `/v1.0/jobs/${JOB_ID}`, token: TOKEN, reply: {json: {job: job()}}})
      .on({method: 'PUT', path: `/v1.0/jobs/${JOB_ID}`, token: TOKEN, reply: {text: 'null', contentType: 'application/json'}})
      .on({method: 'DELETE', path: `/v1.0/jobs/${JOB_ID}`, token: TOKEN, reply: {json: {}}})
    const c = tricircleClient(s)
    expect((await getJob(c, JOB_ID)).status).toBe('NEW')
    await expect(redoJob(c, JOB_ID)).resolves.toBeUndefined()
    await expect(deleteJob(c, JOB_ID)).resolves.toBeUndefined()
    expect(s.calls('PUT', `/v1.0/jobs/${JOB_ID}`)[0].text).toBe('')
  })

  it('403 for a non-admin carries the admin-role hint', async () => {
    const s = await fakes.start('tricircle')
    s.on({method: 'GET', path: '/v1.0/jobs', token: TOKEN, reply: {status: 403, json: {forbidden: {message: 'Unauthorized to show all jobs', code: 403}}}})
    const err = (await listJobs(tricircleClient(s)).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('Tricircle 403: Unauthorized to show all jobs')
    expect(err.actions).toHaveLength(1)
  })
})

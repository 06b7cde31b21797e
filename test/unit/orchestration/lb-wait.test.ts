import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

import {afterEach, beforeEach, describe, expect, it} from 'vitest'

import {createListener, createMember, deleteMember, getListener, getMember, listListeners, listMembers} from '../../../src/clients/octavia/index.js'
import {ApiError, MrctlError, WaitTimeoutError} from '../../../src/core/errors.js'
import {ServiceClient} from '../../../src/http/service-client.js'
import {Transport} from '../../../src/http/transport.js'
import {
  createUnderLoadBalancer,
  Deadline,
  deleteUnderLoadBalancer,
  MAX_AMBIGUOUS_RETRIES,
  MAX_BUSY_WHILE_ACTIVE,
  runLbMutation,
  waitForLoadBalancerActive,
} from '../../../src/orchestration/lb-wait.js'

// A loopback Octavia per test (gophercloud's testhelper pattern): each test registers the routes
// it expects, with the answers in order; every request is checked (token, JSON body) and logged,
// and a request nobody expected, or an answer left unused, fails the test.

const TOKEN = 'test-token'
const LB = '11111111-1111-4111-8111-111111111111'
const POOL = '22222222-2222-4222-8222-222222222222'
const M_OLD = '33333333-3333-4333-8333-333333333333'
const M_NEW = '44444444-4444-4444-8444-444444444444'
const FAST = {minDelayMs: 2, maxDelayMs: 10}

interface Reply {
  status: number
  body?: unknown
  /** Checks the parsed JSON body of the request. */
  expectBody?: unknown
}

class FakeOctavia {
  readonly log: string[] = []
  readonly problems: string[] = []
  private readonly routes = new Map<string, Reply[]>()
  private server!: Server
  url = ''

  /** `route('POST /v2/lbaas/pools/P/members', reply1, reply2…)`: answers in order, each used once. */
  route(key: string, ...replies: Reply[]): this {
    this.routes.set(key, [...(this.routes.get(key) ?? []), ...replies])
    return this
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({status, body}) => {
        res.writeHead(status, {'Content-Type': 'application/json', 'x-openstack-request-id': `req-${this.log.length}`})
        res.end(body === undefined ? '' : JSON.stringify(body))
      })
    })
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()))
  }

  /** Answers not consumed: the code made fewer calls than the test expected. */
  leftovers(): string[] {
    return [...this.routes.entries()].filter(([, r]) => r.length > 0).map(([k, r]) => `${k} (${r.length} left)`)
  }

  private async handle(req: IncomingMessage): Promise<Reply> {
    const key = `${req.method} ${req.url}`
    this.log.push(key)
    let text = ''
    for await (const chunk of req) text += chunk
    if (req.headers['x-auth-token'] !== TOKEN) this.problems.push(`${key}: X-Auth-Token ${String(req.headers['x-auth-token'])}`)
    const replies = this.routes.get(key)
    const reply = replies?.shift()
    if (!reply) {
      this.problems.push(`unexpected request: ${key}`)
      return {status: 500, body: {faultstring: `unexpected ${key}`}}
    }
    if (reply.expectBody !== undefined) {
      try {
        expect(JSON.parse(text)).toEqual(reply.expectBody)
      } catch {
        this.problems.push(`${key}: body ${text} is not ${JSON.stringify(reply.expectBody)}`)
      }
    }
    return reply
  }
}

const lb = (status: string) => ({status: 200, body: {loadbalancer: {id: LB, name: 'lb1', provisioning_status: status}}})
const member = (id: string, status: string, address = '10.0.0.5') => ({
  id,
  name: '',
  address,
  protocol_port: 80,
  provisioning_status: status,
  operating_status: 'NO_MONITOR',
})
const members = (...list: unknown[]) => ({status: 200, body: {members: list, members_links: []}})
const immutable = {status: 409, body: {faultcode: 'Client', faultstring: `Load Balancer ${LB} is immutable and cannot be updated.`, debuginfo: null}}
const pendingState = {status: 409, body: {faultcode: 'Client', faultstring: `Invalid state PENDING_UPDATE of loadbalancer resource ${LB}`, debuginfo: null}}

const MEMBERS = `/v2/lbaas/pools/${POOL}/members`
const MEMBER_QUERY = `${MEMBERS}?address=10.0.0.5&protocol_port=80`
const LB_PATH = `/v2/lbaas/loadbalancers/${LB}`
const BODY = {member: {address: '10.0.0.5', protocol_port: 80}}

let fake: FakeOctavia
let c: ServiceClient

beforeEach(async () => {
  fake = new FakeOctavia()
  await fake.start()
  const transport = new Transport({requestTimeoutMs: 5000, retries: 0, insecure: false, userAgent: 'mrctl-test'})
  c = new ServiceClient(transport, 'Octavia', 'load-balancer', 'RegionOne', `${fake.url}/v2`, {
    token: async () => TOKEN,
    refresh: async () => TOKEN,
  })
})

afterEach(async () => {
  await fake.stop()
})

/** The member create of `loadbalancer member create pool1 --address 10.0.0.5 --protocol-port 80 [--wait]`. */
function memberCreate(wait: boolean, deadline = new Deadline(10_000)) {
  return createUnderLoadBalancer(c, {
    lbId: LB,
    wait,
    deadline,
    what: 'member',
    create: () => createMember(c, POOL, {address: '10.0.0.5', protocol_port: 80}),
    candidates: async () => (await listMembers(c, POOL, {address: '10.0.0.5', protocol_port: 80})).filter((m) => m.address === '10.0.0.5'),
    refetch: (id) => getMember(c, POOL, id),
    timing: FAST,
  })
}

function expectClean(): void {
  expect(fake.problems).toEqual([])
  expect(fake.leftovers()).toEqual([])
}

describe('lb-wait: 409 while the load balancer is PENDING_*', () => {
  it('under --wait, waits for ACTIVE, finds no member made, retries the POST once, then waits and fetches the member', async () => {
    fake
      .route(`GET ${MEMBER_QUERY}`, members(), members())
      .route(`POST ${MEMBERS}`, {...immutable, expectBody: BODY}, {status: 201, body: {member: member(M_NEW, 'PENDING_CREATE')}, expectBody: BODY})
      .route(`GET ${LB_PATH}`, lb('PENDING_UPDATE'), lb('PENDING_UPDATE'), lb('ACTIVE'), lb('PENDING_UPDATE'), lb('ACTIVE'))
      .route(`GET ${MEMBERS}/${M_NEW}`, {status: 200, body: {member: member(M_NEW, 'ACTIVE')}})
    const res = await memberCreate(true)
    expect(res.adopted).toBe(false)
    expect(res.value).toMatchObject({id: M_NEW, provisioning_status: 'ACTIVE'})
    expect(fake.log).toEqual([
      `GET ${MEMBER_QUERY}`, // what exists before the first attempt
      `POST ${MEMBERS}`, // 409 immutable
      `GET ${LB_PATH}`,
      `GET ${LB_PATH}`,
      `GET ${LB_PATH}`, // ACTIVE
      `GET ${MEMBER_QUERY}`, // not made after all
      `POST ${MEMBERS}`, // the retry
      `GET ${LB_PATH}`,
      `GET ${LB_PATH}`, // ACTIVE again
      `GET ${MEMBERS}/${M_NEW}`,
    ])
    expectClean()
  })

  it('takes "Invalid state PENDING_UPDATE of loadbalancer resource" as busy too', async () => {
    fake.route(`DELETE ${MEMBERS}/${M_OLD}`, pendingState, {status: 204}).route(`GET ${LB_PATH}`, lb('ACTIVE'))
    const res = await runLbMutation(c, {
      lbId: LB,
      retry: true,
      deadline: new Deadline(10_000),
      call: () => deleteMember(c, POOL, M_OLD),
      goneIsDone: true,
      timing: FAST,
    })
    expect(res).toMatchObject({attempts: 2, adopted: false})
    expect(fake.log).toEqual([`DELETE ${MEMBERS}/${M_OLD}`, `GET ${LB_PATH}`, `DELETE ${MEMBERS}/${M_OLD}`])
    expectClean()
  })

  it('adopts the member that a failed attempt made after all, instead of posting a duplicate', async () => {
    fake
      .route(`GET ${MEMBER_QUERY}`, members(member(M_OLD, 'ACTIVE', '10.0.0.5')), members(member(M_OLD, 'ACTIVE'), member(M_NEW, 'PENDING_CREATE')))
      .route(`POST ${MEMBERS}`, {status: 500, body: {faultstring: 'Internal Server Error'}, expectBody: BODY})
      .route(`GET ${LB_PATH}`, lb('PENDING_UPDATE'), lb('ACTIVE'), lb('ACTIVE'))
      .route(`GET ${MEMBERS}/${M_NEW}`, {status: 200, body: {member: member(M_NEW, 'ACTIVE')}})
    const res = await memberCreate(true)
    expect(res.adopted).toBe(true)
    expect(res.value.id).toBe(M_NEW)
    expect(fake.log.filter((l) => l.startsWith('POST'))).toHaveLength(1)
    expectClean()
  })

  it('does not adopt a member that was there before: the retry goes out and its duplicate error is shown', async () => {
    const duplicate = {status: 409, body: {faultcode: 'Client', faultstring: 'Duplicate member: address 10.0.0.5 port 80 in pool', debuginfo: null}}
    fake
      .route(`GET ${MEMBER_QUERY}`, members(member(M_OLD, 'ACTIVE')), members(member(M_OLD, 'ACTIVE')))
      .route(`POST ${MEMBERS}`, immutable, duplicate)
      .route(`GET ${LB_PATH}`, lb('ACTIVE'))
    const err = await memberCreate(true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).status).toBe(409)
    expect((err as ApiError).message).toMatch(/^Octavia 409: Duplicate member/)
    expect(fake.log.filter((l) => l.startsWith('POST'))).toHaveLength(2)
    expectClean()
  })

  it('without --wait, a busy 409 fails at once with a hint, and nothing else is sent', async () => {
    fake.route(`POST ${MEMBERS}`, immutable)
    const err = await memberCreate(false).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe(`Octavia 409: Load Balancer ${LB} is immutable and cannot be updated. (request req-1)`)
    expect((err as ApiError).exitCode).toBe(1)
    expect((err as ApiError).actions.join('\n')).toMatch(/--wait/)
    expect(fake.log).toEqual([`POST ${MEMBERS}`])
    expectClean()
  })

  it('a 409 that is not about a busy load balancer is not retried, even under --wait', async () => {
    const inUse = {status: 409, body: {faultcode: 'Client', faultstring: 'Another Listener on this Load Balancer is already using protocol_port 80', debuginfo: null}}
    fake
      .route(`GET /v2/lbaas/listeners?loadbalancer_id=${LB}&protocol_port=80`, {status: 200, body: {listeners: [], listeners_links: []}})
      .route('POST /v2/lbaas/listeners', {...inUse, expectBody: {listener: {loadbalancer_id: LB, protocol: 'HTTP', protocol_port: 80}}})
    const err = await createUnderLoadBalancer(c, {
      lbId: LB,
      wait: true,
      deadline: new Deadline(10_000),
      what: 'listener',
      create: () => createListener(c, {loadbalancer_id: LB, protocol: 'HTTP', protocol_port: 80}),
      candidates: () => listListeners(c, {loadbalancer_id: LB, protocol_port: 80}),
      refetch: (id) => getListener(c, id),
      timing: FAST,
    }).catch((e: unknown) => e)
    expect((err as ApiError).message).toMatch(/already using protocol_port 80/)
    expect(fake.log.filter((l) => l.startsWith('POST'))).toHaveLength(1)
    expectClean()
  })

  it('gives up on 5xx after MAX_AMBIGUOUS_RETRIES retries, checking for the member before each', async () => {
    const boom = {status: 500, body: {faultstring: 'boom'}}
    const n = MAX_AMBIGUOUS_RETRIES + 1
    fake
      .route(`GET ${MEMBER_QUERY}`, ...Array.from({length: n}, () => members()))
      .route(`POST ${MEMBERS}`, ...Array.from({length: n}, () => boom))
      .route(`GET ${LB_PATH}`, ...Array.from({length: n - 1}, () => lb('ACTIVE')))
    const err = await memberCreate(true).catch((e: unknown) => e)
    expect((err as ApiError).status).toBe(500)
    expect(fake.log.filter((l) => l.startsWith('POST'))).toHaveLength(n)
    expectClean()
  })

  it('stops retrying a busy 409 that persists while the load balancer is already ACTIVE', async () => {
    const n = MAX_BUSY_WHILE_ACTIVE + 1
    fake
      .route(`GET ${MEMBER_QUERY}`, ...Array.from({length: n}, () => members()))
      .route(`POST ${MEMBERS}`, ...Array.from({length: n}, () => immutable))
      .route(`GET ${LB_PATH}`, ...Array.from({length: n}, () => lb('ACTIVE')))
    const err = await memberCreate(true).catch((e: unknown) => e)
    expect((err as ApiError).status).toBe(409)
    expect(fake.log.filter((l) => l.startsWith('POST'))).toHaveLength(n)
    expectClean()
  })

  it('a load balancer that goes to ERROR while we wait fails with exit 1 and no retry', async () => {
    fake.route(`GET ${MEMBER_QUERY}`, members()).route(`POST ${MEMBERS}`, immutable).route(`GET ${LB_PATH}`, lb('PENDING_UPDATE'), lb('ERROR'))
    const err = await memberCreate(true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MrctlError)
    expect(err).not.toBeInstanceOf(WaitTimeoutError)
    expect((err as MrctlError).exitCode).toBe(1)
    expect((err as MrctlError).message).toMatch(new RegExp(`load balancer ${LB} went to provisioning_status ERROR`))
    expect(fake.log.filter((l) => l.startsWith('POST'))).toHaveLength(1)
    expectClean()
  })

  it('runs out of time with exit 4, naming the last provisioning_status', async () => {
    // A load balancer that never leaves PENDING_UPDATE: answer every poll the same way.
    const many = Array.from({length: 500}, () => lb('PENDING_UPDATE'))
    fake.route(`GET ${LB_PATH}`, ...many)
    const err = await waitForLoadBalancerActive(c, LB, new Deadline(150), {...FAST, context: 'member 9 was created'}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WaitTimeoutError)
    expect((err as WaitTimeoutError).exitCode).toBe(4)
    expect((err as Error).message).toBe(
      `member 9 was created, but timed out after 0.15 s waiting for load balancer ${LB} to become ACTIVE (last provisioning_status: PENDING_UPDATE)`,
    )
    expect(fake.log.length).toBeGreaterThan(1)
    expect(fake.problems).toEqual([])
  })
})

describe('lb-wait: deletes', () => {
  it('under --wait, retries a busy delete, takes a 404 on the retry as gone, then waits for the LB', async () => {
    fake
      .route(`DELETE ${MEMBERS}/${M_OLD}`, immutable, {status: 404, body: {faultstring: `Member ${M_OLD} not found.`}})
      .route(`GET ${LB_PATH}`, lb('PENDING_UPDATE'), lb('ACTIVE'), lb('ACTIVE'))
      .route(`GET ${MEMBERS}/${M_OLD}`, {status: 404, body: {faultstring: `Member ${M_OLD} not found.`}})
    await deleteUnderLoadBalancer(c, {
      lbId: LB,
      wait: true,
      deadline: new Deadline(10_000),
      what: `member ${M_OLD}`,
      del: () => deleteMember(c, POOL, M_OLD),
      get: () => getMember(c, POOL, M_OLD),
      timing: FAST,
    })
    expect(fake.log).toEqual([
      `DELETE ${MEMBERS}/${M_OLD}`,
      `GET ${LB_PATH}`,
      `GET ${LB_PATH}`,
      `DELETE ${MEMBERS}/${M_OLD}`,
      `GET ${MEMBERS}/${M_OLD}`,
      `GET ${LB_PATH}`,
    ])
    expectClean()
  })

  it('waits until the object is gone: PENDING_DELETE, then 404', async () => {
    fake
      .route(`DELETE ${MEMBERS}/${M_OLD}`, {status: 204})
      .route(`GET ${MEMBERS}/${M_OLD}`, {status: 200, body: {member: member(M_OLD, 'PENDING_DELETE')}}, {status: 404, body: {faultstring: 'gone'}})
      .route(`GET ${LB_PATH}`, lb('ACTIVE'))
    await deleteUnderLoadBalancer(c, {
      lbId: LB,
      wait: true,
      deadline: new Deadline(10_000),
      what: `member ${M_OLD}`,
      del: () => deleteMember(c, POOL, M_OLD),
      get: () => getMember(c, POOL, M_OLD),
      timing: FAST,
    })
    expect(fake.log).toEqual([`DELETE ${MEMBERS}/${M_OLD}`, `GET ${MEMBERS}/${M_OLD}`, `GET ${MEMBERS}/${M_OLD}`, `GET ${LB_PATH}`])
    expectClean()
  })

  it('a 404 on the first delete is an error (nothing was there), not success', async () => {
    fake.route(`DELETE ${MEMBERS}/${M_OLD}`, {status: 404, body: {faultstring: `Member ${M_OLD} not found.`}})
    const err = await deleteUnderLoadBalancer(c, {
      lbId: LB,
      wait: true,
      deadline: new Deadline(10_000),
      what: `member ${M_OLD}`,
      del: () => deleteMember(c, POOL, M_OLD),
      get: () => getMember(c, POOL, M_OLD),
      timing: FAST,
    }).catch((e: unknown) => e)
    expect((err as ApiError).status).toBe(404)
    expectClean()
  })
})

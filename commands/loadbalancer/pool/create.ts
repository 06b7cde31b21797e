import {Flags} from '@oclif/core'

import {parseKeyValues} from '../../../src/core/key-values.js'
import {ApiCommand} from '../../../src/cli/api-command.js'
import {enableDisableFlags, showOutputFlags, tagSetFlags} from '../../../src/cli/flags.js'

const PROTOCOLS = ['TCP', 'HTTP', 'HTTPS', 'TERMINATED_HTTPS', 'PROXY', 'PROXYV2', 'UDP', 'SCTP']
const ALGORITHMS = ['SOURCE_IP', 'ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP_PORT']
/** argparse's `choices` with `type=str.upper`: case-insensitive. */
const choice = (options: string[]) => async (s: string) => {
  const v = s.toUpperCase()
  if (!options.includes(v)) throw new Error(`invalid choice: '${s}' (choose from ${options.join(', ')})`)
  return v
}

export default class LoadbalancerPoolCreate extends ApiCommand<typeof LoadbalancerPoolCreate> {
  static override summary = 'Create a pool'
  static override examples = [
    '<%= config.bin %> loadbalancer pool create --os-region-name RegionOne --name pool1 --lb-algorithm ROUND_ROBIN --listener listener1 --protocol HTTP --wait',
    '<%= config.bin %> loadbalancer pool create --os-region-name RegionOne --lb-algorithm SOURCE_IP --loadbalancer lb1 --protocol TCP',
  ]
  static override flags = {
    ...showOutputFlags,
    name: Flags.string({description: 'Set pool name'}),
    description: Flags.string({description: 'Set pool description'}),
    protocol: Flags.custom<string>({description: `Set the pool protocol (${PROTOCOLS.join(', ')})`, required: true, parse: choice(PROTOCOLS)})(),
    listener: Flags.string({description: 'Listener to add the pool to (name or ID)', exactlyOne: ['listener', 'loadbalancer']}),
    loadbalancer: Flags.string({description: 'Load balancer to add the pool to (name or ID)', exactlyOne: ['listener', 'loadbalancer']}),
    'session-persistence': Flags.string({description: 'Set the session persistence for the listener (key=value)'}),
    'lb-algorithm': Flags.custom<string>({description: `Load balancing algorithm to use (${ALGORITHMS.join(', ')})`, required: true, parse: choice(ALGORITHMS)})(),
    ...enableDisableFlags('pool', 'create'),
    ...tagSetFlags('pool', 'create'),
    wait: Flags.boolean({description: 'Wait for the load balancer to be ACTIVE; a busy load balancer is waited for and the create retried'}),
  }

  async run() {
    const [octavia, {Deadline, createUnderLoadBalancer}, {poolShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    const persistence = f['session-persistence'] === undefined ? undefined : parseKeyValues('--session-persistence', f['session-persistence'])
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const listener = f.listener === undefined ? undefined : await octavia.findListener(c, f.listener)
    const lbId = listener ? listener.loadbalancers[0]?.id ?? '' : (await octavia.findLoadBalancer(c, f.loadbalancer!)).id
    const body = {
      protocol: f.protocol,
      lb_algorithm: f['lb-algorithm'],
      listener_id: listener?.id,
      loadbalancer_id: listener ? undefined : lbId,
      name: f.name,
      description: f.description,
      session_persistence: persistence,
      admin_state_up: !f.disable,
      tags: f.tag ?? (f['no-tag'] ? [] : undefined),
    }
    // What a retried create would duplicate: the listener's pool (a listener has one default
    // pool), or a pool of this load balancer with the same name. Without either, nothing to adopt.
    const candidates =
      listener || f.name !== undefined
        ? async () =>
            (await octavia.listPools(c, {loadbalancer_id: lbId})).filter((p) =>
              listener ? p.listeners.some((l) => l.id === listener.id) : p.name === f.name,
            )
        : undefined
    const {value} = await createUnderLoadBalancer(c, {
      lbId,
      wait: f.wait,
      deadline,
      what: 'pool',
      create: () => octavia.createPool(c, body),
      candidates,
      refetch: (id) => octavia.getPool(c, id),
      onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lbId} to become ACTIVE, then retrying`),
      timing: this.lbTiming(),
    })
    const view = poolShowView(value)
    return this.printShow(view.fields, view.values, view.human)
  }
}

import {Args, Flags} from '@oclif/core'

import {parseKeyValues} from '../../../src/core/key-values.js'
import {ApiCommand} from '../../../src/cli/api-command.js'
import {enableDisableFlags, showOutputFlags, tagSetFlags} from '../../../src/cli/flags.js'

const PROTOCOLS = ['TCP', 'HTTP', 'HTTPS', 'TERMINATED_HTTPS', 'UDP', 'SCTP', 'PROMETHEUS']
/** argparse's `choices` with `type=str.upper`: case-insensitive. */
const choice = (options: string[]) => async (s: string) => {
  const v = s.toUpperCase()
  if (!options.includes(v)) throw new Error(`invalid choice: '${s}' (choose from ${options.join(', ')})`)
  return v
}

export default class LoadbalancerListenerCreate extends ApiCommand<typeof LoadbalancerListenerCreate> {
  static override summary = 'Create a listener'
  static override examples = [
    '<%= config.bin %> loadbalancer listener create lb1 --os-region-name RegionOne --name listener1 --protocol HTTP --protocol-port 80 --wait',
  ]
  static override args = {loadbalancer: Args.string({description: 'Load balancer for the listener (name or ID)', required: true})}
  static override flags = {
    ...showOutputFlags,
    name: Flags.string({description: 'Set the listener name'}),
    description: Flags.string({description: 'Set the description of this listener'}),
    protocol: Flags.custom<string>({description: `The protocol for the listener (${PROTOCOLS.join(', ')})`, required: true, parse: choice(PROTOCOLS)})(),
    'protocol-port': Flags.integer({description: 'Set the protocol port number for the listener', required: true}),
    'connection-limit': Flags.integer({description: 'Set the maximum number of connections permitted for this listener'}),
    'default-pool': Flags.string({description: 'Set the name or ID of the pool used by the listener if no L7 policies match'}),
    'insert-headers': Flags.string({description: 'A dictionary of optional headers to insert into the request: <header=value,...>'}),
    'timeout-client-data': Flags.integer({description: 'Frontend client inactivity timeout in milliseconds'}),
    'timeout-member-connect': Flags.integer({description: 'Backend member connection timeout in milliseconds'}),
    'timeout-member-data': Flags.integer({description: 'Backend member inactivity timeout in milliseconds'}),
    'timeout-tcp-inspect': Flags.integer({description: 'Time, in milliseconds, to wait for additional TCP packets for content inspection'}),
    'allowed-cidr': Flags.string({description: 'CIDR to allow access to the listener (repeatable)', multiple: true}),
    ...enableDisableFlags('listener', 'create'),
    ...tagSetFlags('listener', 'create'),
    wait: Flags.boolean({description: 'Wait for the load balancer to be ACTIVE; a busy load balancer is waited for and the create retried'}),
  }

  async run() {
    const [octavia, {Deadline, createUnderLoadBalancer}, {listenerShowView}] = await Promise.all([
      import('../../../src/clients/octavia/index.js'),
      import('../../../src/orchestration/lb-wait.js'),
      import('../../../src/views/loadbalancer.js'),
    ])
    const f = this.flags
    octavia.checkPort(f['protocol-port'], 'protocol-port')
    const insertHeaders = f['insert-headers'] === undefined ? undefined : parseKeyValues('--insert-headers', f['insert-headers'])
    const deadline = new Deadline(this.waitTimeoutMs())
    const c = await (await this.session()).client('load-balancer')
    const lb = await octavia.findLoadBalancer(c, this.args.loadbalancer)
    const defaultPool = f['default-pool'] === undefined ? undefined : (await octavia.findPool(c, f['default-pool'])).id
    const body = {
      loadbalancer_id: lb.id,
      protocol: f.protocol,
      protocol_port: f['protocol-port'],
      name: f.name,
      description: f.description,
      connection_limit: f['connection-limit'],
      default_pool_id: defaultPool,
      insert_headers: insertHeaders,
      timeout_client_data: f['timeout-client-data'],
      timeout_member_connect: f['timeout-member-connect'],
      timeout_member_data: f['timeout-member-data'],
      timeout_tcp_inspect: f['timeout-tcp-inspect'],
      allowed_cidrs: f['allowed-cidr'],
      admin_state_up: !f.disable,
      tags: f.tag ?? (f['no-tag'] ? [] : undefined),
    }
    const {value} = await createUnderLoadBalancer(c, {
      lbId: lb.id,
      wait: f.wait,
      deadline,
      what: 'listener',
      create: () => octavia.createListener(c, body),
      // One listener per protocol and port on a load balancer: a second one is a duplicate.
      candidates: async () =>
        (await octavia.listListeners(c, {loadbalancer_id: lb.id, protocol_port: body.protocol_port})).filter(
          (l) => l.protocol_port === body.protocol_port && l.protocol === body.protocol,
        ),
      refetch: (id) => octavia.getListener(c, id),
      onRetry: (reason) => this.warn(`${reason}; waiting for load balancer ${lb.id} to become ACTIVE, then retrying`),
      timing: this.lbTiming(),
    })
    const view = listenerShowView(value)
    return this.printShow(view.fields, view.values, view.human)
  }
}

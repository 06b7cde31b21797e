import {Flags} from '@oclif/core'

import {TricircleCommand} from '../../../../src/cli/tricircle-command.js'
import {showOutputFlags} from '../../../../src/cli/flags.js'
import {JOB_TYPE_NAMES, JOB_TYPES} from '../../../../src/clients/tricircle/jobs.js'

const resourceFlag = (name: string, description: string) =>
  Flags.string({description, helpValue: `<${name}>`, aliases: [name.replaceAll('_', '-')]})

export default class JobCreate extends TricircleCommand<typeof JobCreate> {
  static override summary = 'Create an asynchronous job'
  static override description = `Give the resource options the job type needs (its schema):
${JOB_TYPE_NAMES.map((t) => `  ${t}: ${JOB_TYPES[t].map((f) => (f === 'project_id' ? '(the --project_id)' : `--${f}`)).join(' ')}`).join('\n')}
Only the options given are sent; the server names a missing or extra one. Options are spelt with
underscores as in python-tricircleclient; the dashed spellings (--project-id, --pod-id…) work too.`
  static override examples = [
    '<%= config.bin %> multiregion networking job create --type update_network --project_id <project-id> --pod_id <pod-id> --network_id <net-id>',
    '<%= config.bin %> multiregion networking job create --type seg_rule_setup --project_id <project-id>',
  ]
  static override flags = {
    ...showOutputFlags,
    type: Flags.string({description: `Job type: ${JOB_TYPE_NAMES.join(', ')}`, helpValue: '<type>', required: true}),
    project_id: Flags.string({description: 'ID of the project the job is for (also --project-id)', helpValue: '<project_id>', aliases: ['project-id'], required: true}),
    router_id: resourceFlag('router_id', 'Router ID (configure_route, router_setup)'),
    network_id: resourceFlag('network_id', 'Network ID (router_setup, update_network, shadow_port_setup, sfc_sync)'),
    pod_id: resourceFlag('pod_id', 'Pod ID'),
    port_id: resourceFlag('port_id', 'Port ID (port_delete)'),
    trunk_id: resourceFlag('trunk_id', 'Trunk ID (trunk_sync)'),
    subnet_id: resourceFlag('subnet_id', 'Subnet ID (subnet_update)'),
    portchain_id: resourceFlag('portchain_id', 'Port chain ID (sfc_sync)'),
    policy_id: resourceFlag('policy_id', 'QoS policy ID (qos_create, qos_update, qos_delete, sync_qos_rule)'),
    res_type: resourceFlag('res_type', 'Type of the resource the QoS policy applies to (qos_create)'),
    res_id: resourceFlag('res_id', 'ID of the resource the QoS policy applies to (qos_create)'),
    rule_id: resourceFlag('rule_id', 'QoS rule ID (sync_qos_rule)'),
  }

  async run() {
    const [{createJob, jobResource}, {jobShowView}] = await Promise.all([
      import('../../../../src/clients/tricircle/index.js'),
      import('../../../../src/views/tricircle.js'),
    ])
    const f = this.flags
    const resource = jobResource(f.type, f.project_id, {
      router_id: f.router_id,
      network_id: f.network_id,
      pod_id: f.pod_id,
      port_id: f.port_id,
      trunk_id: f.trunk_id,
      subnet_id: f.subnet_id,
      portchain_id: f.portchain_id,
      policy_id: f.policy_id,
      res_type: f.res_type,
      res_id: f.res_id,
      rule_id: f.rule_id,
    })
    const c = await this.tricircle()
    const v = jobShowView(await createJob(c, {type: f.type, project_id: f.project_id, resource}))
    return this.printShow(v.fields, v.values)
  }
}

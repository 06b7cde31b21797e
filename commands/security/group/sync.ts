import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../../src/cli/api-command.js'
import {listOutputFlags, projectFlag} from '../../../src/cli/flags.js'
import {MrctlError, UsageError} from '../../../src/core/errors.js'
import {ExitCode} from '../../../src/core/exit-codes.js'

export default class SecurityGroupSync extends ApiCommand<typeof SecurityGroupSync> {
  static override summary = 'Copy a security group and its rules from one region to others'
  static override description =
    'Creates the group where it is missing and adds each rule the target lacks, matching rules by what they allow ' +
    '(direction, ethertype, protocol, ports, remote prefix or group), never by ID. A rule whose remote is a group ' +
    'is mapped to the same-named group of the target; a referenced group missing there is created with its own ' +
    'rules. --prune also removes the rules of the group that the source does not have. Re-running changes ' +
    'nothing. Everything is read and checked before the first change; with --dry-run nothing is changed. A ' +
    'target that fails is reported and the others go on (exit 3).'
  static override examples = [
    '<%= config.bin %> security group sync web --from CentralRegion --to RegionOne --to RegionTwo',
    '<%= config.bin %> security group sync web --from CentralRegion --all-regions --prune --dry-run',
  ]
  static override args = {group: Args.string({description: 'Security group to copy (name or ID, in --from)', required: true})}
  static override flags = {
    ...listOutputFlags,
    from: Flags.string({description: 'Region to copy from', required: true}),
    to: Flags.string({description: 'Region to copy to (repeatable)', multiple: true, multipleNonGreedy: true, exclusive: ['all-regions']}),
    'all-regions': Flags.boolean({description: 'Copy to every other region with a network endpoint', exclusive: ['to']}),
    prune: Flags.boolean({description: "Remove the group's rules that the source does not have"}),
    'dry-run': Flags.boolean({description: 'Show what would change; change nothing'}),
    ...projectFlag("Project whose group it is (name or ID); default: the token's project"),
  }

  async run() {
    const [{syncSecurityGroup}, {checkRegions, serviceRegions}, {projectScope}, {secgroupSyncView}] = await Promise.all([
      import('../../../src/orchestration/secgroup-sync.js'),
      import('../../../src/orchestration/region-targets.js'),
      import('../../../src/orchestration/project-scope.js'),
      import('../../../src/views/secgroup-sync.js'),
    ])
    const f = this.flags
    if (!f.to?.length && !f['all-regions']) throw new UsageError('name the target regions: --to REGION (repeatable) or --all-regions')
    if (f.to?.includes(f.from)) throw new UsageError(`--to ${f.from} is also --from: a group is not copied onto itself`)
    const session = await this.session()
    await checkRegions(session, [f.from], '--from')
    await checkRegions(session, f.to ?? [], '--to')
    const to = f['all-regions'] ? (await serviceRegions(session, 'network')).filter((r) => r !== f.from) : [...new Set(f.to)]
    if (to.length === 0) throw new UsageError(`no other region than ${f.from} offers the network service`)
    const [project, token] = await Promise.all([projectScope(session, f.project), session.tokenData()])
    const res = await syncSecurityGroup(session, {
      from: f.from,
      to,
      group: this.args.group,
      projectId: project.id,
      ownProject: token.projectId ?? project.id,
      prune: f.prune,
      dryRun: f['dry-run'],
    })
    for (const t of res.targets) for (const s of t.plan?.skipped ?? []) this.warn(`${t.region}: not copied: ${s}`)
    const v = secgroupSyncView(res.targets, f['dry-run'])
    const rows = await this.printList(v.headers, v.rows, v.human)
    const failed = res.targets.filter((t) => t.error)
    if (failed.length) {
      for (const t of failed) this.warn(`${t.region}: ${t.error!.message}`)
      throw new MrctlError(`${failed.length} of ${res.targets.length} regions failed to sync security group ${res.source.name}.`, {
        exitCode: failed.length < res.targets.length ? ExitCode.Partial : ExitCode.Error,
        data: {targets: rows},
      })
    }
    return rows
  }
}

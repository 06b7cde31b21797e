import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'
import {MrctlError, UsageError} from '../../src/core/errors.js'
import {ExitCode} from '../../src/core/exit-codes.js'

export default class KeypairSync extends ApiCommand<typeof KeypairSync> {
  static override summary = 'Copy a keypair (its public key) from one region to others'
  static override description =
    "Reads the keypair from the source region's Nova (`os-keypairs`) and imports its public key under the same " +
    'name in each target. A target that already has the same key is left alone; one with another key under that ' +
    'name is a failure unless --force replaces it. Regions without a compute endpoint are skipped and named, not ' +
    'a failure. Keypairs belong to the user: the key is copied for the user of the token.'
  static override examples = [
    '<%= config.bin %> keypair sync mykey --from RegionOne --to RegionTwo',
    '<%= config.bin %> keypair sync mykey --from RegionOne --all-regions --dry-run',
  ]
  static override args = {name: Args.string({description: 'Keypair name (in --from)', required: true})}
  static override flags = {
    ...listOutputFlags,
    from: Flags.string({description: 'Region to copy from', required: true}),
    to: Flags.string({description: 'Region to copy to (repeatable)', multiple: true, multipleNonGreedy: true, exclusive: ['all-regions']}),
    'all-regions': Flags.boolean({description: 'Copy to every other region of the cloud', exclusive: ['to']}),
    force: Flags.boolean({description: 'Replace a keypair of the same name that holds another key'}),
    'dry-run': Flags.boolean({description: 'Show what would change; change nothing'}),
  }

  async run() {
    const [{syncKeypair}, {checkRegions, cloudRegions}] = await Promise.all([
      import('../../src/orchestration/keypair-sync.js'),
      import('../../src/orchestration/region-targets.js'),
    ])
    const f = this.flags
    if (!f.to?.length && !f['all-regions']) throw new UsageError('name the target regions: --to REGION (repeatable) or --all-regions')
    if (f.to?.includes(f.from)) throw new UsageError(`--to ${f.from} is also --from: a keypair is not copied onto itself`)
    const session = await this.session()
    await checkRegions(session, [f.from], '--from')
    await checkRegions(session, f.to ?? [], '--to')
    const to = f['all-regions'] ? (await cloudRegions(session)).filter((r) => r !== f.from) : [...new Set(f.to)]
    const res = await syncKeypair(session, {name: this.args.name, from: f.from, to, force: f.force, dryRun: f['dry-run']})
    const skipped = res.targets.filter((t) => t.outcome === 'skipped')
    if (skipped.length) this.warn(`skipped (no compute endpoint): ${skipped.map((t) => t.region).join(', ')}`)
    const rows = await this.printList(
      ['Region', 'Result', 'Reason'],
      res.targets.map((t) => [t.region, t.outcome, t.reason ?? '']),
    )
    const failed = res.targets.filter((t) => t.error)
    if (failed.length) {
      const tried = res.targets.length - skipped.length
      throw new MrctlError(`${failed.length} of ${tried} regions failed to sync keypair ${this.args.name}.`, {
        exitCode: failed.length < tried ? ExitCode.Partial : ExitCode.Error,
        actions: [...new Set(failed.flatMap((t) => (t.error as MrctlError).actions ?? []))],
        data: {targets: rows},
      })
    }
    return rows
  }
}

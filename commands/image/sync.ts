import {Args, Flags} from '@oclif/core'

import {ApiCommand} from '../../src/cli/api-command.js'
import {listOutputFlags} from '../../src/cli/flags.js'
import {UsageError} from '../../src/core/errors.js'

export default class ImageSync extends ApiCommand<typeof ImageSync> {
  static override summary = 'Copy an image from one region’s Glance to others'
  static override description =
    'The image is found by name or ID in --from, read once and streamed to every target region at the same time (no temporary ' +
    'file, constant memory), each copy checked against the source checksum at the end (a copy that does not match is deleted). ' +
    'A target that has an image of the same name with the same checksum is skipped; one with the name and other data is refused. ' +
    'With --server-side, a target Glance that advertises the glance-download import method fetches the image itself. ' +
    '--dry-run shows what would be done. Exit 3 when some targets failed, 1 when all did.'
  static override examples = [
    '<%= config.bin %> image sync container_cirros --from RegionOne --to RegionTwo',
    '<%= config.bin %> image sync container_cirros --from RegionOne --all-regions --dry-run',
  ]
  static override args = {image: Args.string({description: 'Image to copy (name or ID in the source region)', required: true})}
  static override flags = {
    ...listOutputFlags,
    from: Flags.string({description: 'Region to copy from', required: true, helpValue: '<region>'}),
    to: Flags.string({description: 'Region to copy to (repeatable)', multiple: true, multipleNonGreedy: true, helpValue: '<region>', exclusive: ['all-regions']}),
    'all-regions': Flags.boolean({description: 'Copy to every other region of the cloud that has Glance', exclusive: ['to']}),
    'dry-run': Flags.boolean({description: 'Show what would be copied or skipped; change nothing'}),
    'server-side': Flags.boolean({description: 'Let a target Glance fetch the image itself when it offers glance-download'}),
  }

  async run() {
    const [sync, {canAnimate}] = await Promise.all([import('../../src/orchestration/image-sync.js'), import('../../src/cli/tty.js')])
    const f = this.flags
    if (!f.to?.length && !f['all-regions']) throw new UsageError('name the target regions with --to REGION (repeatable), or use --all-regions')
    const session = await this.session()
    await session.tokenData()
    const to = f['all-regions'] ? (await session.regionsFor('image')).filter((r) => r !== f.from) : f.to!
    const clients = {image: (r: string) => session.client('image', r)}
    const plan = await sync.planImageSync(clients, this.args.image, f.from, to, {serverSide: f['server-side']})
    const headers = ['Region', 'Action', 'Status', 'Image ID', 'Checksum', 'Seconds', 'Note']
    if (f['dry-run']) {
      const rows = plan.targets.map((t) => [t.region, t.action, 'planned', t.existing?.id ?? '', t.existing ? (sync.checksumOf(t.existing) ?? '') : '', '', t.reason ?? ''])
      await this.printList(headers, rows)
      return plan.targets.map((t) => ({region: t.region, action: t.action, status: 'planned', reason: t.reason, id: t.existing?.id}))
    }
    const active = plan.targets.filter((t) => t.action === 'copy' || t.action === 'server-side').map((t) => t.region)
    const view = active.length && canAnimate(this.jsonEnabled()) ? await (await import('../../src/orchestration/image-sync-view.js')).liveSyncView(active) : undefined
    let results
    try {
      results = await sync.runImageSync(clients, plan, {onProgress: (r, b, t) => view?.progress(r, b, t), timeoutMs: this.waitTimeoutMs()})
      for (const r of results) if (active.includes(r.region)) view?.finish(r.region, r.status === 'done' ? `${r.id} ${(r.checksum ?? '').slice(0, 23)}… (${((r.ms ?? 0) / 1000).toFixed(1)} s)` : (r.error ?? r.status), r.status === 'done')
    } finally {
      await view?.close()
    }
    const note = (r: (typeof results)[number]) => r.error ?? plan.targets.find((t) => t.region === r.region)?.reason ?? ''
    await this.printList(
      headers,
      results.map((r) => [r.region, r.action, r.status, r.id ?? '', r.checksum ?? '', r.ms === undefined ? '' : (r.ms / 1000).toFixed(1), note(r)]),
    )
    const failed = results.filter((r) => r.status === 'failed')
    for (const r of failed) this.warn(`${r.region}: ${r.error}`)
    if (failed.length) process.exitCode = failed.length === results.length ? 1 : 3
    return results
  }
}

import type {Tracked} from '../../src/orchestration/interrupt.js'

import {Args, Flags} from '@oclif/core'

import {parseKeyValueList} from '../../src/core/key-values.js'
import {ApiCommand} from '../../src/cli/api-command.js'
import {showOutputFlags} from '../../src/cli/flags.js'
import {canAnimate} from '../../src/cli/tty.js'
import {CONTAINER_FORMATS, DISK_FORMATS} from '../../src/clients/glance/formats.js'

const VISIBILITY = ['public', 'private', 'community', 'shared'] as const
const others = <T extends string>(all: readonly T[], me: T) => all.filter((v) => v !== me)

export default class ImageCreate extends ApiCommand<typeof ImageCreate> {
  static override summary = 'Create/upload an image'
  static override description =
    'Creates the image record, then streams --file to it (PUT /v2/images/{id}/file) in constant memory, and prints ' +
    'the record as created, before the upload (status "queued"), as `openstack image create` does. The file is ' +
    'checked before anything is created; if the upload fails or is interrupted, the record is deleted. ' +
    'Without --file only the record is created.'
  static override examples = [
    '<%= config.bin %> image create cirros --file cirros.img --disk-format qcow2 --container-format bare --os-region-name RegionOne',
    '<%= config.bin %> image create busybox --file busybox.tar --container-format docker --disk-format raw --progress',
  ]
  static override args = {name: Args.string({description: 'New image name', required: true})}
  static override flags = {
    ...showOutputFlags,
    id: Flags.string({description: 'Image ID to reserve'}),
    'container-format': Flags.string({description: 'Image container format', options: [...CONTAINER_FORMATS], default: 'bare'}),
    'disk-format': Flags.string({description: 'Image disk format', options: [...DISK_FORMATS], default: 'raw'}),
    'min-disk': Flags.integer({description: 'Minimum disk size needed to boot image, in gigabytes', min: 0}),
    'min-ram': Flags.integer({description: 'Minimum RAM size needed to boot image, in megabytes', min: 0}),
    file: Flags.string({description: 'Upload image from local file'}),
    progress: Flags.boolean({description: 'Show upload progress bar (on stderr, when it is a terminal)'}),
    protected: Flags.boolean({description: 'Prevent image from being deleted', exclusive: ['unprotected']}),
    unprotected: Flags.boolean({description: 'Allow image to be deleted (default)', exclusive: ['protected']}),
    public: Flags.boolean({description: 'Image is accessible to the public', exclusive: others(VISIBILITY, 'public')}),
    private: Flags.boolean({description: 'Image is inaccessible to the public', exclusive: others(VISIBILITY, 'private')}),
    community: Flags.boolean({description: 'Image is accessible to the community', exclusive: others(VISIBILITY, 'community')}),
    shared: Flags.boolean({description: 'Image can be shared', exclusive: others(VISIBILITY, 'shared')}),
    property: Flags.string({description: 'Set a property on this image (key=value, repeatable)', multiple: true}),
    tag: Flags.string({description: 'Set a tag on this image (repeatable)', multiple: true}),
  }

  async run() {
    const [glance, {imageShowView, progressLine}] = await Promise.all([
      import('../../src/clients/glance/index.js'),
      import('../../src/views/image.js'),
    ])
    const f = this.flags
    // Bad input fails here, before anything exists on the server.
    const properties = parseKeyValueList('--property', f.property)
    const src = f.file === undefined ? undefined : await glance.openImageFile(f.file)

    const bar = f.progress && src && canAnimate(this.jsonEnabled()) ? progressBar(progressLine) : undefined
    // Until the image is printed, an interrupt says that its record exists; during the upload the
    // first Ctrl-C stops it and deletes the record, a second one stops at once (src/cli/interrupt.ts).
    let left: Tracked | undefined
    let undo: (() => void) | undefined
    try {
      const session = await this.session()
      const c = await session.client('image')
      const image = await glance.createImageWithData(
        c,
        {
          name: this.args.name,
          id: f.id,
          disk_format: f['disk-format'],
          container_format: f['container-format'],
          visibility: VISIBILITY.find((v) => f[v]),
          protected: f.protected ? true : f.unprotected ? false : undefined,
          min_disk: f['min-disk'],
          min_ram: f['min-ram'],
          tags: f.tag,
          properties,
        },
        src,
        {
          signal: this.interrupt.signal,
          onProgress: bar?.update,
          onCreated: (img) => {
            left = this.interrupt.track({
              what: `image ${img.name ? `${img.name} ` : ''}(id ${img.id})`,
              region: c.region || undefined,
              state: img.status,
              remove: `image delete ${img.id}`,
            })
            if (src) undo = this.interrupt.undoesOnAbort(`stopping the upload and deleting image ${img.id}`)
          },
          onDeleted: () => left?.forget(),
        },
      )
      bar?.done()
      left?.forget()
      const view = imageShowView(image)
      return await this.printShow(view.fields, view.values, view.human)
    } catch (error) {
      bar?.done()
      throw error
    } finally {
      undo?.()
      await src?.handle.close().catch(() => undefined)
    }
  }
}

/** A one-line bar on stderr, redrawn at most ten times a second. */
function progressBar(line: (done: number, total: number, elapsedMs: number) => string) {
  const started = performance.now()
  let last = 0
  let shown = false
  let state = {done: 0, total: 0}
  const draw = () => {
    process.stderr.write(`\r${line(state.done, state.total, performance.now() - started)}`)
    shown = true
  }
  return {
    update(done: number, total: number) {
      state = {done, total}
      const now = performance.now()
      if (now - last >= 100 || done === total) {
        last = now
        draw()
      }
    },
    done() {
      if (shown) process.stderr.write('\n')
      shown = false
    },
  }
}

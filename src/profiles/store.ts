import type {CloudEntry} from './cloud-entry.js'

import {SECRET_AUTH_KEYS} from './cloud-entry.js'
import {readYamlFile, toYaml, writePrivateFile} from './files.js'
import {profilesFile} from './paths.js'

export interface ProfilesDocument {
  default?: string
  clouds: Record<string, CloudEntry>
}

/** mrctl's region profiles: a clouds.yaml-shaped file (no secrets in it), written atomically with mode 0600. */
export class ProfileStore {
  constructor(readonly path: string = profilesFile()) {}

  async load(): Promise<ProfilesDocument> {
    const doc = ((await readYamlFile(this.path)) ?? {}) as Partial<ProfilesDocument>
    return {default: doc.default, clouds: doc.clouds ?? {}}
  }

  async save(doc: ProfilesDocument): Promise<void> {
    for (const [name, entry] of Object.entries(doc.clouds)) {
      for (const key of SECRET_AUTH_KEYS) {
        if (entry.auth?.[key]) throw new Error(`refusing to write the ${key} of profile ${name} into ${this.path}`)
      }
    }
    await writePrivateFile(this.path, await toYaml(doc))
  }

  async get(name: string): Promise<CloudEntry | undefined> {
    return (await this.load()).clouds[name]
  }

  async names(): Promise<string[]> {
    return Object.keys((await this.load()).clouds)
  }
}

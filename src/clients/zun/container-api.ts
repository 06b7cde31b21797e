/**
 * What the container commands (`appcontainer run/list/exec/…`) load: the client, containers,
 * their actions and input parsing — not the admin modules (images, hosts, services, quotas,
 * registries) that `index.ts` also re-exports, so a container command starts with less to load.
 */
export * from './client.js'
export * from './containers.js'
export * from './actions.js'
export * from './input.js'

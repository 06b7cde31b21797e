export * from './client.js'
export * from './containers.js'
export * from './actions.js'
export * from './input.js'

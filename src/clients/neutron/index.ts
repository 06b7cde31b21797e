export * from './networks.js'

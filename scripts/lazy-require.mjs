// The stand-in scripts/bundle.mjs puts in the bundle for a package @oclif/core requires as it
// loads but mrctl rarely uses: CommonJS that requires the real package the first time the package
// is called or one of its exports is read: from node_modules, the way @oclif/core would, or from
// the bundle itself when `bundled` (the file it resolved to) is given.

/** The stand-in's source for package `name`. */
export function lazyRequireSource(name, bundled) {
  const real = bundled
    ? `require(${JSON.stringify(bundled)})`
    : `require('node:module').createRequire(require.resolve('@oclif/core/package.json'))(${JSON.stringify(name)})`
  return `let real
const load = () => (real ??= ${real})
// A function, for the packages that are one (wordwrap): an arrow has no own key that must stay.
module.exports = new Proxy(() => undefined, {
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  // Not an ES module: __importDefault wraps it without loading it.
  get: (_, key) => (key === '__esModule' ? undefined : load()[key]),
  has: (_, key) => key in load(),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), key)
    return d && {...d, configurable: true}
  },
})
`
}

/**
 * Where the reference implementation lives: the published `aws-amplify` client installed next to
 * this package, and the `@aws-amplify/auth` build it depends on (whose internal SRP modules the
 * SRP row imports by file path, since the package exports do not expose them).
 *
 * @since 0.1.0
 */
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { pathToFileURL } from "node:url"

const requireHere = createRequire(import.meta.url)

const packageJsonOf = (path: string): { readonly version: string } => JSON.parse(readFileSync(path, "utf8"))

/** `aws-amplify/package.json`, as Node resolves it from this package. */
const amplifyPackageJson = (): string => requireHere.resolve("aws-amplify/package.json")

/** The installed `aws-amplify` version, e.g. `6.22.1`. @since 0.1.0 */
export const amplifyVersion = (): string => packageJsonOf(amplifyPackageJson()).version

/** The root folder of the `@aws-amplify/auth` that `aws-amplify` itself resolves. @since 0.1.0 */
export const amplifyAuthRoot = (): string =>
  dirname(createRequire(amplifyPackageJson()).resolve("@aws-amplify/auth/package.json"))

/** The installed `@aws-amplify/auth` version. @since 0.1.0 */
export const amplifyAuthVersion = (): string => packageJsonOf(join(amplifyAuthRoot(), "package.json")).version

/** Imports a module of `@aws-amplify/auth`'s ESM build by its path under `dist/esm/`. @since 0.1.0 */
export const importAmplifyAuthModule = (path: string): Promise<Record<string, unknown>> =>
  import(pathToFileURL(join(amplifyAuthRoot(), "dist", "esm", path)).href)

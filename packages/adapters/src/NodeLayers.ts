/**
 * The auth Layer for Node: SRP exponentiation over `node:crypto`, memory storage. Kept apart from
 * `Layers` so browser bundles never see `node:crypto`.
 *
 * @since 0.1.0
 */
import * as Layers from "./Layers.js"
import * as NodeModExp from "./NodeModExp.js"

/** @since 0.1.0 */
export const node = (config: unknown, options: Layers.Options = {}) =>
  Layers.fromConfig(config, { modExp: NodeModExp.layer, ...options })

/**
 * Platform pieces for Node: modular exponentiation over `node:crypto` (about 7× faster than BigInt).
 * Chosen through the package's `#platform` import condition; browsers get `platform.browser.ts`.
 *
 * @since 0.1.0
 */
export { layer as modExpLayer } from "@cognito-effect/adapters/NodeModExp"

/**
 * Platform pieces for browsers: modular exponentiation in pure BigInt.
 * Chosen through the package's `#platform` import condition; Node gets `platform.node.ts`.
 *
 * @since 0.1.0
 */
import { ModExp } from "@cognito-effect/domain/services/ModExp"

/** @since 0.1.0 */
export const modExpLayer = ModExp.layerBigInt

/**
 * Shared vitest project settings. Tests import package sources through the
 * `@cognito-effect/source` export condition, never a stale `dist/`.
 */
import { defineProject } from "vitest/config"

const conditions = ["@cognito-effect/source", "module", "node", "development|production"]

export const project = (name: string, extra: { testTimeout?: number } = {}) =>
  defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: { name, include: ["test/**/*.test.ts"], testTimeout: extra.testTimeout ?? 20_000 }
  })

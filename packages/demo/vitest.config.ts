import { project } from "../../vitest.shared.js"

export default project("demo", { testTimeout: 120_000 })

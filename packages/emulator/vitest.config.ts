import { project } from "../../vitest.shared.js"

export default project("emulator", { testTimeout: 60_000 })

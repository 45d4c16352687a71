// Prints vitest's JSON report as the closing line CI reads: "N passed, N failed".
import { readFileSync } from "node:fs"

const path = process.argv[2] ?? ".vitest-report.json"
try {
  const report = JSON.parse(readFileSync(path, "utf8"))
  const skipped = report.numPendingTests + report.numTodoTests
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`)
} catch {
  console.log("0 passed, 1 failed")
}

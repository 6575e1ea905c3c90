// A load under `ulimit -v` (the address-space limit many batch systems set)
// is refused with its size and the memory a load may use, instead of
// aborting with "failed to allocate" (MemoryBudget.swift).

import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Memory limits through the binary")
struct MemoryLimitTests {
    @Test("a load larger than `ulimit -v` allows is refused clearly; under a looser limit it loads")
    func addressSpaceLimit() throws {
        let sandbox = try Sandbox()
        try CrashSafetyTests.writeBigCSV(sandbox.work + "/big.csv", rows: 1_100_000)
        func run(limitKB: Int) -> (status: Int32, output: String) {
            let out = sandbox.root + "/out-\(limitKB).txt"
            // The shell sets the limit, then becomes casebook; a fresh cache
            // folder so the file is read, not found cached.
            let command = "cd '\(sandbox.work)' && ulimit -v \(limitKB) && CASEBOOK_CACHE='\(sandbox.root)/cache-\(limitKB)' "
                + "exec '\(CasebookBinary.path)' -c 'load \"big.csv\" as b; b | count' > '\(out)' 2>&1"
            let status = system("/bin/bash -c \"\(command.replacing("\"", with: "\\\""))\"")
            return (status, FileSystem.readText(out) ?? "")
        }
        let tight = run(limitKB: 120_000)
        #expect(tight.output.contains("error: big.csv is "), "\(tight.output)")
        #expect(tight.output.contains("of memory a load may use"), "\(tight.output)")
        #expect(!tight.output.contains("failed to allocate"))
        let loose = run(limitKB: 4_000_000)
        #expect(loose.status == 0, "\(loose.output)")
        #expect(loose.output.contains("1,100,000"), "\(loose.output)")
    }
}

// Special files and real limits: a named pipe nobody writes to, the memory
// budget under cgroups and `ulimit -v`, joins refused from their key counts
// before a row is made, sorts that answer Ctrl-C, and a statement nested
// 48,000 deep refused with one error in linear time.

@testable import CasebookCore
import Foundation
import Testing

@Suite("Special files and limits")
struct LimitsTests {
    @Test("`load` of a named pipe that nothing writes to is refused within seconds (it blocked for ever)",
          .timeLimit(.minutes(1)))
    func silentPipe() throws {
        let folder = NSTemporaryDirectory() + "casebook-fifo-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/pipe.csv"
        try #require(mkfifo(fifo, 0o600) == 0)
        let start = Date()
        let run = Hardening.run("load \"\(fifo)\" as p")
        #expect(run.message == "\(fifo) is a named pipe and nothing wrote to it within a second: it was not read", "\(run.stderr)")
        #expect(Date().timeIntervalSince(start) < 10)
        // The engine answers the next statement.
        let next = Hardening.run("load \"\(fifo)\" as p\nauthorities | take 1 | select la_code", keepGoing: true)
        #expect(next.stdout.contains("201"), "\(next.stdout)")
    }

    @Test("a named pipe is still read when a writer comes within the grace (and waiting answers Ctrl-C)",
          .timeLimit(.minutes(1)))
    func pipeWithWriter() throws {
        let folder = NSTemporaryDirectory() + "casebook-fifo-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fifo = folder + "/late.csv"
        try #require(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            usleep(300_000)
            let f = fopen(fifo, "w")
            _ = "a,b\n1,2\n3,4\n".withCString { fputs($0, f) }
            fclose(f)
        }
        writer.start()
        let file = try FileBytes(path: fifo)
        #expect(String(decoding: file.bytes, as: UTF8.self) == "a,b\n1,2\n3,4\n")
        // With nobody writing and Ctrl-C pressed, the wait ends with "cancelled".
        #expect(throws: FileBytes.Failure.cancelled) { try FileBytes(path: fifo, cancellation: Cancellation { true }) }
    }

    @Test("the memory budget reads MemAvailable, cgroup v2 and v1 limits, and the address space in use")
    func budgetSources() {
        #expect(MemoryBudget.memAvailable("MemTotal: 100 kB\nMemAvailable:    2048 kB\n") == 2048 * 1024)
        #expect(MemoryBudget.memAvailable("MemTotal: 100 kB\n") == nil)
        #expect(MemoryBudget.cgroupV2Path("0::/user.slice/session-1.scope\n") == "/user.slice/session-1.scope")
        #expect(MemoryBudget.cgroupV2Path("7:memory:/docker/abc\n") == nil)
        #expect(MemoryBudget.cgroupV1MemoryPath("12:cpu,cpuacct:/x\n7:memory:/docker/abc\n") == "/docker/abc")
        #expect(MemoryBudget.cgroupRoom(limit: "max\n", usage: "12345\n") == nil)
        #expect(MemoryBudget.cgroupRoom(limit: "1073741824\n", usage: "73741824\n") == 1_000_000_000)
        #expect(MemoryBudget.cgroupRoom(limit: "9223372036854771712\n", usage: "5\n") == nil, "v1's unlimited")
        #expect(MemoryBudget.statmPages("12345 678 9 0 0 0 0\n") == 12345)
        // This machine has some limit (MemAvailable at least), and the budget is at most half of it.
        let budget = MemoryBudget.current()
        #expect(budget != nil)
        // (MemAvailable moves between two reads: a margin of 256 MB.)
        if let machine = MemoryBudget.machine(), let budget { #expect(budget <= machine / 2 + 256 << 20) }
    }

    @Test("a join is refused from its key counts, with the estimate, before a row is made")
    func joinEstimate() throws {
        for (join, name) in [
            ("authorities | join authorities on region", "inner"),
            ("authorities | join left (authorities | where region = \"London\") on region", "left, with rows without a partner"),
        ] {
            let exact = Hardening.run("set format csv\nset limit 1000000\n\(join) | count")
            let count = Int(exact.stdout.split(separator: "\n").last ?? "") ?? 0
            #expect(count > 1000, "\(name): \(exact.stdout)\(exact.stderr)")
            let refused = Hardening.run("set limit 1000\n\(join)")
            #expect(
                refused.message == "this join would make more than 1,000 rows (\(NumberText.grouped(count)) by its keys)",
                "\(name): \(refused.stderr)")
        }
    }

    @Test("a join of billions of rows is refused at once: by the row limit, and by memory when the limit is raised",
          .timeLimit(.minutes(1)))
    func hugeJoin() throws {
        let folder = NSTemporaryDirectory() + "casebook-join-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/same.csv"
        try Data(("k,v\n" + String(repeating: "1,2\n", count: 200_000)).utf8).write(to: URL(fileURLWithPath: path))
        let start = Date()
        let byRows = Hardening.run("load \"\(path)\" as s\ns | join s on k")
        #expect(byRows.message == "this join would make more than 50,000,000 rows (40,000,000,000 by its keys)", "\(byRows.stderr)")
        let byMemory = Hardening.run("set limit 900000000000000\nload \"\(path)\" as s\ns | join s on k")
        #expect(byMemory.message?.hasPrefix("this join would make 40,000,000,000 rows, about ") == true, "\(byMemory.stderr)")
        #expect(byMemory.message?.hasSuffix("of memory a statement may use") == true)
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test("the cancellable sort orders as the standard library does, stably, and stops when asked")
    func cancellableSort() throws {
        var generator = SystemRandomNumberGenerator()
        for n in [0, 1, 5, CancellableSort.run - 1, CancellableSort.run + 1, 3 * CancellableSort.run + 17] {
            let values = (0..<n).map { i in (key: Int.random(in: 0..<50, using: &generator), row: i) }
            let sorted = try CancellableSort.sorted(values, cancellation: .never) { $0.key < $1.key }
            #expect(sorted.map(\.key) == values.map(\.key).sorted())
            // Equal keys keep their order.
            for i in sorted.indices.dropFirst() where sorted[i].key == sorted[i - 1].key {
                #expect(sorted[i].row > sorted[i - 1].row)
            }
        }
        nonisolated(unsafe) var checks = 0
        let stopSoon = Cancellation {
            checks += 1
            return checks > 3
        }
        let big = (0..<(20 * CancellableSort.run)).map { _ in Int.random(in: 0..<1_000_000, using: &generator) }
        #expect(throws: Diagnostic.cancelled) { try CancellableSort.sorted(big, cancellation: stopSoon, by: <) }
        #expect(checks == 4, "it stopped at the first check that said so")
    }

    @Test("the deepest nesting the parser accepts also resolves and runs, on a test thread's stack", arguments: [
        ("authorities | join ", "(authorities | join ", "authorities", " on la_code)", " on la_code | count", 48),
        ("", "(", "authorities", ")", " | count", 49),
        ("authorities | where ", "(", "true", ")", " | count", 197),
    ])
    func deepestAcceptedNesting(_ parts: (String, String, String, String, String, Int)) {
        let text = parts.0 + String(repeating: parts.1, count: parts.5) + parts.2 + String(repeating: parts.3, count: parts.5) + parts.4
        let run = Hardening.run(text)
        #expect(!run.result.failed, "\(run.stderr)")
        #expect(run.stdout.contains("158"), "\(run.stdout)")
    }

    @Test("a statement nested 48,000 deep is refused with one error, in linear time", arguments: [
        ("authorities | join ", "(authorities | join ", "authorities", " on la_code)", " on la_code"),
        ("authorities | where ", "(", "true", ")", ""),
        ("authorities | where ", "abs(", "1", ")", " > 0"),
        ("let x = ", "(", "authorities", ")", ""),
    ])
    func deepNesting(_ parts: (String, String, String, String, String)) {
        var seconds: [Double] = []
        for depth in [4_000, 48_000] {
            let text = parts.0 + String(repeating: parts.1, count: depth) + parts.2 + String(repeating: parts.3, count: depth) + parts.4
            let start = Date()
            let run = Hardening.run(text)
            seconds.append(Date().timeIntervalSince(start))
            #expect(run.result.failed)
            #expect(run.stderr.components(separatedBy: ": error: ").count == 2, "one error, not one per level")
        }
        // Twelve times the depth: well under a hundred and forty-four times the time.
        #expect(seconds[1] < max(2, seconds[0] * 40), "\(seconds)")
    }

    @Test("a file streamed into the cache is weighed by what the load holds, not by its size")
    func streamedLoadsHoldBlocks() {
        let block = 16 << 20
        // Kept in memory, a file holds its columns: about its size.
        #expect(CSVLoader.bytesHeld(fileSize: 10 << 30, streamed: false, blockBytes: block) == 10 << 30)
        // Streamed, a few blocks at a time, however large the file.
        #expect(CSVLoader.bytesHeld(fileSize: 10 << 30, streamed: true, blockBytes: block) == 64 << 20)
        #expect(CSVLoader.bytesHeld(fileSize: 5 << 20, streamed: true, blockBytes: block) == 5 << 20)
    }

    @Test("a load that streams into the cache stops when failed writes leave its columns in memory past the limit")
    func heldColumnsAreBounded() throws {
        var text = "a,b\n"
        for i in 0..<20_000 { text += "\(i),\(i % 7)\n" }
        let bytes = Array(text.utf8)
        var options = CSVReader.Options()
        options.blockBytes = 4096
        options.memoryLimit = 50_000
        do {
            _ = try bytes.withUnsafeBufferPointer { (p) throws(Diagnostic) in
                var input = MemoryInput(p)
                return try CSVReader.parse(&input, fileName: "held.csv", options: options, cancellation: .never, spill: nil)
            }
            Issue.record("20,000 rows of two columns (320 KB held) passed a 50 KB limit")
        } catch {
            #expect(error.id == .fileTooLarge)
            #expect(error.message.hasPrefix("held.csv: its cache could not be written"), "\(error.message)")
        }
        options.memoryLimit = 1 << 20
        let parsed = try bytes.withUnsafeBufferPointer { (p) throws(Diagnostic) in
            var input = MemoryInput(p)
            return try CSVReader.parse(&input, fileName: "held.csv", options: options, cancellation: .never, spill: nil)
        }
        #expect(parsed.rows == 20_000)
    }
}

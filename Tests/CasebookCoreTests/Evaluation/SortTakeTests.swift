// `sort … | take N` finds the first N rows without sorting the rest: the
// same rows in the same order as a full sort (ties in row order, missing
// values last in either direction), and the same size check.

@testable import CasebookCore
import Foundation
import Testing

@Suite("Sort then take")
struct SortTakeTests {
    /// 3,000 rows with many ties and suppressed values, as a file to load.
    static func table() throws -> (folder: String, path: String) {
        let folder = NSTemporaryDirectory() + "casebook-topn-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var rng = SeededGenerator(seed: 7)
        var csv = "id,group,value,share\n"
        for id in 0..<3000 {
            let value = rng.next() % 7 == 0 ? ["c", "x", "z"][Int(rng.next() % 3)] : String(Int(rng.next() % 40) - 20)
            let share = rng.next() % 9 == 0 ? "c" : String(Double(rng.next() % 8) / 4)
            csv += "\(id),g\(rng.next() % 4),\(value),\(share)\n"
        }
        let path = folder + "/t.csv"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    @Test("the first N rows are those of the whole sort, for every direction, key count and N")
    func sameRowsAsTheWholeSort() throws {
        let (folder, path) = try Self.table()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for keys in ["value", "value desc", "share desc, value", "group, share, value desc", "value * -1 desc"] {
            for n in [0, 1, 10, 200, 2999, 5000] {
                // `skip 0` between the two stages makes it a whole sort, then a take.
                let fused = Hardening.run("set format csv\nload \"\(path)\" as t\nt | sort \(keys) | take \(n)")
                let whole = Hardening.run("set format csv\nload \"\(path)\" as t\nt | sort \(keys) | skip 0 | take \(n)")
                #expect(fused.stderr.isEmpty && whole.stderr.isEmpty, "\(fused.stderr)\(whole.stderr)")
                #expect(fused.stdout == whole.stdout, "sort \(keys) | take \(n)")
                #expect(fused.stdout.split(separator: "\n").count == min(n, 3000) + 1, "sort \(keys) | take \(n)")
            }
        }
    }

    @Test("the sort is still refused when all its rows pass the row limit")
    func rowLimitStillApplies() throws {
        let (folder, path) = try Self.table()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = Hardening.run("set limit 1000\nload \"\(path)\" as t\nt | sort value | take 3")
        #expect(run.message == "this result has more than 1,000 rows", "\(run.stderr)")
        #expect(run.location == "3:5", "\(run.stderr)")
    }
}

// The scorecard against a computation made apart from Casebook
// (Scripts/scorecard_expected.py reads the shipped files with Python's csv
// module), for authorities of every kind — a unitary, a London borough in a
// joint workforce return, a new authority after a reorganisation, a county —
// and every topic; and `scorecard` over all 434 measures for every current
// authority.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Scorecard", .serialized)
struct ScorecardTests {
    /// One workspace for the suite: `indicators` is read once, not once per test.
    nonisolated(unsafe) static let workspace = TestEngines.shippedWorkspace()

    static let columns = "measure, year, value, previous, travel, neighbours, region, england, rank, of, band"

    func engine(_ sink: CollectingSink) -> Engine {
        TestEngines.make(sink: sink, workspace: Self.workspace) {
            $0.format = .tsv
            $0.maxRows = nil
        }
    }

    static let codes = [870, 314, 942, 850, 202]

    /// The script's lines for every authority and topic, keyed "code|topic"
    /// (it reads the 620,000 rows once).
    static let expectedLines: Result<[String: [[String]]], Failure> = {
        let script = DataPaths.root + "/Tests/CasebookCoreTests/Scripts/scorecard_expected.py"
        let codes = Self.codes.map(String.init).joined(separator: ",")
        let command = "python3 '\(script)' '\(DataPaths.datasets)' \(codes) \"\(topics.joined(separator: "|"))\" 2>&1"
        guard let (status, text) = CommandOutput.run(command) else { return .failure(Failure("cannot start python3")) }
        guard status == 0 else { return .failure(Failure("scorecard_expected.py failed:\n\(text)")) }
        var found: [String: [[String]]] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            found["\(f[0])|\(f[1])", default: []].append(Array(f.dropFirst(2)))
        }
        return .success(found)
    }()

    func expected(_ code: Int, _ topic: String) throws -> [[String]] {
        try Self.expectedLines.get()["\(code)|\(topic)"] ?? []
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Two cells agree: the same text, or numbers within `tolerance` (the
    /// neighbours' mean is rounded to one place more than its figures).
    func agree(_ a: String, _ b: String, tolerance: Double = 1e-9) -> Bool {
        if a == b { return true }
        guard let x = Double(a), let y = Double(b) else { return false }
        return abs(x - y) <= tolerance * max(1, abs(y))
    }

    static let topics = [
        "Child Protection", "Children Looked After", "Children in Need", "Children's Services Workforce", "Adoption",
        "Children's Service Finance", "Youth Offending", "Health and Wellbeing", "Key Stage 4",
    ]

    @Test(
        "each measure's value, previous, travel, neighbours, region, England, rank and band match a computation made apart",
        arguments: Self.codes)
    func matchesIndependentComputation(code: Int) throws {
        let sink = CollectingSink()
        let engine = engine(sink)
        for topic in Self.topics {
            let want = try expected(code, topic)
            let before = sink.stdout.count
            let run = engine.run(SourceText(name: "t", text: "scorecard \(code) topic \"\(topic)\" | select \(Self.columns)"))
            #expect(!run.failed, "\(code) \(topic): \(sink.stderr)")
            let text = String(sink.stdout.dropFirst(before))
            let lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
                .filter { $0.count == 11 }
            try #require(lines.first == Self.columns.components(separatedBy: ", "), "\(text)")
            let got = Array(lines.dropFirst())
            #expect(got.count == want.count, "\(code) \(topic): \(got.count) rows, expected \(want.count)")
            for (g, w) in zip(got, want) {
                #expect(g[0] == w[0])
                for i in 1..<11 where i != 5 {
                    #expect(agree(g[i], w[i]), "\(code) \(topic) \(w[0]) column \(i): \(g[i]) ≠ \(w[i])")
                }
                #expect(agree(g[5], w[5], tolerance: 0.05), "\(code) \(topic) \(w[0]) neighbours: \(g[5]) ≠ \(w[5])")
            }
        }
    }

    /// The codes of the authorities that exist today.
    func currentAuthorities() throws -> [Int64] {
        let authorities = try DatasetCatalog(directory: DataPaths.datasets)!.table("authorities", cancellation: .never)
        let codes = try #require(authorities.column(named: "la_code"))
        let status = try #require(authorities.column(named: "status"))
        var current: [Int64] = []
        for r in 0..<authorities.rowCount where status.value(at: r) == .text("current") {
            if case .integer(let c) = codes.value(at: r) { current.append(c) }
        }
        return current
    }

    @Test("a scorecard runs for every current authority, with a row per measure of the topic")
    func everyCurrentAuthority() throws {
        let sink = CollectingSink()
        let engine = engine(sink)
        let current = try currentAuthorities()
        #expect(current.count >= 150)
        for code in current {
            let before = sink.stdout.count
            let run = engine.run(SourceText(name: "t", text: "scorecard \(code) topic \"Child Protection\" | count"))
            #expect(!run.failed, "\(code): \(sink.stderr)")
            #expect(String(sink.stdout.dropFirst(before)).contains("count\n30\n"), "\(code)")
        }
    }

    @Test("without a topic a scorecard has every one of LAIT's 434 measures, and every topic works")
    func everyMeasureAndTopic() throws {
        let sink = CollectingSink()
        let engine = engine(sink)
        let run = engine.run(SourceText(name: "t", text: "scorecard \"Reading\" | count"))
        #expect(!run.failed, "\(sink.stderr)")
        #expect(sink.stdout.contains("count\n434\n"))
        let measures = try DatasetCatalog(directory: DataPaths.datasets)!.table("measures", cancellation: .never)
        let topicColumn = try #require(measures.column(named: "topic"))
        let otherColumn = try #require(measures.column(named: "other_topic"))
        var counts: [String: Int] = [:]
        for r in 0..<measures.rowCount {
            counts[topicColumn.value(at: r).plainText, default: 0] += 1
            if !otherColumn.isMissing(at: r) { counts[otherColumn.value(at: r).plainText, default: 0] += 1 }
        }
        #expect(counts.count >= 20)
        for (topic, n) in counts {
            let before = sink.stdout.count
            // "Contextual\Other": a backslash in a string is written twice.
            let quoted = topic.split(separator: "\\", omittingEmptySubsequences: false).joined(separator: "\\\\")
            let run = engine.run(SourceText(name: "t", text: "scorecard \"Reading\" topic \"\(quoted)\" | count"))
            #expect(!run.failed, "\(topic): \(sink.stderr)")
            #expect(String(sink.stdout.dropFirst(before)).contains("count\n\(n)\n"), "\(topic)")
        }
    }
}

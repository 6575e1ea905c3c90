// `where` over a cached table, a segment at a time (SegmentFilter.swift): the
// rows kept are exactly those of the same filter over the table in memory,
// for every comparison, constant and type the fast path takes, on data laid
// out as the DfE publishes it (newest year first, a measure's rows together),
// and the segments whose range of values rules a test out are never read.

import Testing

@testable import CasebookCore

@Suite("Filter, a segment at a time")
struct SegmentFilterTests {
    /// Years newest first, measures in turn, authorities within: long-format
    /// data as published. Some values suppressed, a measure wholly suppressed
    /// in one year (cpp and cla, together), negative and decimal values, a decimal column.
    static func data() -> String {
        var text = "time_period,geographic_level,measure,la_code,value,rate\n"
        var rng = SeededGenerator(seed: 7)
        let measures = ["referrals", "assessments", "cin", "cpp", "cla", "agency"]
        for year in stride(from: 2024, through: 2013, by: -1) {
            for (m, measure) in measures.enumerated() {
                for la in 0..<60 {
                    let level = la == 0 ? "National" : "Local authority"
                    var value = String(Int(rng.next() % 2000) - 200)
                    if rng.next() % 13 == 0 { value = ["c", "x", "z", ""][Int(rng.next() % 4)] }
                    if year == 2020 && (measure == "cpp" || measure == "cla") { value = "c" }
                    let rate = m == 5 && rng.next() % 7 == 0 ? "x" : String(Double(rng.next() % 100_000) / 64 - 40)
                    text += "\(year - 1)\(year % 100),\(level),\(measure),\(800 + la),\(value),\(rate)\n"
                }
            }
        }
        return text
    }

    static func setup() throws -> CachedCSV { try CachedCSV(data(), name: "m.csv", blockBytes: 2048) }

    static let conditions = [
        "time_period = 202324",
        "time_period = 201920 and measure = \"cpp\"",
        "time_period = 201920 and measure = \"cpp\" and not is_missing(value)",
        "geographic_level = \"Local authority\" and measure = \"cla\" and time_period >= 202021 and not is_missing(value)",
        "measure = \"agency\" and is_missing(rate)",
        "measure != \"referrals\" and value < -150",
        "-100 > value and rate <= 0.5",
        "value >= 1790 and value <= 1799",
        "rate > 1500.25 and time_period < 201415",
        "value = 1000.0",
        "value > 1500.5 and measure <= \"cin\"",
        "rate = -40",
        "year = 2020 and la_code = 805",
        "measure > \"zzz\"",
        "time_period = 199900",
        "is_missing(value) and time_period = 201920",
        "not is_missing(value) and not is_missing(rate) and measure = \"agency\" and time_period = 201516",
    ]

    @Test("the rows kept are the ordinary filter's", arguments: conditions)
    func sameRowsAsInMemory(_ condition: String) throws {
        let s = try Self.setup()
        defer { s.remove() }
        let statement = "m | where \(condition) | select la_code, time_period, measure, value, rate"
        let (a, b) = try s.answers(statement + " | count", as: "m")
        #expect(a == b, "\(condition)\n\(a)\n\(b)")
        let rows = try s.answers(statement + " | take 1000", as: "m")
        #expect(rows.cached == rows.memory, "\(condition)")
        #expect(!a.contains("error"), "\(a)")
        // The fast path did run.
        let plan = try #require(SegmentFilter.prepare(try s.cached(), try Self.condition(condition)))
        #expect(plan.segmentCount > 20, "the file is in many segments")
    }

    @Test("segments whose range rules a test out are not read")
    func rangesRuleSegmentsOut() throws {
        let s = try Self.setup()
        defer { s.remove() }
        let t = try s.cached()
        func share(_ condition: String) throws -> Double {
            let plan = try #require(SegmentFilter.prepare(t, try Self.condition(condition)))
            return Double(plan.candidates.count) / Double(plan.segmentCount)
        }
        // One year of twelve: about a twelfth of the segments (and those at its edges).
        #expect(try share("time_period = 202324") < 0.15)
        #expect(try share("time_period = 202324 and measure = \"cla\"") < 0.04)
        #expect(try share("time_period = 199900") == 0)
        #expect(try share("measure > \"zzz\"") == 0)
        // A measure wholly suppressed in a year: `not is_missing` rules its segments out.
        let present = try share("time_period = 201920 and measure = \"cpp\" and not is_missing(value)")
        let all = try share("time_period = 201920 and measure = \"cpp\"")
        #expect(present < all)
        // Values in every segment but those wholly suppressed.
        #expect(try share("rate > -1000") == 1)
        #expect(try share("value > -1000") < 1)
    }

    @Test("conditions of other shapes go the ordinary way", arguments: [
        "value > 10 or measure = \"cin\"", "value + 1 > 10", "value > mean(value)", "measure = 3",
        "time_period = \"202324\"", "value in [1, 2]", "value between 1 and 5", "true", "not (value > 3)",
        "value > rate",
    ])
    func otherShapes(_ condition: String) throws {
        let s = try Self.setup()
        defer { s.remove() }
        #expect(SegmentFilter.prepare(try s.cached(), try Self.condition(condition)) == nil)
    }

    @Test("a table in memory goes the ordinary way")
    func memoryTables() throws {
        let s = try Self.setup()
        defer { s.remove() }
        #expect(SegmentFilter.prepare(s.memory, try Self.condition("time_period = 202324")) == nil)
    }

    /// The condition of `t | where CONDITION`.
    static func condition(_ text: String) throws -> Expr {
        let parsed = Parser.parse(SourceText(name: "t", text: "t | where \(text)"))
        guard case .pipeline(let p)? = parsed.first?.statement?.kind, case .filter(let e) = p.stages[0].kind else {
            Issue.record("not a filter: \(text)")
            throw CancellationError()
        }
        return e
    }
}

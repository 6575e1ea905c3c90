// compare's rank and quartile, checked against a computation made here from
// the raw published file (../shared/data-sources), not from the shipped data.

@testable import CasebookCore
import Testing

@Suite("Compare against the published file", .enabled(if: Published.runs, Published.skipReason))
struct CompareTests {
    static var root: String { Checkout.root }

    typealias Sink = CollectingSink

    func engine(_ sink: Sink) -> Engine {
        TestEngines.make(sink: sink) { $0.width = 200 }
    }

    /// Reading's rank among authorities by referrals per 10,000 in 2016, from the
    /// DfE's 2024 release as published (LA rows, the Referrals_rate column).
    func publishedRank() throws -> (rank: Int, of: Int, value: Double) {
        let path = Self.root + "/../shared/data-sources/d2i-ern-cin-2024/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv"
        let file = try FileBytes(path: path)
        let (table, _) = try CSVReader.read(file.bytes, fileName: path)
        let period = try #require(table.column(named: "time_period"))
        let level = try #require(table.column(named: "geographic_level"))
        let code = try #require(table.column(named: "old_la_code"))
        let rate = try #require(table.column(named: "Referrals_rate"))
        var values: [(Int64, Double)] = []
        for r in 0..<table.rowCount
        where period.value(at: r) == .integer(2016) && level.value(at: r) == .text("Local authority") {
            if case .integer(let c) = code.value(at: r), let v = rate.value(at: r).doubleValue { values.append((c, v)) }
        }
        let reading = try #require(values.first { $0.0 == 870 }).1
        let higher = values.filter { $0.1 > reading }.count
        return (higher + 1, values.count, reading)
    }

    @Test("Reading's rank, count and quartile for referrals per 10,000 in 2016 match the published file")
    func readingRank2016() throws {
        let (rank, of, value) = try publishedRank()
        #expect(value == 839.6)
        let quartile = 1 + (rank - 1) * 4 / of
        let sink = Sink()
        let result = engine(sink).run(SourceText(name: "t", text: "compare \"Reading\" on referrals_rate year 2016"))
        #expect(!result.failed, "\(sink.stderr)")
        #expect(sink.stdout.contains("Reading             authority           839.60    \(rank)\n"), "\(sink.stdout)")
        #expect(
            sink.stdout.contains(
                "note: Reading ranks \(rank) of \(of) authorities with a value in 2016 (1 = highest); quartile \(quartile) of 4"),
            "\(sink.stdout)")
    }

    @Test("the neighbours are the DfE 2025 model's, nearest first, and missing ones are left out of the mean")
    func neighbours() throws {
        let sink = Sink()
        let result = engine(sink).run(SourceText(name: "t", text: "compare \"bristol\" on referrals_rate year 2016"))
        #expect(!result.failed, "\(sink.stderr)")
        // Bournemouth, Christchurch and Poole did not exist in 2016: shown, and left out.
        #expect(sink.stdout.contains("Bournemouth, Christchurch and Poole  neighbour 9\n"))
        #expect(sink.stdout.contains("leave out Bournemouth, Christchurch and Poole (no row)"))
        let lines = sink.stdout.split(separator: "\n").filter { $0.contains("neighbour ") && !$0.contains("mean") }
        #expect(lines.count == 10)
    }
}

// The shipped datasets, loaded as the shell loads them, against published
// figures for Reading and, cell by cell, against the raw DfE files in
// ../shared/data-sources read with Casebook's own CSV reader.

import Testing

@testable import CasebookCore

enum Shipped {
    static let catalog: DatasetCatalog = DatasetCatalog(directory: DataPaths.datasets)!

    static func table(_ name: String) throws -> Table {
        try catalog.table(name, cancellation: .never)
    }

    /// Rows keyed by "la_code/year" for local authorities, and by the published
    /// code of a joint return ("314 / 318/2024"), which is one row.
    static func byCodeAndYear(_ t: Table) -> [String: Int] {
        let code = t.column(named: "la_code")!, year = t.column(named: "year")!
        let joint = t.column(named: "joint_return")
        var out: [String: Int] = [:]
        for r in 0..<t.rowCount {
            let key = code.isMissing(at: r) ? (joint.map { $0.isMissing(at: r) ? "" : $0.value(at: r).plainText } ?? "") : code.value(at: r).plainText
            if !key.isEmpty { out["\(key)/\(year.value(at: r).plainText)"] = r }
        }
        return out
    }

    static func cell(_ t: Table, la: Int64, year: Int64, _ column: String) -> Value? {
        let code = t.column(named: "la_code")!, y = t.column(named: "year")!
        for r in 0..<t.rowCount where code.value(at: r) == .integer(la) && y.value(at: r) == .integer(year) {
            return t.column(named: column)?.value(at: r)
        }
        return nil
    }
}

@Suite("Shipped figures")
struct ShippedFiguresTests {
    @Test func readingReferrals() throws {
        let t = try Shipped.table("referrals")
        #expect(Shipped.cell(t, la: 870, year: 2015, "referrals") == .integer(1673))
        #expect(Shipped.cell(t, la: 870, year: 2016, "referrals") == .integer(3078))
        #expect(Shipped.cell(t, la: 870, year: 2015, "referrals_rate") == .decimal(465.1))
        #expect(Shipped.cell(t, la: 870, year: 2016, "referrals_rate") == .decimal(839.6))
        #expect(Shipped.cell(t, la: 870, year: 2016, "la_name") == .text("Reading"))
        #expect(Shipped.cell(t, la: 870, year: 2016, "ons_code") == .text("E06000038"))
        #expect(Shipped.cell(t, la: 870, year: 2016, "region") == .text("South East"))
    }

    @Test func readingAt31March2016() throws {
        let cin = try Shipped.table("children_in_need")
        #expect(Shipped.cell(cin, la: 870, year: 2016, "children_in_need") == .integer(1869))
        #expect(Shipped.cell(cin, la: 870, year: 2016, "children_in_need_rate") == .decimal(509.8))
        let cpp = try Shipped.table("protection_plans")
        #expect(Shipped.cell(cpp, la: 870, year: 2016, "protection_plans") == .integer(252))
        #expect(Shipped.cell(cpp, la: 870, year: 2016, "protection_plans_rate") == .decimal(68.7))
        let cla = try Shipped.table("looked_after")
        #expect(Shipped.cell(cla, la: 870, year: 2016, "looked_after") == .integer(220))
        let rate = Shipped.cell(cla, la: 870, year: 2016, "looked_after_rate")
        #expect(rate?.doubleValue == 60, "LAIT's rate, 60 per 10,000 (not the press release's 68)")
    }

    @Test func readingInTheAuthoritiesTable() throws {
        let t = try Shipped.table("authorities")
        let code = t.column(named: "la_code")!
        let r = try #require((0..<t.rowCount).first { code.value(at: $0) == .integer(870) })
        #expect(t.column(named: "la_name")!.value(at: r) == .text("Reading"))
        #expect(t.column(named: "ons_code")!.value(at: r) == .text("E06000038"))
        #expect(t.column(named: "region")!.value(at: r) == .text("South East"))
    }

    @Test func currentAuthorities() throws {
        let t = try Shipped.table("authorities")
        let status = t.values("status")
        #expect(status.filter { $0 == .text("current") }.count == 153)
        #expect(status.filter { $0 == .text("former") }.count == 5)
        #expect(t.rowCount == 158)
        let codes = Set(t.values("la_code"))
        #expect(codes.count == t.rowCount, "one row per DfE code")
    }
}

/// One raw published file and how its columns map onto a shipped dataset.
struct RawComparison: Sendable, CustomTestStringConvertible {
    let dataset: String
    let file: String
    let years: [Int64]
    /// (shipped column, raw column)
    let columns: [(String, String)]
    /// For releases with one row per population type: the label column and,
    /// per label, the shipped columns its count and rate go to.
    var pivot: (label: String, count: String, rate: String, labels: [String: (String, String)])? = nil

    var testDescription: String { "\(dataset) ← \(file)" }
}

let rawComparisons: [RawComparison] = [
    RawComparison(
        dataset: "referrals", file: "d2i-ern-cin-2024/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv",
        years: [2016, 2024],
        columns: [
            ("referrals", "Referrals"), ("referrals_rate", "Referrals_rate"), ("rereferrals", "Re_referrals"),
            ("rereferrals_pct", "Re_referrals_percent"), ("nfa", "No_Further_Action"),
            ("nfa_pct", "No_Further_Action_percent"), ("not_in_need", "Not_in_Need"),
            ("not_in_need_pct", "Not_in_Need_percent"), ("children_referred", "Referrals_child"),
            ("children_referred_rate", "Referrals_child_rate"), ("children_rereferred", "Re_referrals_child"),
            ("children_rereferred_pct", "Re_referrals_child_percent"),
        ]),
    RawComparison(
        dataset: "children_in_need", file: "d2i-ern-cin-2024/b1_children_in_need_2013_to_2024.csv", years: [2016, 2024],
        columns: [
            ("children_in_need", "At31_episodes"), ("children_in_need_rate", "At31_episodes_rate"),
            ("episodes_any_point", "Anypoint_episodes"), ("episodes_any_point_rate", "Anypoint_episodes_rate"),
            ("children_any_point", "Anypoint_child"), ("children_any_point_rate", "Anypoint_child_rate"),
            ("episodes_started", "Started_episodes"), ("episodes_started_rate", "Started_episodes_rate"),
            ("children_started", "Started_child"), ("children_started_rate", "Started_child_rate"),
            ("episodes_ended", "Ended_episodes"), ("episodes_ended_rate", "Ended_episodes_rate"),
            ("children_ended", "Ended_child"), ("children_ended_rate", "Ended_child_rate"),
            ("awaiting_assessment", "Awaiting_assessment"), ("awaiting_assessment_rate", "Awaiting_assessment_rate"),
        ]),
    RawComparison(
        dataset: "protection_plans", file: "d2i-ern-cin-2024/d1_child_protection_plans_2013_to_2024.csv",
        years: [2016, 2024],
        columns: [
            ("protection_plans", "CPP_At31"), ("protection_plans_rate", "CPP_At31_rate"),
            ("plans_started", "CPP_start"), ("plans_started_rate", "CPP_start_rate"),
            ("children_started", "CPP_child_start"), ("children_started_rate", "CPP_child_start_rate"),
            ("plans_ended", "CPP_end"), ("plans_ended_rate", "CPP_end_rate"), ("children_ended", "CPP_child_end"),
            ("children_ended_rate", "CPP_child_end_rate"), ("plans_any_point", "CPP_anypoint"),
            ("plans_any_point_rate", "CPP_anypoint_rate"), ("children_any_point", "CPP_child_anypoint"),
            ("children_any_point_rate", "CPP_child_anypoint_rate"),
        ]),
    RawComparison(
        dataset: "workforce", file: "dfe-csc-outcomes-enablers/csww_indicators_2017_to_2025.csv", years: [2024],
        columns: [
            ("caseload", "caseload_fte"), ("turnover_pct", "turnover_rate_fte"), ("agency_pct", "agency_rate_fte"),
            ("social_workers_fte", "inpost_fte"), ("social_workers_headcount", "inpost_headcount"),
            ("starters_fte", "starters_fte"), ("leavers_fte", "leavers_fte"),
            ("turnover_headcount_pct", "turnover_rate_headcount"), ("agency_fte", "agency_fte"),
            ("agency_headcount_pct", "agency_rate_headcount"), ("agency_cover_pct", "agency_cover_rate_fte"),
            ("vacancies_fte", "vacancy_fte"), ("vacancy_pct", "vacancy_rate_fte"),
            ("vacancies_agency_cover_pct", "vacancy_agency_cover_rate_fte"), ("case_holders_fte", "case_holders_fte"),
            ("cases", "cases"), ("absence_days_fte", "working_days_lost_fte"), ("absence_pct", "absence_rate_fte"),
        ]),
    RawComparison(
        dataset: "looked_after", file: "dfe-csc-outcomes-enablers/cla_number_and_rate_per_10k_children.csv",
        years: [2024], columns: [],
        pivot: (
            label: "population_type", count: "children_count", rate: "rate_per_10000",
            labels: [
                "Children looked after on 31 March each year": ("looked_after", "looked_after_rate"),
                "Children starting to be looked after each year": ("children_started", "children_started_rate"),
                "Children ceasing to be looked after each year": ("children_ceased", "children_ceased_rate"),
            ]
        )),
]

@Suite("Shipped figures against the raw published files", .enabled(if: Published.runs, Published.skipReason))
struct RawSourceComparisonTests {
    static func sourcesFolder() throws -> String {
        let folder = DataPaths.sharedSources
        try #require(
            Directory.isDirectory(folder),
            "the raw published files are not at \(folder): these tests need shared/ beside the checkout (CI places it at ../shared)"
        )
        return folder
    }

    @Test func theRawFilesArePresent() throws {
        let folder = try Self.sourcesFolder()
        for c in rawComparisons { #expect(Directory.fileExists(folder + "/" + c.file), "\(c.file)") }
    }

    @Test(arguments: rawComparisons)
    func shippedEqualsRaw(_ c: RawComparison) throws {
        let folder = try Self.sourcesFolder()
        let (raw, report) = try CSVTest.load(folder + "/" + c.file, as: c.file)
        #expect(report.issues.allSatisfy { $0.kind == .derivedYear }, "the raw file reads cleanly: \(report.lines())")
        let shipped = try Shipped.table(c.dataset)
        let shippedRows = Shipped.byCodeAndYear(shipped)

        // Raw local-authority rows as (key, shipped column → published text).
        let level = raw.column(named: "geographic_level")!, period = raw.column(named: "time_period")!
        let oldCode = raw.column(named: "old_la_code")!
        var rawCells: [String: [String: String]] = [:]
        for r in 0..<raw.rowCount where level.value(at: r) == .text("Local authority") {
            guard case .integer(let year) = period.value(at: r), c.years.contains(year) else { continue }
            var cells: [String: String] = [:]
            if let p = c.pivot {
                let label = raw.column(named: p.label)!.value(at: r).plainText
                guard let (countColumn, rateColumn) = p.labels[label] else { continue }
                cells[countColumn] = publishedText(raw.column(named: p.count)!.value(at: r))
                cells[rateColumn] = publishedText(raw.column(named: p.rate)!.value(at: r))
            } else {
                for (s, rc) in c.columns {
                    let column = try #require(raw.column(named: rc), "no column \(rc) in \(c.file)")
                    cells[s] = publishedText(column.value(at: r))
                }
            }
            // A joint workforce return ("940 / 941") is one unit: one row, under its own code.
            let unit = oldCode.value(at: r).plainText.split(separator: "/").map { String($0).trimmedSpaces }
            rawCells["\(unit.joined(separator: " / "))/\(year)", default: [:]].merge(cells) { $1 }
        }
        #expect(!rawCells.isEmpty)

        var problems: [String] = []
        var compared = 0
        for (key, cells) in rawCells.sorted(by: { $0.key < $1.key }) {
            guard let r = shippedRows[key] else {
                // Placeholder rows for authorities that did not exist are dropped by the build.
                if !cells.values.allSatisfy({ ["x", "z", "-", ""].contains($0) }) {
                    problems.append("\(key): in the raw file with figures, not shipped")
                }
                continue
            }
            for (column, published) in cells.sorted(by: { $0.key < $1.key }) {
                let value = try #require(shipped.column(named: column), "no column \(column) in \(c.dataset)").value(at: r)
                if publishedText(value) != published {
                    problems.append("\(key) \(column): shipped \(publishedText(value)), published \(published)")
                }
                compared += 1
            }
        }
        // And nothing shipped for these years that the raw file lacks.
        let shippedLevel = shipped.column(named: "level")!
        let year = shipped.column(named: "year")!
        for (key, r) in shippedRows where shippedLevel.value(at: r) == .text("Local authority") {
            guard case .integer(let y) = year.value(at: r), c.years.contains(y) else { continue }
            if rawCells[key] == nil { problems.append("\(key): shipped, not in the raw file") }
        }
        #expect(problems.isEmpty, "\(problems.count) differences, e.g. \(problems.prefix(10))")
        #expect(compared > 100 * max(1, c.columns.count), "compared \(compared) cells")
    }

    @Test func readingInTheRawFilesToo() throws {
        let folder = try Self.sourcesFolder()
        let (c1, _) = try CSVTest.load(folder + "/" + rawComparisons[0].file)
        let code = c1.column(named: "old_la_code")!, period = c1.column(named: "time_period")!
        let rows = (0..<c1.rowCount).filter { code.value(at: $0) == .integer(870) }
        let byYear = Dictionary(uniqueKeysWithValues: rows.map { (period.value(at: $0), $0) })
        #expect(c1.column(named: "Referrals")!.value(at: byYear[.integer(2016)]!) == .integer(3078))
        #expect(c1.column(named: "Referrals_rate")!.value(at: byYear[.integer(2015)]!) == .decimal(465.1))
    }
}

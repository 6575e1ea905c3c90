// The official tables shipped beside the headline series (primary need,
// referral sources, plans by category of abuse, assessments within 45 days,
// looked-after children by number of social workers): they load with their
// metadata, and Reading's and England's rows, every year, match the raw
// published files read here with Casebook's own CSV reader.

import Testing

@testable import CasebookCore

@Suite("Official breakdowns against the raw published files")
struct OfficialBreakdownsTests {
    static let sourcesPresent = Directory.isDirectory(DataPaths.sharedSources)
    static let skipped = "the raw published files are not at ../shared/data-sources (a clone without shared/ beside it): skipped"

    struct Copy: Sendable, CustomTestStringConvertible {
        var dataset: String
        var file: String
        var columns: [(String, String)]
        var testDescription: String { dataset }
    }

    static let copies: [Copy] = [
        Copy(
            dataset: "cin_primary_need", file: "d2i-ern-cin-2024/b3_cin_primary_need_2013_to_2024.csv",
            columns: [
                ("need_all", "At31_episodes"), ("need_abuse_or_neglect", "N1_Abuse_or_neglect"),
                ("need_child_disability_or_illness", "N2_Childs_disability_or_illness"),
                ("need_parent_disability_or_illness", "N3_Parents_disability_or_illness"),
                ("need_family_in_acute_stress", "N4_Family_in_acute_stress"), ("need_family_dysfunction", "N5_Family_dysfunction"),
                ("need_socially_unacceptable_behaviour", "N6_Socially_unacceptable_behaviour"),
                ("need_low_income", "N7_Low_income"), ("need_absent_parenting", "N8_Absent_parenting"),
                ("need_cases_other_than_cin", "N9_Cases_other_than_CIN"), ("need_not_stated", "N0_Not_stated"),
            ]),
        Copy(
            dataset: "sources_of_referral", file: "d2i-ern-cin-2024/c5_children_in_need_referrals_by_source_2014_to_2024.csv",
            columns: [
                ("referrals_all_sources", "Referrals"), ("from_individual", "Individual"), ("from_schools", "Schools"),
                ("from_education_services", "Education_Services"), ("from_health_services", "Health_Services"),
                ("from_housing", "Housing"), ("from_la_services", "LA_Services"), ("from_police", "Police"),
                ("from_other_legal_agency", "Other_legal_agency"), ("from_other", "Other"), ("from_anonymous", "Anonymous"),
                ("from_unknown", "Unknown"),
            ]),
        Copy(
            dataset: "plans_by_category", file: "d2i-ern-cin-2024/d4_cpps_at31march_by_category_of_abuse_2013_to_2024.csv",
            columns: [
                ("plans_at_31_march", "CPP_At31"), ("initial_neglect", "Neglect_Initial"), ("initial_physical", "Physical_Initial"),
                ("initial_sexual", "Sexual_Initial"), ("initial_emotional", "Emotional_Initial"),
                ("initial_multiple", "Multiple_Initial"), ("latest_neglect", "Neglect_Latest"),
                ("latest_physical", "Physical_Latest"), ("latest_sexual", "Sexual_Latest"),
                ("latest_emotional", "Emotional_Latest"), ("latest_multiple", "Multiple_Latest"),
            ]),
    ]

    /// Raw rows for Reading (870) and England, keyed "870/2016" or "England/2016".
    static func rawRows(_ file: String) throws -> (Table, [String: Int]) {
        let (raw, _) = try CSVTest.load(DataPaths.sharedSources + "/" + file, as: file)
        let level = raw.column(named: "geographic_level")!, code = raw.column(named: "old_la_code")!
        let period = raw.column(named: "time_period")!
        var keys: [String: Int] = [:]
        for r in 0..<raw.rowCount {
            let who: String
            if level.value(at: r) == .text("National") {
                who = "England"
            } else if level.value(at: r) == .text("Local authority"), code.value(at: r) == .integer(870) {
                who = "870"
            } else {
                continue
            }
            keys["\(who)/\(period.value(at: r).plainText)"] = r
        }
        return (raw, keys)
    }

    /// Shipped rows for Reading and England, keyed the same way.
    static func shippedRows(_ t: Table) -> [String: Int] {
        let level = t.column(named: "level")!, code = t.column(named: "la_code")!, year = t.column(named: "year")!
        var keys: [String: Int] = [:]
        for r in 0..<t.rowCount {
            if level.value(at: r) == .text("National") {
                keys["England/\(year.value(at: r).plainText)"] = r
            } else if code.value(at: r) == .integer(870) {
                keys["870/\(year.value(at: r).plainText)"] = r
            }
        }
        return keys
    }

    /// Published text, or the same number written another way ("87.0" and 87).
    static func same(_ shipped: Value, _ published: String) -> Bool {
        if publishedText(shipped) == published { return true }
        if let a = shipped.doubleValue, let b = Double(published) { return a == b }
        return false
    }

    @Test(.enabled(if: sourcesPresent, Comment(rawValue: skipped)), arguments: copies)
    func copiedAsPublished(_ c: Copy) throws {
        let (raw, rawKeys) = try Self.rawRows(c.file)
        let t = try Shipped.table(c.dataset)
        let keys = Self.shippedRows(t)
        #expect(Set(keys.keys) == Set(rawKeys.keys), "Reading's and England's years")
        var compared = 0
        for (key, r) in rawKeys {
            let s = try #require(keys[key])
            for (shipped, published) in c.columns {
                let want = publishedText(raw.column(named: published)!.value(at: r))
                let got = t.column(named: shipped)!.value(at: s)
                #expect(Self.same(got, want), "\(c.dataset) \(key) \(shipped): shipped \(got), published \(want)")
                compared += 1
            }
        }
        #expect(compared >= 2 * 11 * c.columns.count)
    }

    @Test(.enabled(if: sourcesPresent, Comment(rawValue: skipped)))
    func assessmentsWithin45DaysAreTheSumOfTheBandsUpTo45() throws {
        let (raw, rawKeys) = try Self.rawRows("d2i-ern-cin-2024/c2_children_in_need_assessments_duration_2014_to_2024.csv")
        let t = try Shipped.table("assessments_45_days")
        let keys = Self.shippedRows(t)
        #expect(Set(keys.keys) == Set(rawKeys.keys))
        let within = ["Same_day", "1-10_days", "11-20_days", "21-30_days", "31-40_days", "41-45_days"]
        let late = ["46-50_days", "51-60_days", "61+_days"]
        for (key, r) in rawKeys {
            let s = try #require(keys[key])
            func sum(_ cols: [String]) -> Int64? {
                var total: Int64 = 0
                for c in cols {
                    guard case .integer(let n) = raw.column(named: c)!.value(at: r) else { return nil }
                    total += n
                }
                return total
            }
            let completed = raw.column(named: "Assessments_completed")!.value(at: r)
            #expect(t.column(named: "assessments_completed")!.value(at: s) == completed, "\(key)")
            guard let inTime = sum(within), let over = sum(late), case .integer(let all) = completed else {
                #expect(t.column(named: "within_45_days")!.value(at: s).isMissing, "\(key): a band is a marker")
                continue
            }
            #expect(t.column(named: "within_45_days")!.value(at: s) == .integer(inTime), "\(key)")
            #expect(t.column(named: "over_45_days")!.value(at: s) == .integer(over), "\(key)")
            let pct = (Double(inTime) * 1000 / Double(all)).rounded(.toNearestOrAwayFromZero) / 10
            #expect(t.column(named: "within_45_days_pct")!.value(at: s).doubleValue == pct, "\(key)")
        }
        // Reading 2016, by hand from the published bands: 363 + 679 + 274 + 193 + 190 + 111
        // = 1,810 of 2,171 within 45 working days, 83.4%.
        let reading = try #require(keys["870/2016"])
        #expect(t.column(named: "assessments_completed")!.value(at: reading) == .integer(2171))
        #expect(t.column(named: "within_45_days")!.value(at: reading) == .integer(1810))
        #expect(t.column(named: "within_45_days_pct")!.value(at: reading) == .decimal(83.4))
    }

    @Test(.enabled(if: sourcesPresent, Comment(rawValue: skipped)))
    func lookedAfterChildrenBySocialWorkersMatchTheTwoRowsOfTheTable() throws {
        let file = "dfe-csc-outcomes-enablers/la_cla_swcount.csv"
        let (raw, _) = try CSVTest.load(DataPaths.sharedSources + "/" + file, as: file)
        let t = try Shipped.table("cla_social_workers")
        let keys = Self.shippedRows(t)
        #expect(Set(keys.keys) == ["870/2024", "England/2024"])
        let level = raw.column(named: "geographic_level")!, code = raw.column(named: "old_la_code")!
        let kind = raw.column(named: "sw_stability")!
        var checked = 0
        for r in 0..<raw.rowCount {
            let who = level.value(at: r) == .text("National") ? "England" : (code.value(at: r) == .integer(870) ? "870" : nil)
            guard let who, let s = keys["\(who)/2024"] else { continue }
            let number = raw.column(named: "number")!.value(at: r), pct = raw.column(named: "percentage")!.value(at: r)
            if kind.value(at: r) == .text("Total children") {
                #expect(t.column(named: "cla_at_31_march")!.value(at: s) == number)
            } else {
                #expect(t.column(named: "three_plus_social_workers")!.value(at: s) == number)
                #expect(t.column(named: "three_plus_social_workers_pct")!.value(at: s) == pct)
            }
            checked += 1
        }
        #expect(checked == 4)
        #expect(Shipped.cell(t, la: 870, year: 2024, "three_plus_social_workers") == .integer(88))
    }

    @Test(arguments: ["cin_primary_need", "sources_of_referral", "plans_by_category", "assessments_45_days", "cla_social_workers"])
    func loadsWithItsMetadata(_ name: String) throws {
        let meta = try #require(Shipped.catalog.metadata(name))
        #expect(meta.publisher == "Department for Education" && meta.licence == "Open Government Licence v3.0")
        #expect(!(meta.title ?? "").isEmpty && !(meta.release ?? "").isEmpty && !(meta.caveats ?? []).isEmpty)
        let t = try Shipped.table(name)
        #expect(Array(t.columnNames.prefix(6)) == ["la_code", "la_name", "ons_code", "region", "level", "year"])
        #expect(Set(meta.columns?.keys.map { $0 } ?? []) == Set(t.columnNames))
    }

    @Test func polarityComesFromLAITWhereTheFigureIsLAITs() throws {
        let a = try #require(Shipped.catalog.metadata("assessments_45_days")?.columns)
        #expect(a["within_45_days_pct"]?.polarity == "high is good", "LAIT Continue_Assess_Comp: High")
        #expect(a["within_45_days"]?.polarity == "neutral")
        let s = try #require(Shipped.catalog.metadata("cla_social_workers")?.columns)
        #expect(s["three_plus_social_workers_pct"]?.polarity == "low is good", "LAIT Stability_SocialWorker: Low")
    }
}

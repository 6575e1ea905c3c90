// Every published figure counted once: joint returns, London's halves,
// reorganised authorities, the 2025 rates and the judgements as at a date.
// Each expected answer is worked out here from the raw published files in
// ../shared/data-sources (read with the plain splitter in PublishedFiles.swift),
// never from the shipped datasets, and compared with what Casebook answers.

import Testing

@testable import CasebookCore

@Suite("Reporting units against the published files", .enabled(if: Published.runs, Published.skipReason))
struct ReportingUnitsTests {
    static let workforceFile = "dfe-csc-outcomes-enablers/csww_indicators_2017_to_2025.csv"
    static let referrals24File = "d2i-ern-cin-2024/c1_children_in_need_referrals_and_rereferrals_2013_to_2024.csv"

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func close(_ a: String?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a, let x = Double(a.replacing(",", with: "")) else { return false }
        return abs(x - b) <= tolerance
    }

    // MARK: - Joint returns

    @Test("units and median caseload by region count each joint return once, as the raw file has one row for it")
    func medianCaseloadByRegion() throws {
        let raw = try Published.rows(Self.workforceFile).filter {
            $0["time_period"] == "2024" && $0["geographic_level"] == "Local authority"
        }
        var byRegion: [String: (rows: Int, caseloads: [Double])] = [:]
        for r in raw {
            let region = ["Inner London", "Outer London"].contains(r["region_name"]!) ? "London" : r["region_name"]!
            byRegion[region, default: (0, [])].rows += 1
            if let v = Published.number(r["caseload_fte"]) { byRegion[region]!.caseloads.append(v) }
        }
        #expect(byRegion["London"]?.rows == 32, "London's 33 boroughs make 32 returns")
        let result = Statements.run(
            "workforce | where year = 2024 and level = \"Local authority\" | summarise units = count(), m = median(caseload) by region")
        #expect(!result.failed, "\(result.notes)")
        #expect(result.rows.count == 9)
        for row in result.rows {
            let expected = try #require(byRegion[row["region"]!], "region \(row["region"]!)")
            #expect(row["units"] == String(expected.rows), "\(row)")
            #expect(Self.close(row["m"], Self.median(expected.caseloads)), "\(row) against \(Self.median(expected.caseloads))")
        }
        #expect(result.notes.contains("London has 32 units for 33 authorities"), "\(result.notes)")
        #expect(result.notes.contains("East Midlands has 9 units for 10 authorities"), "\(result.notes)")
    }

    @Test("compare ranks a joint return once and gives a member no figure of its own")
    func compareKingston() throws {
        let raw = try Published.rows(Self.workforceFile).filter {
            $0["time_period"] == "2024" && $0["geographic_level"] == "Local authority"
        }
        let joint = try #require(raw.first { $0["old_la_code"] == "314 / 318" })
        let value = try #require(Published.number(joint["caseload_fte"]))
        let values = raw.compactMap { Published.number($0["caseload_fte"]) }
        // Caseload is "low is good" in the workforce metadata: rank 1 is the lowest.
        let rank = values.filter { $0 < value }.count + 1

        let result = Statements.run("compare \"Kingston upon Thames\" on caseload year 2024")
        #expect(!result.failed, "\(result.notes)")
        let me = try #require(result.rows.first { $0["group"] == "authority" })
        #expect(me["value"] == "" && me["rank"] == "", "Kingston has no caseload of its own: \(me)")
        let unit = try #require(result.rows.first { $0["group"] == "joint return" })
        #expect(unit["name"] == "Kingston upon Thames / Richmond upon Thames")
        #expect(Self.close(unit["value"], value))
        #expect(unit["rank"] == String(rank))
        #expect(result.notes.contains("ranks \(rank) of \(values.count) units with a value in 2024"), "\(result.notes)")
        // Richmond upon Thames, Kingston's neighbour, is part of the same return.
        if let richmond = result.rows.first(where: { $0["name"] == "Richmond upon Thames" }) {
            #expect(richmond["value"] == "", "no figure of its own: \(richmond)")
        }
        // Never a tie with itself: no other unit has Kingston's own figure.
        #expect(result.rows.filter { Self.close($0["value"], value) && $0["group"]!.hasPrefix("neighbour") }.allSatisfy {
            $0["name"] != "Richmond upon Thames"
        })
    }

    @Test("a neighbour in a joint return is left out of the neighbours' mean, which the raw figures give")
    func neighbourInAJointReturn() throws {
        let raw = try Published.rows(Self.workforceFile).filter {
            $0["time_period"] == "2024" && $0["geographic_level"] == "Local authority"
        }
        let caseload = Dictionary(
            raw.compactMap { r in Published.number(r["caseload_fte"]).map { (r["old_la_code"]!, $0) } },
            uniquingKeysWith: { a, _ in a })
        let sn = try #require(try Published.rows("dfe-csc-outcomes-enablers/sn_model_2025_wide.csv").first { $0["old_la_code"] == "319" })
        let neighbours = (1...10).map { sn["SN_\($0)"]! }
        #expect(neighbours.contains("314"), "Sutton's neighbours include Kingston upon Thames")
        let own = neighbours.compactMap { caseload[$0] }
        let result = Statements.run("compare \"Sutton\" on caseload year 2024")
        let mean = try #require(result.rows.first { $0["group"] == "neighbours' mean" })
        // The mean is shown to one place more than the figures (one place): within 0.005.
        #expect(Self.close(mean["value"], own.reduce(0, +) / Double(own.count), 0.005), "\(mean) against \(own)")
        let kingston = try #require(result.rows.first { $0["name"] == "Kingston upon Thames" })
        #expect(kingston["value"] == "")
        #expect(result.notes.contains("Kingston upon Thames (314) has no caseload of its own"), "\(result.notes)")
    }

    @Test("`for` an authority in a joint return finds the return, with a note")
    func forFindsTheJointReturn() {
        let result = Statements.run("workforce | for \"Richmond upon Thames\" | where year = 2024 | select la_name, joint_return")
        #expect(result.rows.map { $0["la_name"] } == ["Kingston upon Thames / Richmond upon Thames"])
        #expect(result.rows.first?["joint_return"] == "314 / 318")
        #expect(result.notes.contains("Richmond upon Thames (318) has no figures of its own here"), "\(result.notes)")
    }

    // MARK: - London

    @Test("the nine regional rows add up to England; Inner and Outer London are apart")
    func regionsAddUp() throws {
        let raw = try Published.rows(Self.referrals24File).filter { $0["time_period"] == "2024" }
        let nine = raw.filter { $0["geographic_level"] == "Regional" && $0["region_code"]!.hasPrefix("E12") }
        #expect(nine.count == 9)
        let sum = nine.compactMap { Published.number($0["Referrals"]) }.reduce(0, +)
        let england = try #require(Published.number(raw.first { $0["geographic_level"] == "National" }?["Referrals"]))
        let result = Statements.run(
            "referrals | where year = 2024 and level = \"Regional\" | summarise n = count(), total = sum(referrals)")
        #expect(result.rows.first?["n"] == "9")
        #expect(Self.close(result.rows.first?["total"], sum))
        // Regional and national counts are rounded to the nearest 10.
        #expect(abs(sum - england) <= 10 * 9, "the regions add up to England within rounding")
        let levels = Statements.run("referrals | where year = 2024 | count by level")
        #expect(levels.rows.first { $0["level"] == "Sub-regional" }?["count"] == "2")
    }

    // MARK: - Reorganised authorities

    @Test("a year an authority did not exist in names the one that did, both ways")
    func reorganisedAuthorities() throws {
        let raw = try Published.rows(Self.referrals24File)
        let dorset2016 = try #require(raw.first { $0["time_period"] == "2016" && $0["old_la_code"] == "835" })
        let none = Statements.run("referrals | for \"Dorset\" | where year = 2016")
        #expect(!none.failed && none.rows.isEmpty)
        #expect(none.notes.contains("that year belongs to Dorset (835)") || none.notes.contains("those years belong to Dorset (835)"), "\(none.notes)")
        let former = Statements.run("referrals | for 835 | where year = 2016 | select referrals")
        #expect(former.rows.first?["referrals"] == dorset2016["Referrals"])

        let cumberlandYears = Set(raw.filter { $0["old_la_code"] == "942" }.map { $0["time_period"]! })
        #expect(cumberlandYears == ["2024"])
        let compare = Statements.run("compare \"Cumberland\" on referrals years 2016 to 2024")
        #expect(!compare.failed, "\(compare.notes)")
        #expect(compare.notes.contains("years 2016 to 2024 narrowed to 2024"), "\(compare.notes)")
        #expect(compare.notes.contains("Cumbria (909)"), "\(compare.notes)")
        let later = Statements.run("workforce | for \"Cumbria\" | select year")
        #expect(later.notes.contains("Cumberland (942) and Westmorland and Furness (943)"), "\(later.notes)")
    }

    // MARK: - The latest figures

    @Test("2025 rates are LAIT's, and are the 2025 count over the mid-2024 population")
    func rates2025() throws {
        let lait = try Published.rows("dfe-lait/extracted/bds_long_0__childrens_social_care_subset.csv").filter {
            $0["Years"] == "2025"
        }
        let population = Dictionary(
            try Published.rows("dfe-csc-outcomes-enablers/ons_mid-year_population_estimates_2012_to_2024.csv").filter {
                $0["time_period"] == "2024" && $0["geographic_level"] == "Local authority"
            }.map { ($0["old_la_code"]!, $0["population_estimate"]!) }, uniquingKeysWith: { a, _ in a })
        let counts = Dictionary(
            try Published.rows("dfe-csc-outcomes-enablers/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv").filter {
                $0["time_period"] == "2025" && $0["geographic_level"] == "Local authority"
            }.map { ($0["old_la_code"]!, $0["referral_count"]!) }, uniquingKeysWith: { a, _ in a })
        for (item, dataset, column) in [
            ("CPP_Total_Rateper10,000", "referrals", "referrals_rate"), ("CIN", "children_in_need", "children_in_need_rate"),
            ("Section_47", "section47", "section47_rate"), ("CPP_rate", "protection_plans", "protection_plans_rate"),
        ] {
            let published = Dictionary(
                lait.filter { $0["Short Desc"] == item }.map { ($0["LA Number"]!, Published.number($0["Values"])) },
                uniquingKeysWith: { a, _ in a })
            let shipped = Statements.run(
                "\(dataset) | where year = 2025 and level = \"Local authority\" | select la_code, \(column)")
            #expect(shipped.rows.count == 153)
            var compared = 0
            for row in shipped.rows {
                let code = row["la_code"]!
                guard let expected = published[code] ?? nil else {
                    #expect(Published.number(row[column]) == nil, "\(column) \(code): LAIT has none, so none is shipped")
                    continue
                }
                #expect(Self.close(row[column], expected, 1e-6), "\(column) \(code): \(row[column] ?? "") against LAIT \(expected)")
                compared += 1
                if column == "referrals_rate", let c = Published.number(counts[code]), let p = Published.number(population[code]) {
                    #expect(abs(expected - c * 10000 / p) <= 0.051, "\(code): \(expected) is \(c) over \(p)")
                }
            }
            #expect(compared > 140, "\(column): \(compared) rates compared")
        }
    }

    @Test("compare without a year takes the latest year with values, and says so")
    func latestYearWithValues() throws {
        let raw = try Published.rows(Self.referrals24File)
        let reading2024 = try #require(raw.first { $0["time_period"] == "2024" && $0["old_la_code"] == "870" })
        let result = Statements.run("compare \"Reading\" on children_referred_rate")
        let me = try #require(result.rows.first { $0["group"] == "authority" })
        #expect(Self.close(me["value"], Published.number(reading2024["Referrals_child_rate"])!))
        #expect(result.notes.contains("this is 2024, the latest year with values of children_referred_rate"), "\(result.notes)")
    }

    // MARK: - Judgements as at a date

    @Test("as_at 2025 inspected reproduces Ofsted's table of judgements as at 31 March 2025")
    func judgementsAsAt() throws {
        let ofsted = try Published.rows(
            "dfe-csc-outcomes-enablers/extracted/LA_Inspection_Outcomes_as_at_31_March_2025__Inspections_as_at_31_March.csv")
        #expect(ofsted.count == 153)
        let result = Statements.run("inspections | as_at 2025 inspected | select ons_code, overall_effectiveness")
        let ours = Dictionary(result.rows.map { ($0["ons_code"]!, $0["overall_effectiveness"]!) }, uniquingKeysWith: { a, _ in a })
        #expect(ours.count == 153)
        let authorities = Dictionary(
            Statements.run("authorities | select ons_code, former_ons_codes").rows.flatMap { row in
                ([row["ons_code"]!] + row["former_ons_codes"]!.split(separator: ";").map { String($0).trimmedSpaces }).map { ($0, row["ons_code"]!) }
            }, uniquingKeysWith: { a, _ in a })
        for r in ofsted {
            let code = authorities[r["Local authority area code"]!] ?? r["Local authority area code"]!
            #expect(ours[code] == r["Overall effectiveness"], "\(r["Local authority name"]!)")
        }
        // In force (published by then) differs where a report came out later.
        let inForce = Statements.run("inspections | as_at 2025 | for \"Dorset\" | select overall_effectiveness")
        #expect(inForce.rows.first?["overall_effectiveness"] == "Good", "Dorset's March 2025 report came out in May")
    }
}

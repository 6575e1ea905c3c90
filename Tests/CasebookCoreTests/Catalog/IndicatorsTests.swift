// The shipped LAIT datasets: `indicators` against LAIT's parquet file, read
// independently of the dataset build by Scripts/lait_sample.py (pyarrow), for
// a sample spread over every measure (so every topic), England, regions,
// London's halves, authorities, years, markers and joint returns; and
// `measures`, one row per measure.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum LAITSource {
    static var folder: String { DataPaths.sharedSources + "/dfe-lait" }
    static var present: Bool { Directory.isDirectory(folder) }
    static let skipped = "LAIT's files are not at ../shared/data-sources/dfe-lait (a clone without shared/ beside it): skipped"

    /// indicators and measures, each loaded once for all these tests (a
    /// static is initialised once, safely, however many tests ask at once).
    static let indicatorsTable = load("indicators")
    static let measuresTable = load("measures")

    static func load(_ name: String) -> Result<Table, Diagnostic> {
        do throws(Diagnostic) {
            return .success(try DatasetCatalog(directory: DataPaths.datasets)!.table(name, cancellation: .never))
        } catch {
            return .failure(error)
        }
    }

    struct Figure {
        var joint: Bool
        var measure: String
        var area: Int
        var period: String
        var value: String
    }

    /// The sample, from the script (which needs python3 and pyarrow; `make test` installs pyarrow).
    static func sample() throws -> [Figure] {
        let script = DataPaths.root + "/Tests/CasebookCoreTests/Scripts/lait_sample.py"
        let command = "python3 '\(script)' '\(folder)/bds_long_0.parquet' '\(folder)/lait_data_dictionary.csv' 2>&1"
        guard let (status, text) = CommandOutput.run(command) else { throw SampleError("cannot start python3") }
        guard status == 0 else { throw SampleError("lait_sample.py failed (is pyarrow installed? `make test` installs it):\n\(text)") }
        return text.split(separator: "\n").map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Figure(joint: f[0] == "joint", measure: f[1], area: Int(f[2])!, period: f[3], value: f[4])
        }
    }

    struct SampleError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }
}

@Suite("LAIT indicators against the parquet file")
struct IndicatorsTests {
    /// LAIT's numbers for England, the regions and London's halves, as Casebook names them.
    static let areaNames = [
        970: "England", 980: "North East", 986: "London", 987: "Inner London", 988: "Outer London", 990: "South West",
    ]

    @Test(.enabled(if: LAITSource.present, Comment(rawValue: LAITSource.skipped)))
    func aSampleOfValuesMatchesLAITsFile() throws {
        let sample = try LAITSource.sample()
        let t = try LAITSource.indicatorsTable.get()
        let measure = t.column(named: "measure")!, period = t.column(named: "period")!
        let code = t.column(named: "la_code")!, name = t.column(named: "la_name")!
        let joint = t.column(named: "joint_return")!, value = t.column(named: "value")!
        var rows: [String: Int] = [:]
        for r in 0..<t.rowCount {
            let area: String
            if !joint.isMissing(at: r) {
                area = "joint " + joint.value(at: r).plainText
            } else if !code.isMissing(at: r) {
                area = code.value(at: r).plainText
            } else {
                area = name.value(at: r).plainText
            }
            rows[measure.value(at: r).plainText + "|" + area + "|" + period.value(at: r).plainText] = r
        }
        var markers = 0, topics = Set<String>(), years = Set<String>(), areas = Set<Int>(), joints = 0
        for f in sample {
            let area: String
            if f.joint {
                area = "joint " + ([314, 318].contains(f.area) ? "314 / 318" : "940 / 941")
            } else {
                area = Self.areaNames[f.area] ?? String(f.area)
            }
            let key = f.measure + "|" + area + "|" + f.period
            guard let r = rows[key] else {
                Issue.record("no row in indicators for \(key)")
                continue
            }
            let got = value.value(at: r)
            if f.value == "-" {
                #expect(got == .missing(.dash), "\(key): LAIT '-', shipped \(got)")
                markers += 1
            } else {
                let want = try #require(Double(f.value), "\(key): LAIT value \(f.value)")
                let have = got.doubleValue
                #expect(
                    have.map { abs($0 - want) <= 4 * want.ulp } == true,
                    "\(key): LAIT \(f.value), shipped \(got)")
            }
            topics.insert(f.measure)
            years.insert(String(f.period.prefix(4)))
            areas.insert(f.area)
            if f.joint { joints += 1 }
        }
        // The sample is what it claims to be: wide, with markers and joint returns.
        #expect(sample.count >= 200)
        #expect(topics.count == 434, "every measure")
        #expect(markers >= 50 && years.count >= 9 && areas.count >= 12 && joints >= 100)
    }

    @Test(.enabled(if: LAITSource.present, Comment(rawValue: LAITSource.skipped)))
    func aJointReturnIsOneRowNamingBothAuthorities() throws {
        let t = try LAITSource.indicatorsTable.get()
        let measure = t.values("measure"), year = t.values("year"), joint = t.values("joint_return")
        let codes = t.values("la_code"), names = t.values("la_name"), ons = t.values("ons_code")
        let rows = (0..<t.rowCount).filter {
            measure[$0] == .text("Work_Force_NoSW") && year[$0] == .integer(2020)
                && (joint[$0] == .text("314 / 318") || codes[$0] == .integer(314) || codes[$0] == .integer(318))
        }
        #expect(rows.count == 1, "Kingston and Richmond's joint return is one row")
        let r = try #require(rows.first)
        #expect(names[r] == .text("Kingston upon Thames / Richmond upon Thames"))
        #expect(ons[r] == .text("E09000021 / E09000027"))
        #expect(codes[r].isMissing)
        // Elsewhere each authority has its own row and no joint_return.
        let own = (0..<t.rowCount).filter { measure[$0] == .text("CIN") && year[$0] == .integer(2020) && codes[$0] == .integer(314) }
        #expect(own.count == 1 && joint[own[0]].isMissing)
    }
}

@Suite("LAIT measures")
struct MeasuresTests {
    @Test func oneRowPerMeasureOfIndicators() throws {
        let m = try LAITSource.measuresTable.get()
        let names = m.values("measure").map(\.plainText)
        #expect(names.count == 434 && Set(names).count == 434)
        let used = Set(try LAITSource.indicatorsTable.get().values("measure").map(\.plainText))
        #expect(Set(names) == used)
        let polarity = Set(m.values("polarity").map(\.plainText))
        #expect(polarity == ["high is good", "low is good", "neutral"])
        let cla = m.values("topic").filter { $0 == .text("Children Looked After") }.count
        #expect(cla > 40, "measures | where topic = \"Children Looked After\" finds LAIT's looked-after measures")
    }

    @Test func aMeasureReadsAsLAITDescribesIt() throws {
        let m = try LAITSource.measuresTable.get()
        let r = try #require(m.values("measure").firstIndex(of: .text("Continue_Assess_Comp")))
        #expect(m.values("topic")[r] == .text("Child Protection"))
        #expect(m.values("polarity")[r] == .text("high is good"))
        #expect(m.values("units")[r] == .text("% completed to time"))
        #expect(m.values("year_type")[r] == .text("Financial Year"))
        #expect(m.values("quartiles")[r] == .text("yes"))
        #expect(m.values("last_update")[r].plainText == "2025-11-01", "Excel day 45962")
    }
}

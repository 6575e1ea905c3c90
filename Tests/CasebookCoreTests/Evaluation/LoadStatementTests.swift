// `load`: a file in explore-education-statistics' shape is tidied with the
// register of authorities; any other file is loaded without reading it (the
// register is a dataset of its own, a few milliseconds of every load).

import Testing

@testable import CasebookCore

@Suite("The load statement")
struct LoadStatementTests {
    @Test("the register of authorities is read only for a file in EES's shape")
    func registerOnlyForEES() {
        let folder = TemporaryFolder()
        defer { folder.remove() }
        let plain = folder.write("plain.csv", "time_period,geographic_level,la_name,value\n202324,Local authority,Reading,3\n")
        let ees = folder.write(
            "ees.csv",
            "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,value\n"
                + "202324,Financial year,Local authority,E92000001,England,E12000008,South East,870,E06000038,Reading,3\n")
        let first = Hardening.run("load \"\(plain)\" as p\np | count")
        #expect(!first.result.failed, "\(first.stderr)")
        #expect(first.engine.workspace.authorityIndex == nil, "a plain file did not read the register")
        let second = Hardening.run("load \"\(ees)\" as e\ne | select la_code, ons_code, year")
        #expect(!second.result.failed, "\(second.stderr)")
        #expect(second.engine.workspace.authorityIndex != nil, "an EES file is tidied with it")
        #expect(second.stdout.contains("E06000038") && second.stdout.contains("870"), "\(second.stdout)")
    }
}

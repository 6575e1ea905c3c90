// Authorities known by any name, on the shipped `authorities` dataset: codes,
// ONS codes, loose names, England and the regions, ambiguous and unknown names,
// and former authorities with a note naming their successors.

import Testing

@testable import CasebookCore

@Suite("Authorities by any name")
struct AuthoritiesTests {
    static let index: AuthorityIndex = {
        let catalog = DatasetCatalog(directory: DataPaths.datasets)!
        return AuthorityIndex(table: try! catalog.table("authorities", cancellation: .never))
    }()

    func found(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) -> Authority? {
        guard case .found(let a) = Self.index.resolve(query) else {
            Issue.record("\"\(query)\" → \(Self.index.resolve(query))", sourceLocation: sourceLocation)
            return nil
        }
        return a
    }

    func code(_ query: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int64? {
        found(query, sourceLocation: sourceLocation)?.code
    }

    @Test func exactNameCodesAndONSCode() {
        let reading = found("Reading")
        #expect(reading?.code == 870)
        #expect(reading?.onsCode == "E06000038")
        #expect(reading?.region == "South East")
        #expect(reading?.level == "Local authority")
        #expect(reading?.formerNote == nil)
        #expect(code("870") == 870)
        #expect(code(" 870 ") == 870)
        #expect(code("E06000038") == 870)
        #expect(code("e06000038") == 870)
        #expect(code("872") == 872, "872 is Wokingham, not Reading")
        #expect(found("872")?.name == "Wokingham")
    }

    @Test func caseAndPunctuationVariants() {
        for q in ["READING", "reading", "Reading!", " reading ", "rEaDiNg"] { #expect(code(q) == 870, "\(q)") }
        #expect(code("Bristol, City of") == 801)
        #expect(code("bristol city of") == 801)
        #expect(code("Kingston Upon Hull") == 810)
        #expect(code("southend on sea") == 882)
        #expect(code("Southend-on-Sea") == 882)
    }

    @Test func ampersandAndSaint() {
        #expect(code("Brighton & Hove") == 846)
        #expect(code("brighton and hove") == 846)
        #expect(code("Hammersmith & Fulham") == 205)
        #expect(code("St Helens") == 342)
        #expect(code("St. Helens") == 342)
        #expect(code("Saint Helens") == 342)
        #expect(found("st helens")?.name == "St. Helens")
    }

    @Test func cityOfAndCountyOfForms() {
        #expect(found("bristol")?.name == "Bristol, City of")
        #expect(found("hull")?.name == "Kingston upon Hull, City of")
        #expect(found("herefordshire")?.name == "Herefordshire, County of")
        #expect(found("durham")?.name == "County Durham")
        #expect(found("County Durham")?.code == 840)
    }

    @Test func englandAndRegions() {
        let england = found("England")
        #expect(england?.code == nil)
        #expect(england?.level == "National")
        #expect(england?.onsCode == "E92000001")
        #expect(found("E92000001")?.name == "England")
        let southEast = found("South East")
        #expect(southEast?.level == "Regional")
        #expect(southEast?.onsCode == "E12000008")
        #expect(found("south east")?.name == "South East")
        #expect(found("E12000008")?.name == "South East")
        #expect(found("Yorkshire and the Humber")?.name == "Yorkshire and The Humber")
        #expect(found("Inner London")?.onsCode == "E13000001")
        #expect(found("E13000002")?.name == "Outer London")
    }

    @Test func londonIsTheRegionAndCityOfLondonTheAuthority() {
        // Before the fix "London" was ambiguous: "City of London" without its
        // "City of" is also "london".
        #expect(found("London")?.level == "Regional")
        #expect(found("london")?.name == "London")
        #expect(code("City of London") == 201)
    }

    @Test func ambiguousNames() {
        guard case .ambiguous(let many) = Self.index.resolve("kingston") else {
            Issue.record("kingston should be ambiguous")
            return
        }
        #expect(Set(many.compactMap(\.code)) == [314, 810])
        guard case .ambiguous(let northants) = Self.index.resolve("Northampton") else {
            Issue.record("Northampton should be ambiguous")
            return
        }
        #expect(Set(northants.compactMap(\.code)) == [928, 940, 941])
    }

    @Test func aFormerAuthorityOfTheSameNameGivesWayToTheCurrentOne() {
        // Dorset County (835) and the Dorset unitary authority (838) share a name.
        #expect(code("Dorset") == 838)
        #expect(found("Dorset")?.formerNote == nil)
        // "northamptonshire" is only the former county, found with its note.
        let northants = found("northamptonshire")
        #expect(northants?.code == 928)
        #expect(northants?.formerNote != nil)
        #expect(code("north northamptonshire") == 940)
    }

    @Test(arguments: [
        (835, "Dorset (835) no longer exists: its last year is 2019; its successors are Dorset (838) and Bournemouth, Christchurch and Poole (839)"),
        (836, "Poole (836) no longer exists: its last year is 2019; its successor is Bournemouth, Christchurch and Poole (839)"),
        (837, "Bournemouth (837) no longer exists: its last year is 2019; its successor is Bournemouth, Christchurch and Poole (839)"),
        (909, "Cumbria (909) no longer exists: its last year is 2023; its successors are Cumberland (942) and Westmorland and Furness (943)"),
        (928, "Northamptonshire (928) no longer exists: its last year is 2021; its successors are North Northamptonshire (940) and West Northamptonshire (941)"),
    ])
    func formerAuthoritiesResolveWithANoteNamingTheirSuccessors(_ code: Int, _ note: String) {
        let a = found(String(code))
        #expect(a?.code == Int64(code))
        #expect(a?.formerNote == note)
        if let a, code != 835 { #expect(found(a.name)?.formerNote == note, "by name: \(a.name)") }
    }

    @Test func unknownNamesListTheNearest() {
        #expect(Self.index.resolve("Readingg") == .notFound(suggestions: ["Reading", "Ealing"]))
        #expect(Self.index.resolve("Wokinghm") == .notFound(suggestions: ["Wokingham"]))
        #expect(Self.index.resolve("Narnia") == .notFound(suggestions: []))
        #expect(Self.index.resolve("999") == .notFound(suggestions: []))
        #expect(Self.index.resolve("") == .notFound(suggestions: []))
    }

    @Test func aNameWithWordsAddedSuggestsTheAuthority() {
        // Before the fix "Bedford Borough" (LAIT's and Ofsted's spelling) had no suggestion.
        guard case .notFound(let s) = Self.index.resolve("Bedford Borough") else {
            Issue.record("Bedford Borough should not be found")
            return
        }
        #expect(s.first == "Bedford")
        guard case .notFound(let t) = Self.index.resolve("Reading Borough Council") else {
            Issue.record("Reading Borough Council should not be found")
            return
        }
        #expect(t.first == "Reading")
    }

    @Test func everyAuthorityIsFoundByItsCodeItsONSCodeAndItsName() {
        for a in Self.index.authorities where a.isLocalAuthority {
            #expect(found(String(a.code!))?.code == a.code)
            if let ons = a.onsCode, a.formerNote == nil { #expect(found(ons)?.code == a.code, "\(ons)") }
            let byName = Self.index.resolve(a.name)
            if case .found(let b) = byName {
                // A former authority sharing its name with a current one gives way.
                #expect(b.code == a.code || (a.formerNote != nil && b.name == a.name), "\(a.name)")
            } else {
                Issue.record("\(a.name) → \(byName)")
            }
        }
    }
}

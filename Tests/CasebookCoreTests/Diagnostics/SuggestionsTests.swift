// "Did you mean …?": which names are offered, in which order.

import Testing

@testable import CasebookCore

@Suite("Suggestions")
struct SuggestionsTests {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    @Test("distance counts insertions, deletions, substitutions and swaps of neighbours")
    func distance() {
        #expect(Suggestions.distance(Self.scalars("region"), Self.scalars("region")) == 0)
        #expect(Suggestions.distance(Self.scalars("regoin"), Self.scalars("region")) == 1)
        #expect(Suggestions.distance(Self.scalars("regon"), Self.scalars("region")) == 1)
        #expect(Suggestions.distance(Self.scalars("reggion"), Self.scalars("region")) == 1)
        #expect(Suggestions.distance(Self.scalars("kitten"), Self.scalars("sitting")) == 3)
        #expect(Suggestions.distance(Self.scalars(""), Self.scalars("abc")) == 3)
        #expect(Suggestions.distance(Self.scalars("abc"), Self.scalars("")) == 3)
    }

    @Test("rows reused across candidates of every length give the same distances as fresh ones")
    func reusedRows() {
        let words = ["a", "la_code", "referrals_rate", "re", "referrals", "x", "children_in_need_rate", "ab", "ba", ""]
        var rows = Suggestions.DistanceRows()
        for a in words where !a.isEmpty {
            for b in words {
                #expect(rows.distance(Self.scalars(a), Self.scalars(b)) == Suggestions.distance(Self.scalars(a), Self.scalars(b)), "\(a) \(b)")
            }
        }
    }

    @Test("nearest first, ties by name, duplicates once, case ignored")
    func nearest() {
        let columns = ["region", "regions", "Region", "year", "reason", "region"]
        #expect(Suggestions.nearest(to: "regoin", in: columns) == ["Region", "region", "regions"])
        #expect(Suggestions.nearest(to: "YEAR", in: columns) == ["year"])
        #expect(Suggestions.nearest(to: "zzzz", in: columns) == [])
        #expect(Suggestions.nearest(to: "", in: columns) == [])
    }

    @Test("a name far in edit distance is still offered when it contains what was typed")
    func containing() {
        let columns = ["referrals", "referrals_rate", "year"]
        #expect(Suggestions.nearest(to: "rate", in: columns) == ["referrals_rate"])
        #expect(Suggestions.didYouMean("rate", in: columns) == "did you mean `referrals_rate`?")
        #expect(Suggestions.didYouMean("qqq", in: columns) == nil)
    }
}

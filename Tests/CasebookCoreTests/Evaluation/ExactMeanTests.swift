// Means from exact sums (AggregateKernels.integerMeans, decimalMeans): where
// every value is a whole number, or a decimal of a few places as published
// figures are, the mean is the correctly rounded mean of the figures, the same
// bits in any row order; anything else is left to Welford's steps.

import Testing

@testable import CasebookCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Exact means")
struct ExactMeanTests {
    /// True when `r` is the double nearest to s / d (s and d exact as doubles):
    /// neither neighbour leaves a smaller remainder, each remainder r·d − s
    /// found with one rounding (fused multiply-add).
    static func isNearest(_ r: Double, _ s: Double, _ d: Double) -> Bool {
        let here = fma(r, d, -s).magnitude
        return here <= fma(r.nextUp, d, -s).magnitude && here <= fma(r.nextDown, d, -s).magnitude
    }

    /// Random decimals of `places` places in groups, some rows missing; with
    /// each group's exact sum of whole numbers of 10^-places.
    static func sample(
        rows: Int, groups: Int, places: Int, _ rng: inout SeededGenerator
    ) -> (values: [Double], mask: [UInt8], ids: [Int32], sums: [Int64], counts: [Int64]) {
        let scale = NumberText.power10(places)
        var values: [Double] = [], mask: [UInt8] = [], ids: [Int32] = []
        var sums = [Int64](repeating: 0, count: groups), counts = [Int64](repeating: 0, count: groups)
        for _ in 0..<rows {
            let k = Int64(rng.next() % 2_000_000) - 1_000_000
            let g = Int32(rng.next() % UInt64(groups))
            let missing: UInt8 = rng.next() % 11 == 0 ? 2 : 0
            values.append(Double(k) / scale)  // as the reader parses "123.4"
            mask.append(missing)
            ids.append(g)
            if missing == 0 {
                sums[Int(g)] += k
                counts[Int(g)] += 1
            }
        }
        return (values, mask, ids, sums, counts)
    }

    @Test("a mean of decimals is the correctly rounded mean of the figures, in any row order")
    func decimalsExact() throws {
        var rng = SeededGenerator(seed: 41)
        for places in 0...4 {
            let s = Self.sample(rows: 20_000, groups: 13, places: places, &rng)
            let got = try #require(AggregateKernels.decimalMeans(s.values, mask: s.mask, ids: s.ids, groups: 13, places: places))
            let scale = NumberText.power10(places)
            for g in 0..<13 {
                #expect(got.n[g] == Double(s.counts[g]))
                #expect(Self.isNearest(got.mean[g], Double(s.sums[g]), Double(s.counts[g]) * scale), "group \(g), \(places) places")
            }
            // Rows in another order: the same bits.
            var order = Array(0..<s.values.count)
            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            let shuffled = try #require(
                AggregateKernels.decimalMeans(
                    order.map { s.values[$0] }, mask: order.map { s.mask[$0] }, ids: order.map { s.ids[$0] }, groups: 13,
                    places: places))
            #expect(shuffled.mean.map(\.bitPattern) == got.mean.map(\.bitPattern), "\(places) places")
            // More places than the values need: the same quotient.
            if places < 4 {
                let wider = try #require(AggregateKernels.decimalMeans(s.values, mask: s.mask, ids: s.ids, groups: 13, places: places + 1))
                #expect(wider.mean.map(\.bitPattern) == got.mean.map(\.bitPattern), "\(places) + 1 places")
            }
        }
    }

    @Test("small cases come out as the decimal they are")
    func smallCases() throws {
        func mean(_ v: [Double], places: Int) throws -> Double {
            try #require(AggregateKernels.decimalMeans(v, mask: nil, ids: v.map { _ in 0 }, groups: 1, places: places)).mean[0]
        }
        #expect(try mean([0.1, 0.2, 0.3], places: 1) == 0.2)
        #expect(try mean([1.1, 2.2, 3.3], places: 1) == 2.2)
        #expect(try mean(Array(repeating: 0.1, count: 10), places: 1) == 0.1)
        #expect(try mean([-0.0, 0.5], places: 1) == 0.25)
        #expect(try mean([17.05, 17.15], places: 2) == 17.1)
        // A group with no values: counted 0 (the caller makes it missing).
        let empty = try #require(AggregateKernels.decimalMeans([1.5, 2], mask: [0, 0], ids: [0, 0], groups: 2, places: 1))
        #expect(empty.n == [2, 0])
    }

    @Test("values that are not such decimals, or sums past 2^53, are left to Welford's steps")
    func fallsBack() {
        func exact(_ v: [Double], places: Int) -> Bool {
            AggregateKernels.decimalMeans(v, mask: nil, ids: v.map { _ in 0 }, groups: 1, places: places) != nil
        }
        #expect(!exact([1.0 / 3, 1], places: 4), "a third is no decimal")
        #expect(!exact([0.1 + 0.2 + 1e-12, 1], places: 4))
        #expect(!exact([0.00001, 1], places: 4), "more places than asked for")
        #expect(!exact([0.00001], places: 0), "not taken for 0")
        #expect(!exact([2e8, 1], places: 4), "2 × 10^12 whole numbers of 10^-4: past 2^40")
        #expect(!exact(Array(repeating: 0x1p39 - 1, count: (1 << 14) + 1), places: 0), "sums could pass 2^53")
        #expect(exact([0.1 + 0.2], places: 1), "within a few units in the last place of 0.3")
        // Missing rows are not read.
        #expect(AggregateKernels.decimalMeans([1.0 / 3, 2], mask: [1, 0], ids: [0, 0], groups: 1, places: 0)?.mean == [2])
    }

    @Test("means of whole numbers are exact, or left to Welford's steps past 2^53")
    func integers() throws {
        let got = try #require(AggregateKernels.integerMeans([1, 2, 4, 7, -3], mask: [0, 0, 0, 0, 1], ids: [0, 0, 1, 1, 1], groups: 3))
        #expect(got.mean[0] == 1.5 && got.mean[1] == 5.5 && got.n == [2, 2, 0])
        let big: Int64 = 1 << 52 + 1
        #expect(AggregateKernels.integerMeans([big, big, big], mask: nil, ids: [0, 0, 0], groups: 1) == nil)
        #expect(AggregateKernels.integerMeans([.max, 1], mask: nil, ids: [0, 0], groups: 1) == nil)
        // Exact where Welford's running mean rounds: the mean of 3 × 10^15 + 1 and 3 × 10^15 + 2.
        let a: Int64 = 3_000_000_000_000_001
        let m = try #require(AggregateKernels.integerMeans([a, a + 1], mask: nil, ids: [0, 0], groups: 1)).mean[0]
        #expect(Self.isNearest(m, Double(2 * a + 1), 2))
    }
}

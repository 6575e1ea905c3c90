// Numbers to text: thousands separators, fixed decimals, the shortest exact
// text, and rounding half away from zero on the decimal digits.

import Testing

@testable import CasebookCore

@Suite("Number text")
struct NumberTextTests {
    // MARK: - grouped

    @Test func grouped() {
        #expect(NumberText.grouped(0) == "0")
        #expect(NumberText.grouped(999) == "999")
        #expect(NumberText.grouped(1000) == "1,000")
        #expect(NumberText.grouped(-1000) == "-1,000")
        #expect(NumberText.grouped(-999) == "-999")
        #expect(NumberText.grouped(1673) == "1,673")
        #expect(NumberText.grouped(1_234_567) == "1,234,567")
        #expect(NumberText.grouped(123_456) == "123,456")
        #expect(NumberText.grouped(Int64.max) == "9,223,372,036,854,775,807")
        #expect(NumberText.grouped(Int64.min) == "-9,223,372,036,854,775,808")
    }

    // MARK: - fixed

    @Test func fixed() {
        #expect(NumberText.fixed(1234.5, decimals: 2, grouping: true) == "1,234.50")
        #expect(NumberText.fixed(1234.5, decimals: 2) == "1234.50")
        #expect(NumberText.fixed(509.8, decimals: 1) == "509.8")
        #expect(NumberText.fixed(60, decimals: 0) == "60")
        #expect(NumberText.fixed(0.125, decimals: 2) == "0.13")
        #expect(NumberText.fixed(2.5, decimals: 0) == "3")
        #expect(NumberText.fixed(-2.5, decimals: 0) == "-3")
        #expect(NumberText.fixed(0.05, decimals: 3) == "0.050")
        #expect(NumberText.fixed(-1_234_567.891, decimals: 1, grouping: true) == "-1,234,567.9")
    }

    @Test func fixedRoundsOnTheDecimalDigitsLikeRound() {
        // Before the fix: "1.00", "2.67", "1.4" (the binary products fall just short of .5).
        #expect(NumberText.fixed(1.005, decimals: 2) == "1.01")
        #expect(NumberText.fixed(2.675, decimals: 2) == "2.68")
        #expect(NumberText.fixed(1.45, decimals: 1) == "1.5")
        #expect(NumberText.fixed(-1.005, decimals: 2) == "-1.01")
        #expect(NumberText.fixed(9.995, decimals: 2) == "10.00")
        #expect(NumberText.fixed(0.285, decimals: 2) == "0.29")
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<2_000 {
            let v = Double(Int64(rng.next() % 2_000_000) - 1_000_000) / 1000
            let d = Int(rng.next() % 4)
            let r = NumberText.round(v, places: d)
            #expect(NumberText.fixed(v, decimals: d) == NumberText.fixed(r, decimals: d), "\(v) to \(d)")
            #expect(Double(NumberText.fixed(v, decimals: d)) == r, "\(v) to \(d)")
        }
    }

    @Test func fixedEdges() {
        #expect(NumberText.fixed(-0.001, decimals: 2) == "0.00", "no minus sign on a zero")
        #expect(NumberText.fixed(-0.0, decimals: 1) == "0.0")
        #expect(NumberText.fixed(.nan, decimals: 2) == "NaN")
        #expect(NumberText.fixed(.infinity, decimals: 2) == "∞")
        #expect(NumberText.fixed(-.infinity, decimals: 2) == "-∞")
        #expect(NumberText.fixed(1.5, decimals: -3) == "2", "negative decimals count as none")
        #expect(NumberText.fixed(1.0 / 3, decimals: 40) == "0.333333333333333", "at most 15 decimals")
        #expect(NumberText.fixed(1e20, decimals: 2) == "100000000000000000000", "beyond 2^63 the shortest text")
    }

    // MARK: - written (CSV, JSON, write)

    @Test("written numbers drop the noise of binary arithmetic and keep every published digit")
    func written() {
        #expect(NumberText.written(0.1 + 0.2) == "0.3")
        #expect(NumberText.written(17.049999999999997) == "17.05")
        #expect(NumberText.written((15.1 + 19.0) / 2) == "17.05")
        #expect(NumberText.written(-17.049999999999997) == "-17.05")
        #expect(NumberText.written(0.999999999999999999) == "1")
        #expect(NumberText.written(99.99999999999997) == "100")
        #expect(NumberText.written(1e-7) == "0.0000001")
        #expect(NumberText.written(465.1) == "465.1")
        #expect(NumberText.written(3) == "3")
        #expect(NumberText.written(1e21) == "1e+21", "exponent forms are left as they are")
        #expect(NumberText.written(1.0 / 3) == "0.333333333333333")
        #expect(NumberText.written(2.0 / 3) == "0.666666666666667")
        // Every decimal of up to 15 significant digits, as a source publishes it, comes back whole.
        for text in ["12345678.1234567", "0.000123456789012345", "839.6", "-0.05", "123456789012345"] {
            let v = Double(text)!
            #expect(NumberText.written(v) == text)
            #expect(Double(NumberText.written(v)) == v)
        }
    }

    // MARK: - shortest

    @Test func shortest() {
        #expect(NumberText.shortest(0.1) == "0.1")
        #expect(NumberText.shortest(3.0) == "3")
        #expect(NumberText.shortest(-3.0) == "-3")
        #expect(NumberText.shortest(0) == "0")
        #expect(NumberText.shortest(-0.0) == "0")
        #expect(NumberText.shortest(1e-7) == "0.0000001")
        #expect(NumberText.shortest(-1.5e-7) == "-0.00000015")
        // Before the fix 1e15 to 2^53 gave "1000000000000000.0".
        #expect(NumberText.shortest(1e15) == "1000000000000000")
        #expect(NumberText.shortest(4_503_599_627_370_496) == "4503599627370496")
        #expect(NumberText.shortest(-2e15) == "-2000000000000000")
        #expect(NumberText.shortest(1e17) == "100000000000000000")
        #expect(NumberText.shortest(1e20) == "100000000000000000000")
        #expect(NumberText.shortest(1_000_000_000_000_000.5) == "1000000000000000.5")
        #expect(NumberText.shortest(1.5e16) == "15000000000000000")
        #expect(NumberText.shortest(1e21) == "1e+21")
        #expect(NumberText.shortest(1e-21) == "1e-21")
        #expect(NumberText.shortest(0.1 + 0.2) == "0.30000000000000004")
        #expect(NumberText.shortest(465.1) == "465.1")
        #expect(NumberText.shortest(.nan) == "NaN")
        #expect(NumberText.shortest(.infinity) == "inf")
        #expect(NumberText.shortest(-.infinity) == "-inf")
    }

    @Test func shortestReadsBackAsTheSameDouble() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<20_000 {
            // Magnitudes from 1e-19 to 1e20, where shortest never uses an exponent.
            let mantissa = Double(rng.next() % 1_000_000_000_000) / 1e6
            let v = mantissa * NumberText.power10(Int(rng.next() % 20)) / 1e13 * (rng.next() % 2 == 0 ? 1 : -1)
            let text = NumberText.shortest(v)
            #expect(!text.contains("e"), "\(v) → \(text)")
            #expect(Double(text) == v || (v == 0 && Double(text) == 0), "\(v) → \(text)")
        }
    }

    // MARK: - round

    @Test func roundHalfAwayFromZeroOnTheDecimalDigits() {
        #expect(NumberText.round(1.005, places: 2) == 1.01)
        #expect(NumberText.round(2.5, places: 0) == 3)
        #expect(NumberText.round(-2.5, places: 0) == -3)
        #expect(NumberText.round(0.5, places: 0) == 1)
        #expect(NumberText.round(-0.5, places: 0) == -1)
        #expect(NumberText.round(1.45, places: 1) == 1.5)
        #expect(NumberText.round(-1.005, places: 2) == -1.01)
        #expect(NumberText.round(2.675, places: 2) == 2.68)
        #expect(NumberText.round(9.995, places: 2) == 10)
        #expect(NumberText.round(99.5, places: 0) == 100)
        #expect(NumberText.round(0.1 + 0.2, places: 2) == 0.3)
        #expect(NumberText.round(509.84, places: 1) == 509.8)
        #expect(NumberText.round(1.23, places: 5) == 1.23, "fewer digits than places: unchanged")
        #expect(NumberText.round(7, places: 2) == 7)
    }

    @Test func roundToTensAndHundreds() {
        #expect(NumberText.round(1234.5678, places: -2) == 1200)
        #expect(NumberText.round(1250, places: -2) == 1300)
        #expect(NumberText.round(-1250, places: -2) == -1300)
        #expect(NumberText.round(15, places: -1) == 20)
        #expect(NumberText.round(14.9, places: -1) == 10)
    }

    @Test func roundEdges() {
        // Before the fix these came back unrounded: the shortest text of a value
        // below 1e-20 is in exponent form.
        #expect(NumberText.round(1e-21, places: 2) == 0)
        #expect(NumberText.round(-1e-25, places: 15) == 0)
        #expect(NumberText.round(Double.leastNonzeroMagnitude, places: 0) == 0)
        #expect(NumberText.round(1e300, places: 2) == 1e300)
        #expect(NumberText.round(1e21, places: 0) == 1e21)
        #expect(NumberText.round(.nan, places: 2).isNaN)
        #expect(NumberText.round(.infinity, places: 2) == .infinity)
        #expect(NumberText.round(1.0 / 3, places: 40) == 0.333333333333333, "at most 15 places")
    }

    @Test func roundAgreesWithDecimalArithmeticOnGeneratedValues() {
        // Values with three decimals, rounded to two: compare with integer arithmetic.
        var rng = SeededGenerator(seed: 2016)
        for _ in 0..<5_000 {
            let thousandths = Int64(rng.next() % 2_000_000) - 1_000_000
            let v = Double(thousandths) / 1000
            let q = thousandths.magnitude
            let hundredths = Int64((q + 5) / 10) * (thousandths < 0 ? -1 : 1)
            #expect(NumberText.round(v, places: 2) == Double(hundredths) / 100, "\(v)")
        }
    }

    @Test func decimalsNeeded() {
        #expect(NumberText.decimalsNeeded(509.8, maxDecimals: 4) == 1)
        #expect(NumberText.decimalsNeeded(60, maxDecimals: 4) == 0)
        #expect(NumberText.decimalsNeeded(17.75333, maxDecimals: 4) == 4)
        #expect(NumberText.decimalsNeeded(1.005, maxDecimals: 2) == 2, "1.01 needs two")
        #expect(NumberText.decimalsNeeded(0.9999, maxDecimals: 2) == 0, "rounds to 1")
        #expect(NumberText.decimalsNeeded(.nan, maxDecimals: 2) == 0)
    }

    /// The places a value needs, as they were worked out before the shortcut:
    /// from the value rounded on its decimal text, for every value.
    static func decimalsNeededByText(_ value: Double, maxDecimals: Int) -> Int {
        guard value.isFinite else { return 0 }
        let scale = NumberText.power10(maxDecimals)
        var scaled = (NumberText.round(value.magnitude, places: maxDecimals) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e18 else { return 0 }
        var d = maxDecimals
        while d > 0, scaled.truncatingRemainder(dividingBy: 10) == 0 {
            scaled /= 10
            d -= 1
        }
        return d
    }

    @Test("the shortcut away from ties gives the places the decimal text gives, for every kind of value")
    func decimalsNeededAsByText() {
        var rng = SeededGenerator(seed: 4)
        var values: [Double] = [
            0, -0.0, 1.005, 2.675, 0.00005, 0.00015, 1.00005, 123456.78905, 1e15 + 0.5, 9e14, 8.99e14 + 0.25, 1e-320,
            .greatestFiniteMagnitude, -1.5e-5, 0.1 + 0.2, 17.049999999999997, 4.99995, 9.99995,
        ]
        for _ in 0..<20_000 {
            // Decimal figures as published, ties at the fifth place, and raw doubles.
            let digits = Double(Int64(rng.next() % 20_000_000) - 10_000_000)
            values.append(digits / NumberText.power10(Int(rng.next() % 7)))
            values.append((digits + 0.5) / 1e4)
            values.append(Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF))
        }
        for v in values {
            for places in [0, 1, 2, 4] {
                #expect(
                    NumberText.decimalsNeeded(v, maxDecimals: places) == Self.decimalsNeededByText(v, maxDecimals: places),
                    "\(v) to \(places)")
            }
        }
    }

    @Test("the places of a column are the most any of its present values needs")
    func decimalsNeededOfAColumn() {
        var rng = SeededGenerator(seed: 8)
        for trial in 0..<400 {
            let n = Int(rng.next() % 300)
            let places = Int(rng.next() % 6)
            var values: [Double] = (0..<n).map { _ in
                Double(Int64(rng.next() % 2_000_000) - 1_000_000) / NumberText.power10(Int(rng.next() % UInt64(places + 1)))
            }
            if trial % 7 == 0, n > 0 { values[Int(rng.next() % UInt64(n))] = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) }
            if trial % 11 == 0, n > 0 { values[Int(rng.next() % UInt64(n))] = 2.675 }
            let mask: [UInt8]? = trial % 3 == 0 ? (0..<n).map { _ in UInt8(rng.next() % 4 == 0 ? 1 : 0) } : nil
            for most in [0, 2, 4] {
                var want = 0
                for i in 0..<n where mask == nil || mask![i] == 0 {
                    want = max(want, Self.decimalsNeededByText(values[i], maxDecimals: most))
                }
                let got = values.withUnsafeBufferPointer { v in
                    mask.withOptionalBuffer { m in NumberText.decimalsNeeded(of: v, mask: m, maxDecimals: most) }
                }
                #expect(got == want, "trial \(trial), \(most) places")
            }
        }
    }

    /// `written` as it was first made, on Characters: the reference for the byte version.
    static func writtenByCharacters(_ value: Double) -> String {
        let text = NumberText.shortest(value)
        guard value.isFinite else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        guard !body.contains("e"), !body.contains("E") else { return text }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let intDigits = Array(parts[0]), fracDigits = parts.count > 1 ? Array(parts[1]) : []
        var digits = intDigits + fracDigits
        let firstSignificant = digits.firstIndex { $0 != "0" } ?? digits.count
        let keep = firstSignificant + NumberText.significantWritten
        guard digits.count > keep, keep > intDigits.count else { return text }
        var roundUp = digits[keep] >= "5"
        digits.removeLast(digits.count - keep)
        var i = digits.count - 1
        while roundUp, i >= 0 {
            if digits[i] == "9" {
                digits[i] = "0"
                i -= 1
            } else {
                digits[i] = Character(UnicodeScalar(digits[i].asciiValue! + 1))
                roundUp = false
            }
        }
        var point = intDigits.count
        if roundUp {
            digits.insert("1", at: 0)
            point += 1
        }
        var whole = String(digits[..<point]), frac = String(digits[point...])
        while frac.hasSuffix("0") { frac.removeLast() }
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        let result = frac.isEmpty ? whole : whole + "." + frac
        return negative && result != "0" ? "-" + result : result
    }

    @Test("written on bytes gives what written on Characters gave, for every kind of double")
    func writtenAsByCharacters() {
        var rng = SeededGenerator(seed: 21)
        var values: [Double] = [0, -0.0, 0.1 + 0.2, 17.049999999999997, 9.9999999999999999, 0.99999999999999989, 1e20, 1e21, 1e-7,
            -999999999999999.9, 123456789012345.67, 0.000123456789012345678, .infinity, -.infinity, .nan]
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: rng.next()))
            values.append(Double(Int64(bitPattern: rng.next()) % 10_000_000) / Double(1 + rng.next() % 997))
            values.append(Double(Int64(bitPattern: rng.next()) % 100_000) / 1000 + 0.1 + 0.2)
        }
        for v in values {
            #expect(NumberText.written(v) == Self.writtenByCharacters(v), "\(v)")
        }
    }
}

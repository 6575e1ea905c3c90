// Numbers read from a field's bytes: exact decimals (checked against the
// standard library's parser on generated values), integer overflow, grouped
// thousands, signs, exponents, percentages, codes with leading zeros, and the
// decimal comma of `;`-separated files.

import Testing

@testable import CasebookCore

enum Parsed: Equatable, CustomStringConvertible {
    case integer(Int64)
    /// Compared by bit pattern, so -0.0 and 0.0 differ and the last bit counts.
    case decimal(UInt64)
    case leadingZero
    case notANumber

    static func of(_ text: String, decimalComma: Bool = false) -> Parsed {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { p in
            switch FieldParsing.parseNumber(p, 0, p.count, decimalComma: decimalComma) {
            case .integer(let v): return .integer(v)
            case .decimal(let d): return .decimal(d.bitPattern)
            case .leadingZero: return .leadingZero
            case .notANumber: return .notANumber
            }
        }
    }

    static func d(_ v: Double) -> Parsed { .decimal(v.bitPattern) }

    var description: String {
        switch self {
        case .integer(let v): return "integer(\(v))"
        case .decimal(let b): return "decimal(\(Double(bitPattern: b)))"
        case .leadingZero: return "leadingZero"
        case .notANumber: return "notANumber"
        }
    }
}

@Suite("Field parsing")
struct FieldParsingTests {
    // MARK: - Exactness against Double(String)

    /// Decimal strings of every length and scale the fast path and the fallback
    /// see, each compared bit for bit with the standard library's parser.
    @Test func generatedDecimalsMatchTheStandardParser() {
        var rng = SeededGenerator(seed: 20_160_331)
        var checked = 0
        for _ in 0..<60_000 {
            let intDigits = Int(rng.next() % 12)
            let fracDigits = Int(rng.next() % 22)
            var s = rng.next() % 4 == 0 ? "-" : ""
            if intDigits == 0 {
                s += "0"
            } else {
                s += String(1 + rng.next() % 9)
                for _ in 1..<intDigits { s += String(rng.next() % 10) }
            }
            if fracDigits > 0 || rng.next() % 2 == 0 {
                s += "."
                for _ in 0..<max(1, fracDigits) { s += String(rng.next() % 10) }
            }
            if rng.next() % 5 == 0 {
                let e = Int(rng.next() % 60) - 30
                s += (rng.next() % 2 == 0 ? "e" : "E") + String(e)
            }
            let expected = Double(s)!
            let isWhole = !s.contains(".") && !s.contains("e") && !s.contains("E")
            if isWhole, let i = Int64(s) {
                #expect(Parsed.of(s) == .integer(i), "\(s)")
            } else {
                #expect(Parsed.of(s) == .d(expected), "\(s)")
            }
            checked += 1
        }
        #expect(checked == 60_000)
    }

    @Test func shortestTextOfRandomDoublesReadsBackExactly() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<20_000 {
            let v = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)  // finite, positive
            let text = "\(v)"
            #expect(Parsed.of(text) == .d(v), "\(text)")
        }
    }

    @Test(arguments: [
        ("0.1", 0.1), ("0.2", 0.2), ("0.3", 0.3), ("509.8", 509.8), ("465.1", 465.1), ("839.6", 839.6),
        ("9007199254740993.0", 9_007_199_254_740_992), ("1.7976931348623157e308", 1.7976931348623157e308),
        ("2.2250738585072014e-308", 2.2250738585072014e-308), ("4.9e-324", Double.leastNonzeroMagnitude),
        ("0.30000000000000004", 0.30000000000000004), ("123456789012345678901234567890", 1.2345678901234568e29),
        ("0.000000000000000000000000000001", 1e-30), ("3.14159265358979323846264338327950288", 3.141592653589793),
    ])
    func hardDecimals(_ text: String, _ value: Double) {
        #expect(Parsed.of(text) == .d(value))
        #expect(Parsed.of(text) == .d(Double(text)!))
    }

    // MARK: - Integers and overflow

    @Test func integers() {
        #expect(Parsed.of("1673") == .integer(1673))
        #expect(Parsed.of("0") == .integer(0))
        #expect(Parsed.of("-2") == .integer(-2))
        #expect(Parsed.of("+5") == .integer(5))
        #expect(Parsed.of("-0") == .integer(0))
        #expect(Parsed.of("9007199254740993") == .integer(9_007_199_254_740_993), "beyond 2^53, still exact")
        #expect(Parsed.of("9223372036854775807") == .integer(.max))
        #expect(Parsed.of("-9223372036854775808") == .integer(.min))
    }

    @Test func integerOverflowFallsBackToDecimal() {
        #expect(Parsed.of("9223372036854775808") == .d(9_223_372_036_854_775_808))
        #expect(Parsed.of("-9223372036854775809") == .d(-9_223_372_036_854_775_808.0))  // the nearest double
        #expect(Parsed.of("18446744073709551616") == .d(18_446_744_073_709_551_616))
        #expect(Parsed.of("99999999999999999999") == .d(1e20))
        #expect(Parsed.of("123456789012345678901234567890123456789") == .d(Double("123456789012345678901234567890123456789")!))
    }

    // MARK: - Grouping, signs, exponents, percentages

    @Test func groupedThousands() {
        #expect(Parsed.of("1,234") == .integer(1234))
        #expect(Parsed.of("1,234,567") == .integer(1_234_567))
        #expect(Parsed.of("-1,234") == .integer(-1234))
        #expect(Parsed.of("12,345,678.25") == .d(12_345_678.25))
        #expect(Parsed.of("1,234,567,890,123,456,789,012") == .d(Double("1234567890123456789012")!))
        for bad in ["1,23", "1234,567", ",123", "1,,234", "1,234,", "12,34", "1,2345", "0,123", "00,123", "-0,5"] {
            #expect(Parsed.of(bad) == .notANumber, "\(bad)")
        }
    }

    @Test func negativeNumbers() {
        #expect(Parsed.of("-0.5") == .d(-0.5))
        #expect(Parsed.of("-0.0") == .d(-0.0), "the sign of zero is kept")
        #expect(Parsed.of("-465.1") == .d(-465.1))
        #expect(Parsed.of("--1") == .notANumber)
        #expect(Parsed.of("1-2") == .notANumber)
    }

    @Test func exponents() {
        #expect(Parsed.of("1e3") == .d(1000))
        #expect(Parsed.of("1E3") == .d(1000))
        #expect(Parsed.of("1e+3") == .d(1000))
        #expect(Parsed.of("2.5e-2") == .d(0.025))
        #expect(Parsed.of("-1.5E2") == .d(-150))
        #expect(Parsed.of("1e-400") == .d(0))
        #expect(Parsed.of("1e400") == .notANumber, "infinite is not a number")
        for bad in ["1e", "1e+", "e5", "1e5.5", "1ee5"] { #expect(Parsed.of(bad) == .notANumber, "\(bad)") }
    }

    @Test func percentages() {
        #expect(Parsed.of("12.5%") == .d(12.5))
        #expect(Parsed.of("50%") == .d(50), "a percentage is a decimal even when whole")
        #expect(Parsed.of("-5%") == .d(-5))
        #expect(Parsed.of("%") == .notANumber)
        #expect(Parsed.of("5%%") == .notANumber)
    }

    @Test func spacesAroundANumberAreIgnored() {
        #expect(Parsed.of(" 12 ") == .integer(12))
        #expect(Parsed.of("  1.5") == .d(1.5))
        #expect(Parsed.of("1 2") == .notANumber)
        #expect(Parsed.of("   ") == .notANumber)
    }

    @Test func leadingZeros() {
        #expect(Parsed.of("0123") == .leadingZero)
        #expect(Parsed.of("00") == .leadingZero)
        #expect(Parsed.of("-0123") == .leadingZero)
        #expect(Parsed.of("0.5") == .d(0.5))
        #expect(Parsed.of("00.5") == .d(0.5))
        #expect(Parsed.of("0e1") == .d(0))
        #expect(Parsed.of(".5") == .d(0.5))
        #expect(Parsed.of("5.") == .d(5))
    }

    @Test func notNumbers() {
        for text in ["", "-", "+", ".", "abc", "1.2.3", "0x10", "inf", "nan", "NaN", "1,5x", "£5", "5kg", "c", "low"] {
            #expect(Parsed.of(text) == .notANumber, "\(text)")
        }
    }

    // MARK: - Decimal comma (`;`-separated files)

    @Test func decimalComma() {
        #expect(Parsed.of("0,125", decimalComma: true) == .d(0.125))
        #expect(Parsed.of("1,250", decimalComma: true) == .d(1.25))
        #expect(Parsed.of("465,1", decimalComma: true) == .d(465.1))
        #expect(Parsed.of("-0,5", decimalComma: true) == .d(-0.5))
        #expect(Parsed.of("465.1", decimalComma: true) == .d(465.1), "a decimal point still reads")
        #expect(Parsed.of("12", decimalComma: true) == .integer(12))
        #expect(Parsed.of("0,1234567890123456789", decimalComma: true) == .d(Double("0.1234567890123456789")!))
        #expect(Parsed.of("1,234,567", decimalComma: true) == .notANumber, "no thousands separators")
        #expect(Parsed.of("0123", decimalComma: true) == .leadingZero)
        #expect(Parsed.of("0,5", decimalComma: false) == .notANumber)
    }
}

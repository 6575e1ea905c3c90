// Numbers read straight from a field's bytes, as the DfE publishes them: "1673",
// "-2", "509.8", "1,234" (thousands separators, in a quoted field), "12.5%",
// "1e3". No String is made for a number; only rare long decimals fall back to the
// standard library's exact parser. In a `;`-separated file (the continental
// European convention) a comma is the decimal point: "0,125" is 0.125, never 125.

enum FieldNumber {
    case integer(Int64)
    case decimal(Double)
    /// Looks like a number but must stay text to keep its meaning ("0123": a code).
    case leadingZero
    case notANumber
}

enum FieldParsing {
    /// Exact powers of ten up to 1e22 (all exactly representable as doubles),
    /// as constants: a table in a global would be checked for initialisation
    /// on every number.
    @inline(__always)
    static func power(_ n: Int) -> Double {
        switch n {
        case 0: return 1
        case 1: return 1e1
        case 2: return 1e2
        case 3: return 1e3
        case 4: return 1e4
        case 5: return 1e5
        case 6: return 1e6
        case 7: return 1e7
        case 8: return 1e8
        case 9: return 1e9
        case 10: return 1e10
        case 11: return 1e11
        case 12: return 1e12
        case 13: return 1e13
        case 14: return 1e14
        case 15: return 1e15
        case 16: return 1e16
        case 17: return 1e17
        case 18: return 1e18
        case 19: return 1e19
        case 20: return 1e20
        case 21: return 1e21
        default: return 1e22
        }
    }

    /// Parses bytes `p[start..<end]` (already unquoted) as a number. With
    /// `decimalComma`, a comma is a decimal point and there are no thousands separators.
    @inline(__always)
    static func parseNumber(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool = false
    ) -> FieldNumber {
        if let plain = plainNumber(p, start, end) { return plain }
        return parseAnyNumber(p, start, end, decimalComma: decimalComma)
    }

    /// The common case quickly: digits, optionally a point and more digits,
    /// nothing else ("1673", "465.1"); nil for anything else (signs, spaces,
    /// separators, exponents, "0123", long numbers), which the full parser
    /// reads, to the same result.
    @inline(__always)
    static func plainNumber(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> FieldNumber? {
        guard end > start, end - start <= 17 else { return nil }
        var i = start
        var mantissa: UInt64 = 0
        while i < end {
            let d = p[i] &- 48
            if d > 9 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        let whole = i - start
        guard whole > 0, whole == 1 || p[start] != UInt8(ascii: "0") else { return nil }
        if i == end { return .integer(Int64(mantissa)) }
        guard p[i] == UInt8(ascii: "."), i + 1 < end else { return nil }
        i += 1
        let fractionStart = i
        while i < end {
            let d = p[i] &- 48
            if d > 9 { return nil }
            mantissa = mantissa &* 10 &+ UInt64(d)
            i += 1
        }
        // Below 2^53 the division of two exact doubles rounds correctly (Clinger);
        // above, the full parser reads it exactly.
        guard mantissa < 1 << 53 else { return nil }
        return .decimal(Double(mantissa) / power(end - fractionStart))
    }

    static func parseAnyNumber(
        _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool = false
    ) -> FieldNumber {
        var i = start
        var e = end
        // Trim surrounding spaces (some files pad numbers).
        while i < e, p[i] == 0x20 { i += 1 }
        while e > i, p[e - 1] == 0x20 { e -= 1 }
        guard i < e else { return .notANumber }
        var negative = false
        if p[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        } else if p[i] == UInt8(ascii: "+") {
            i += 1
        }
        guard i < e else { return .notANumber }
        var percent = false
        if p[e - 1] == UInt8(ascii: "%") {
            percent = true
            e -= 1
            guard i < e else { return .notANumber }
        }
        let digitsStart = i
        var mantissa: UInt64 = 0
        var overflow = false
        var sawDigit = false
        var groupDigits = -1  // digits since the last thousands comma, -1 before any comma
        var firstGroupDigits = 0
        // Whole part, with optional thousands separators.
        while i < e {
            let c = p[i]
            if c >= 48 && c <= 57 {
                sawDigit = true
                if mantissa < 1_000_000_000_000_000_000 {
                    mantissa = mantissa &* 10 &+ UInt64(c - 48)
                } else {
                    overflow = true
                }
                if groupDigits >= 0 { groupDigits += 1 } else { firstGroupDigits += 1 }
                i += 1
            } else if c == UInt8(ascii: ",") && !decimalComma {
                // "1,234": each group after a comma has exactly three digits, and
                // the first group has no leading zero ("0,123" is not 123).
                if groupDigits == -1 {
                    if firstGroupDigits == 0 || firstGroupDigits > 3 || p[digitsStart] == UInt8(ascii: "0") {
                        return .notANumber
                    }
                } else if groupDigits != 3 {
                    return .notANumber
                }
                groupDigits = 0
                i += 1
            } else {
                break
            }
        }
        if groupDigits != -1 && groupDigits != 3 { return .notANumber }
        let wholeDigits = i - digitsStart
        // "0123" keeps its zero: it is an identifier, not a number.
        if wholeDigits > 1, p[digitsStart] == UInt8(ascii: "0"), groupDigits == -1 {
            let next = i < e ? p[i] : 0
            if next != UInt8(ascii: ".") && next != UInt8(ascii: "e") && next != UInt8(ascii: "E")
                && !(decimalComma && next == UInt8(ascii: ","))
            {
                return .leadingZero
            }
        }
        var isDecimal = percent
        var fractionDigits = 0
        if i < e, p[i] == UInt8(ascii: ".") || (decimalComma && p[i] == UInt8(ascii: ",")) {
            isDecimal = true
            i += 1
            while i < e, p[i] >= 48, p[i] <= 57 {
                sawDigit = true
                if !overflow && mantissa < 100_000_000_000_000_000 {
                    mantissa = mantissa &* 10 &+ UInt64(p[i] - 48)
                    fractionDigits += 1
                } else {
                    overflow = true
                }
                i += 1
            }
        }
        guard sawDigit else { return .notANumber }
        var exponent = 0
        if i < e, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            isDecimal = true
            i += 1
            var expNegative = false
            if i < e, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < e, p[i] >= 48, p[i] <= 57 else { return .notANumber }
            while i < e, p[i] >= 48, p[i] <= 57 {
                if exponent < 10_000 { exponent = exponent * 10 + Int(p[i] - 48) }
                i += 1
            }
            if expNegative { exponent = -exponent }
        }
        guard i == e else { return .notANumber }
        if !isDecimal && !overflow {
            if negative {
                if mantissa <= UInt64(Int64.max) + 1 { return .integer(mantissa == UInt64(Int64.max) + 1 ? Int64.min : -Int64(mantissa)) }
            } else if mantissa <= UInt64(Int64.max) {
                return .integer(Int64(mantissa))
            }
        }
        // Clinger's fast path: exact when the mantissa fits in 53 bits and the
        // power of ten is exact.
        let scale = exponent - fractionDigits
        if !overflow && mantissa < (1 << 53) && scale >= -22 && scale <= 22 {
            var v = Double(mantissa)
            v = scale < 0 ? v / power(-scale) : v * power(scale)
            return .decimal(negative ? -v : v)
        }
        // Rare: long or extreme numbers go through the exact standard parser.
        var text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self)
        if decimalComma { text = String(text.map { $0 == "," ? "." : $0 }) }
        text = text.filter { $0 != "," && $0 != " " && $0 != "%" }
        guard let v = Double(text), v.isFinite else { return .notANumber }
        return .decimal(v)
    }
}

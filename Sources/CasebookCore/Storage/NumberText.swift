// Numbers to text without Foundation's formatters (which would pull in ICU and
// slow start-up): thousands separators, fixed decimals, and the shortest text
// that reads back as the same double.

enum NumberText {
    /// 1234567 → "1,234,567".
    static func grouped(_ n: Int) -> String { grouped(Int64(n)) }

    static func grouped(_ n: Int64) -> String {
        let digits = String(n.magnitude)
        guard digits.count > 3 else { return n < 0 ? "-" + digits : digits }
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        let chars = Array(digits)
        let lead = chars.count % 3
        for (i, c) in chars.enumerated() {
            if i > 0 && (i - lead) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// `value` rounded half away from zero to `decimals` places, optionally with
    /// thousands separators: fixed(1234.5, 2, grouping: true) → "1,234.50".
    /// Rounds on the decimal digits, as `round` does: 1.005 to two places is
    /// "1.01" (the binary product 1.005 × 100 = 100.4999… would give "1.00").
    static func fixed(_ value: Double, decimals: Int, grouping: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-∞" : "∞") }
        let d = max(0, min(decimals, 15))
        let scale = power10(d)
        let scaled = (round(value.magnitude, places: d) * scale).rounded(.toNearestOrAwayFromZero)
        // Beyond 2^63 the integer route cannot hold the digits: fall back.
        guard scaled < 9.2e18 else { return shortest(value) }
        let whole = UInt64(scaled)
        let unit = UInt64(scale)
        let intPart = whole / unit
        let fracPart = whole % unit
        var text = grouping ? grouped(Int64(intPart)) : String(intPart)
        if d > 0 {
            text += "." + String(fracPart).leftPadded(to: d, with: "0")
        }
        let isZero = whole == 0
        return value < 0 && !isZero ? "-" + text : text
    }

    /// A computed number as CSV, JSON and `write` give it: the shortest text
    /// that reads back as the same double, once the noise of binary arithmetic
    /// is gone. A double holds 15 significant decimal digits faithfully
    /// (DBL_DIG), so every figure read from a source comes back with the digits
    /// it was published with; a sum or mean of them whose exact binary result
    /// is 17.049999999999997 is written 17.05, as a spreadsheet shows it.
    /// Digits beyond the fifteenth are rounded half away from zero.
    public static func written(_ value: Double) -> String {
        let text = shortest(value)
        guard value.isFinite else { return text }
        // Most figures have at most fifteen digits: nothing to round. (A CSV
        // of thousands of means spent a tenth of a query here when every
        // number went through the arrays below.)
        var digitCount = 0
        for b in text.utf8 {
            if b &- UInt8(ascii: "0") < 10 {
                digitCount += 1
            } else if b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                // Plain notation only (shortest keeps exponents only beyond 1e±20: left as they are).
                return text
            }
        }
        guard digitCount > significantWritten else { return text }
        let utf8 = Array(text.utf8)
        let negative = utf8.first == UInt8(ascii: "-")
        let zero = UInt8(ascii: "0")
        // The digits without sign or point, one spare place in front for a carry.
        var digits = [UInt8](repeating: zero, count: digitCount + 1)
        var n = 1, intCount = 0, seenDot = false
        for b in utf8 where b != UInt8(ascii: "-") {
            if b == UInt8(ascii: ".") {
                seenDot = true
                continue
            }
            digits[n] = b
            n += 1
            if !seenDot { intCount += 1 }
        }
        let firstSignificant = (1..<n).first { digits[$0] != zero } ?? n
        let keep = firstSignificant + significantWritten
        guard n > keep, keep > intCount + 1 else { return text }
        // Round the digit string at `keep`: exact decimal rounding of the shortest form.
        var roundUp = digits[keep] >= UInt8(ascii: "5")
        n = keep
        var i = n - 1
        while roundUp {
            if digits[i] == UInt8(ascii: "9") {
                digits[i] = zero
                i -= 1
            } else {
                digits[i] += 1
                roundUp = false
            }
        }
        // digits[1...intCount] is the whole part (digits[0] holds a carry, else 0).
        var first = 0
        while first < intCount, digits[first] == zero { first += 1 }
        var last = n
        while last > intCount + 1, digits[last - 1] == zero { last -= 1 }
        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        out.reserveCapacity(last - first + 3)
        out += digits[first...intCount]
        if last > intCount + 1 {
            out.append(UInt8(ascii: "."))
            out += digits[(intCount + 1)..<last]
        }
        if negative, out.count == 2, out[1] == zero { return "0" }
        return String(decoding: out, as: UTF8.self)
    }

    /// Significant digits a written number keeps (DBL_DIG).
    static let significantWritten = 15

    /// The shortest decimal text that reads back as exactly `value`, never in
    /// exponent form for ordinary magnitudes: 0.1 → "0.1", 3.0 → "3", 1e-7 → "0.0000001".
    static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        if value == 0 { return "0" }
        // Whole numbers as integers (Swift would print 1e15 as "1000000000000000.0").
        if value == value.rounded(), value.magnitude < 1e18 {
            return String(Int64(value))
        }
        let text = "\(value)"  // Swift prints the shortest round-tripping form
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        // Expand "1.5e-07" into plain notation when the exponent is moderate.
        let mantissa = String(text[..<e])
        guard let exponent = Int(text[text.index(after: e)...]), exponent > -20, exponent < 21 else { return text }
        let negative = mantissa.hasPrefix("-")
        let digitsText = mantissa.replacing("-", with: "")
        let parts = digitsText.split(separator: ".", omittingEmptySubsequences: false)
        let intDigits = String(parts[0])
        let fracDigits = parts.count > 1 ? String(parts[1]) : ""
        var all = intDigits + fracDigits
        var point = intDigits.count + exponent
        if point <= 0 {
            all = String(repeating: "0", count: -point + 1) + all
            point = 1
        } else if point > all.count {
            all += String(repeating: "0", count: point - all.count)
        }
        var result = String(all.prefix(point))
        var frac = String(all.dropFirst(point))
        while frac.hasSuffix("0") { frac.removeLast() }
        if !frac.isEmpty { result += "." + frac }
        return negative ? "-" + result : result
    }

    /// Number of decimal places `shortest` would show, after rounding to
    /// `maxDecimals` (used to align a column's decimal points).
    static func decimalsNeeded(_ value: Double, maxDecimals: Int) -> Int {
        guard value.isFinite else { return 0 }
        let scale = power10(maxDecimals)
        // Called for every value of a column (the places a mean is shown to):
        // away from a tie, rounding the binary value and rounding its decimal
        // text agree, so the text (about 300 ns a value) is made only near one.
        // Below 2^52 a double's whole part converts exactly, and adding a half
        // rounds half up (away from zero for a magnitude) without a libm call.
        let x = value.magnitude * scale
        var digits: UInt64
        if x < 4_503_599_627_370_496, abs(x - Double(UInt64(x)) - 0.5) > 1e-3 {
            digits = UInt64(x + 0.5)
        } else {
            let scaled = (round(value.magnitude, places: maxDecimals) * scale).rounded(.toNearestOrAwayFromZero)
            guard scaled < 9e18 else { return 0 }
            digits = UInt64(scaled)
        }
        var d = maxDecimals
        while d > 0, digits % 10 == 0 {
            digits /= 10
            d -= 1
        }
        return d
    }

    /// The most places any present value needs (the largest
    /// `decimalsNeeded` of them): one pass that keeps the fewest trailing
    /// zeros seen among the values scaled to `maxDecimals` places, so most
    /// values cost a multiply, a conversion and a remainder by a constant.
    static func decimalsNeeded(of values: UnsafeBufferPointer<Double>, mask: UnsafePointer<UInt8>?, maxDecimals: Int) -> Int {
        let scale = power10(maxDecimals)
        var zeros = maxDecimals  // the fewest trailing zeros so far: places needed = maxDecimals - zeros
        @inline(__always) func divisible(_ n: Int64, _ k: Int) -> Bool {
            switch k {
            case 0: return true
            case 1: return n % 10 == 0
            case 2: return n % 100 == 0
            case 3: return n % 1000 == 0
            case 4: return n % 10000 == 0
            default: return n % Int64(power10(k)) == 0
            }
        }
        @inline(__always) func visit(_ v: Double) {
            let x = v.magnitude * scale
            // Below 2^52 the whole part converts exactly; away from a tie,
            // rounding the binary value is rounding its decimal text.
            if x < 4_503_599_627_370_496 {
                let whole = Int64(x)
                let fraction = x - Double(whole)
                if abs(fraction - 0.5) > 1e-3 {
                    let n = fraction > 0.5 ? whole + 1 : whole
                    while zeros > 0 && !divisible(n, zeros) { zeros -= 1 }
                    return
                }
            }
            zeros = min(zeros, maxDecimals - decimalsNeeded(v, maxDecimals: maxDecimals))
        }
        if let mask {
            for i in 0..<values.count where mask[i] == 0 {
                visit(values[i])
                if zeros == 0 { break }
            }
        } else {
            for i in 0..<values.count {
                visit(values[i])
                if zeros == 0 { break }
            }
        }
        return maxDecimals - zeros
    }

    static func power10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// Rounds half away from zero to `places` decimals (negative places round to tens, hundreds…).
    public static func round(_ value: Double, places: Int) -> Double {
        guard value.isFinite else { return value }
        if places >= 0 {
            let p = power10(min(places, 15))
            let r = (value * p).rounded(.toNearestOrAwayFromZero) / p
            // Guard against 1.005 * 100 = 100.49999…: round the shortest decimal text instead.
            let viaText = roundDecimalText(value, places: min(places, 15))
            return viaText ?? r
        } else {
            // 10^places past 1e308 is ∞: every finite number rounds to 0 there.
            let p = power10(min(-places, 400))
            guard p.isFinite else { return value < 0 ? -0.0 : 0 }
            return (value / p).rounded(.toNearestOrAwayFromZero) * p
        }
    }

    /// Rounding on the decimal digits of the shortest representation, which is
    /// what a person reading "1.005" expects (1.01), not what binary gives (1.00).
    private static func roundDecimalText(_ value: Double, places: Int) -> Double? {
        let text = shortest(value.magnitude)
        // Exponent form: at least 1e21 (a whole number) or below 1e-20 (zero to
        // any number of places there is).
        if text.contains("e") { return value.magnitude >= 1 ? value : (value < 0 ? -0.0 : 0.0) }
        guard let dot = text.firstIndex(of: ".") else { return value }
        let frac = text[text.index(after: dot)...]
        if frac.count <= places { return value }
        var digits = Array(text.replacing(".", with: "").utf8).map { Int($0) - 48 }
        let intCount = text.distance(from: text.startIndex, to: dot)
        let keep = intCount + places
        let roundUp = digits[keep] >= 5
        digits = Array(digits[0..<keep])
        if roundUp {
            var i = digits.count - 1
            var carry = 1
            while i >= 0 && carry > 0 {
                let v = digits[i] + carry
                digits[i] = v % 10
                carry = v / 10
                i -= 1
            }
            if carry > 0 { digits.insert(carry, at: 0) }
        }
        let newIntCount = digits.count - places
        var s = digits[0..<newIntCount].map(String.init).joined()
        if s.isEmpty { s = "0" }
        if places > 0 { s += "." + digits[newIntCount...].map(String.init).joined() }
        guard let r = Double(s) else { return nil }
        return value < 0 ? -r : r
    }
}

// One rule for results a number cannot hold, applied where every computed
// value passes: building a column.
//
// - A whole-number result that does not fit in 64 bits is computed as a decimal
//   instead (the whole column becomes decimal), never wrapped or clamped:
//   arithmetic, `abs`, `floor`, `sum`, `change` all follow it.
// - A decimal result that is not finite is missing, with the reason `overflow`
//   for ±∞ (a sum, product, variance or change past ±1.8e308) and `undefined`
//   for NaN (∞ − ∞, the square root of a negative), as a division by zero is
//   missing with the reason `÷0`.
//
// Because `Column.init` applies the second half to every decimal column, no
// table ever holds ±∞ or NaN, so no stage can rank, compare or chart one and no
// renderer has to print one. The renderers still refuse to print a non-finite
// number themselves (JSON writes null), so that a future path around this rule
// cannot make invalid output.

enum ComputedExtremes {
    /// The reason a non-finite result is missing.
    @inline(__always)
    static func reason(_ value: Double) -> MissingReason {
        value.isNaN ? .undefined : .overflow
    }

    /// A computed decimal as a value: missing with its reason when not finite.
    static func value(_ d: Double) -> Value {
        d.isFinite ? .decimal(d) : .missing(reason(d))
    }

    /// A scalar result with the rule applied.
    static func value(_ v: Value) -> Value {
        if case .decimal(let d) = v { return value(d) }
        return v
    }

    /// Replaces non-finite values by 0 and marks them missing (keeping any
    /// reason already set). Returns the mask to use, or the one given when
    /// every value is finite (the common case: one pass, no copy).
    static func finite(_ values: inout [Double], missing: [UInt8]?) -> [UInt8]? {
        let firstBad: Int? = values.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                if !b[i].isFinite { return i }
                i += 1
            }
            return nil
        }
        guard let start = firstBad else { return missing }
        var mask = missing ?? [UInt8](repeating: 0, count: values.count)
        for i in start..<values.count where !values[i].isFinite {
            if mask[i] == 0 { mask[i] = reason(values[i]).rawValue }
            values[i] = 0
        }
        return mask
    }

    /// The point a fraction `t` (0...1) of the way from `a` to `b`, as quantiles
    /// interpolate: finite for finite ends, even when `b − a` is past the
    /// largest Double (from −1.5e308 to 1e308).
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        if t == 0 { return a }
        let width = b - a
        return width.isFinite ? a + t * width : a * (1 - t) + b * t
    }

    /// The mean of finite values, finite even when their sum is not: the sum
    /// first (exact order, as the aggregates always did), then Σ v/n when it overflowed.
    static func mean(_ values: [Double]) -> Double {
        let n = Double(values.count)
        let sum = values.reduce(0, +)
        if sum.isFinite { return sum / n }
        return values.reduce(0) { $0 + $1 / n }
    }

    /// Whole numbers that may not fit: Int64 when every present one does, else
    /// decimals (the rule above). `exact` holds the results that fitted and
    /// `wide` the same results as decimals; `overflowed` says whether any did not.
    static func integerOrDecimal(exact: [Int64], wide: [Double], overflowed: Bool) -> ColumnData {
        overflowed ? .decimal(wide) : .integer(exact)
    }
}

// Round axis ranges and ticks: a step of 1, 2 or 5 times a power of ten, the
// range widened to whole steps, at least three ticks (low, middle, high).

struct AxisScale: Equatable {
    var low: Double
    var high: Double
    var step: Double

    /// A scale covering `minimum...maximum` in about `target` steps. With
    /// `fromZero` the scale starts at 0 (the data must be non-negative).
    init(minimum: Double, maximum: Double, target: Int = 4, fromZero: Bool = false) {
        var lo = fromZero ? 0 : min(minimum, maximum)
        var hi = max(minimum, maximum, fromZero ? 0 : -Double.infinity)
        if !lo.isFinite || !hi.isFinite { (lo, hi) = (0, 1) }
        if hi == lo {
            // One value: a band around it (or 0...1 for zero).
            let pad = lo == 0 ? 1 : lo.magnitude * 0.1
            hi += pad
            if !fromZero { lo -= pad }
        }
        var step = Self.niceStep((hi - lo) / Double(max(target, 2)))
        var l = (lo / step).rounded(.down) * step
        var h = (hi / step).rounded(.up) * step
        if ((h - l) / step).rounded() < 2 {
            step /= 2
            l = (lo / step).rounded(.down) * step
            h = (hi / step).rounded(.up) * step
        }
        low = l
        high = h
        self.step = step
    }

    /// The smallest of 1, 2, 5 × 10ⁿ at or above `raw`.
    static func niceStep(_ raw: Double) -> Double {
        // Below a normal number (1e-300) dividing by ten reaches 0 and the
        // loops below would never end; the chart stage refuses such values.
        guard raw > 1e-300, raw.isFinite else { return raw > 0 && raw.isFinite ? raw : 1 }
        var p = 1.0
        while p > raw { p /= 10 }
        while p * 10 <= raw { p *= 10 }
        for m in [1.0, 2.0, 5.0, 10.0] where p * m >= raw * (1 - 1e-9) { return p * m }
        return p * 10
    }

    /// The tick values from low to high.
    var ticks: [Double] {
        // A few ticks by construction; the bound keeps a scale built from
        // values no axis can hold from making millions (or trapping on ∞).
        let steps = ((high - low) / step).rounded()
        let n = steps.isFinite ? Int(min(max(steps, 0), 1000)) : 0
        return (0...max(n, 0)).map { i in
            let v = low + Double(i) * step
            // Snap away binary noise (0.30000000000000004).
            return NumberText.round(v, places: decimals + 2)
        }
    }

    /// Decimal places the tick labels need.
    var decimals: Int { NumberText.decimalsNeeded(step, maxDecimals: 12) }

    func label(_ v: Double, grouping: Bool = true) -> String {
        NumberText.fixed(v, decimals: decimals, grouping: grouping)
    }

    /// Position of `v` between low (0) and high (1).
    func fraction(_ v: Double) -> Double {
        high == low ? 0.5 : (v - low) / (high - low)
    }
}

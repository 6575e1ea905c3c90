// Numbers the chart description works out from the points themselves: Pearson's
// correlation, and the words for its direction and strength.

enum ChartStatistics {
    /// Pearson's r over the pairs, or nil with fewer than three pairs or when
    /// either variable does not vary.
    static func pearson(_ pairs: [(x: Double, y: Double)]) -> Double? {
        let n = Double(pairs.count)
        guard pairs.count >= 3 else { return nil }
        let mx = pairs.reduce(0) { $0 + $1.x } / n
        let my = pairs.reduce(0) { $0 + $1.y } / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for p in pairs {
            let dx = p.x - mx
            let dy = p.y - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        let r = sxy / (sxx * syy).squareRoot()
        return r.isFinite ? max(-1, min(1, r)) : nil
    }

    /// "weak" below 0.3, "moderate" below 0.7, otherwise "strong" (by |r|).
    static func strength(_ r: Double) -> String {
        let m = r.magnitude
        return m < 0.3 ? "weak" : (m < 0.7 ? "moderate" : "strong")
    }
}

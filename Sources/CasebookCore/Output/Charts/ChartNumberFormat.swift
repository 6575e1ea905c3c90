// How a chart writes its values: the decimals the data has, capped by size (one
// place from 10 up, two from 1, three significant below), with thousands separators.

struct ChartNumberFormat {
    /// Decimal places every value of the chart shows.
    let decimals: Int
    /// Thousands separators (off for years and codes).
    let grouping: Bool

    /// The most decimals a value of this magnitude is written with: rates and
    /// counts (10 and up) one place, 1 to 10 two, below 1 three significant
    /// digits (0.423, 0.0523), at most twelve places.
    static func cap(forMagnitude m: Double) -> Int {
        if m >= 10 { return 1 }
        if m >= 1 { return 2 }
        guard m > 0, m.isFinite else { return 3 }
        var places = 3
        var v = m
        while v < 0.1 && places < 12 {
            v *= 10
            places += 1
        }
        return places
    }

    /// One shared format for `values`: enough decimals for the one that needs
    /// most, within the cap set by the largest magnitude.
    init(values: some Sequence<Double>, grouping: Bool = true) {
        let finite = values.filter(\.isFinite)
        let cap = Self.cap(forMagnitude: finite.map(\.magnitude).max() ?? 0)
        var d = 0
        for v in finite where d < cap {
            d = max(d, NumberText.decimalsNeeded(v, maxDecimals: cap))
        }
        decimals = d
        self.grouping = grouping
    }

    init(decimals: Int, grouping: Bool = true) {
        self.decimals = decimals
        self.grouping = grouping
    }

    func text(_ v: Double) -> String {
        NumberText.fixed(v, decimals: decimals, grouping: grouping)
    }

    /// A value on its own, with only the decimals it needs (up to `cap`): for
    /// sentences, where "500" reads better than "500.0".
    static func single(_ v: Double, cap: Int, grouping: Bool = true) -> String {
        NumberText.fixed(v, decimals: NumberText.decimalsNeeded(v, maxDecimals: cap), grouping: grouping)
    }

    /// The cap for a whole chart: set by its largest magnitude.
    static func cap(for chart: Chart) -> Int {
        let m = chart.series.flatMap(\.points).compactMap(\.y).filter(\.isFinite).map(\.magnitude).max() ?? 0
        return cap(forMagnitude: m)
    }
}

// What a chart shows, independent of how it is drawn: the kind, the series of
// points, and the labels. The `chart` stage builds one from a table; the text,
// SVG and word renderers draw it. Missing values stay in the series (as nil
// with their reason) so every renderer can show the gap and say why.

public struct Chart: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Horizontal bars, one per category.
        case bar
        /// A measure over an ordered x (usually years), one line per series.
        case line
        /// Counts of values in equal-width bins.
        case histogram = "hist"
        /// One point per row, x against y.
        case scatter
    }

    struct Point: Sendable, Equatable {
        /// The x value (a year, a measure); for bars, the position of the category.
        public var x: Double
        /// The y value; nil when missing.
        public var y: Double?
        /// Why y is missing (`.present` when it is not).
        public var reason: MissingReason
        /// The category name for bars, or the x label as the data wrote it ("2016").
        var label: String

        public init(x: Double, y: Double?, reason: MissingReason = .present, label: String) {
            self.x = x
            self.y = y
            self.reason = reason
            self.label = label
        }
    }

    struct Series: Sendable, Equatable {
        public var name: String
        public var points: [Point]
        /// A line to read the others against (England, the neighbours' mean in a
        /// comparison): drawn dashed and in grey, after the others, and named as such.
        public var isReference: Bool

        public init(name: String, points: [Point], isReference: Bool = false) {
            self.name = name
            self.points = points
            self.isReference = isReference
        }
    }

    public var kind: Kind
    public var title: String
    /// What x and y are, for axes and descriptions ("year", "referrals_rate").
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// For histograms: the bin edges (count + 1 values); the series holds the counts.
    var binEdges: [Double]
    /// Values left out (missing), by reason, for a note and the description.
    public var skipped: [MissingReason: Int]
    /// The units of x and y (nil where no source says), which decide how their
    /// numbers print: years and codes without thousands separators.
    var xUnit: String? = nil
    var yUnit: String? = nil
    /// Where the charted figures came from, for a report to cite.
    public var sources: [SourceNote] = []
    /// Bars drawn apart from the others (`highlight "Reading"`), by label.
    var highlighted: Set<String> = []
    /// Values drawn as lines across the bars rather than as bars: England and
    /// the neighbours' mean, in a comparison. (A line chart's references are
    /// series, marked `isReference`: they change along x.)
    var references: [Reference] = []

    struct Reference: Sendable, Equatable {
        public var name: String
        public var value: Double
    }

    /// The same chart, with the units of its axes.
    func measuring(x: String?, y: String?) -> Chart {
        var c = self
        c.xUnit = x
        c.yUnit = y
        return c
    }

    /// Whether x's numbers take thousands separators.
    var xGrouping: Bool { ColumnFormat.grouping(unit: xUnit, name: xLabel) }
    var yGrouping: Bool { ColumnFormat.grouping(unit: yUnit, name: yLabel) }

    init(
        kind: Kind, title: String, xLabel: String, yLabel: String, series: [Series], binEdges: [Double] = [],
        skipped: [MissingReason: Int] = [:]
    ) {
        self.kind = kind
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.binEdges = binEdges
        self.skipped = skipped
    }
}

// The arguments of the analysis stages: compare (an authority against its
// neighbours, region, England, rank and quartile), chart and correlate.

/// Which years a comparison covers.
enum YearSelection: Sendable, Equatable {
    /// The latest year in which the authority has a row.
    case latest
    case single(Int64)
    case range(Int64, Int64)
    case all
}

/// `compare AUTHORITY on MEASURE [in DATASET] [year Y | years A to B | years all] [neighbours MODEL]`
struct CompareSpec: Sendable, Equatable {
    public var authority: Expr
    public var measure: NameRef
    /// `in DATASET` (statement form only; the stage form compares its input).
    var dataset: NameRef?
    public var years: YearSelection
    var yearsSpan: SourceSpan?
    public var model: NameRef?
}

/// `scorecard AUTHORITY [topic "TOPIC" | measures M, M…] [year Y] [neighbours MODEL]`:
/// every LAIT measure of a topic (or the listed ones) for one authority, as LAIT's
/// users read it.
struct ScorecardSpec: Sendable, Equatable {
    public var authority: Expr
    /// `topic "Child Protection"`: the text and its place.
    var topic: NameRef?
    /// `measures CPP_rate, "10_ICPC"`: LAIT short codes.
    public var measures: [NameRef]
    /// `year Y`: one year for every measure; otherwise each measure's latest year with a value.
    public var year: Int64?
    var yearSpan: SourceSpan?
    public var model: NameRef?
}

/// `chart bar LABEL VALUE`, `chart line [X Y [by SERIES]]`, `chart hist VALUE [bins N]`,
/// `chart scatter X Y`, each optionally `to "file.svg"`.
struct ChartSpec: Sendable, Equatable {
    public var kind: Chart.Kind
    var kindSpan: SourceSpan
    public var x: NameRef?
    public var y: NameRef?
    var series: NameRef?
    public var bins: Int64?
    public var path: String?
    var pathSpan: SourceSpan?
    /// `title "…"`: the chart's title (by default, what the statement shows).
    public var title: String? = nil
    /// `highlight "Reading"[, …]`: bars drawn apart from the others.
    var highlight: [String] = []
    var highlightSpan: SourceSpan? = nil
}

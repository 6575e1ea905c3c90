// Pipeline stages: what can follow `|`. One case per stage; each keeps its span
// and the span of its name (for "unknown stage" and help).

/// A name written in a stage's argument list (a column), with where it was written.
struct NameRef: Sendable, Equatable {
    public var name: String
    public var span: SourceSpan
    /// A column pattern (`*_rate`, `referrals*`) in select, drop and longer:
    /// `*` stands for any run of characters; ColumnPattern expands it.
    public var isPattern: Bool
    public init(_ name: String, _ span: SourceSpan, isPattern: Bool = false) {
        self.name = name
        self.span = span
        self.isPattern = isPattern
    }
}

/// `name = expression` in derive, summarise and select.
struct Binding: Sendable, Equatable {
    public var name: NameRef?
    public var expr: Expr
    /// In select: a column pattern, which stands for the columns it matches (`expr` is unused).
    public var pattern: NameRef?
    public init(name: NameRef?, expr: Expr, pattern: NameRef? = nil) {
        self.name = name
        self.expr = expr
        self.pattern = pattern
    }
}

struct SortKey: Sendable, Equatable {
    public var expr: Expr
    public var descending: Bool
    /// Whether `asc` or `desc` was written: `rank` follows a column's polarity only when not.
    public var directionWritten: Bool
    public init(expr: Expr, descending: Bool, directionWritten: Bool = false) {
        self.expr = expr
        self.descending = descending
        self.directionWritten = directionWritten
    }
}

enum JoinKind: String, Sendable {
    case inner, left
}

/// One pair of join keys: `on la_code` or `on old_la_code = la_code`.
struct JoinKey: Sendable, Equatable {
    public var left: NameRef
    var right: NameRef
}

struct Stage: Sendable, Equatable {
    // Indirect: a stage is a pointer wide, so the parser and evaluator, which
    // recurse through nested pipelines, keep small stack frames.
    indirect enum Kind: Sendable, Equatable {
        case filter(Expr)  // where
        case select([Binding])
        case drop([NameRef])
        case rename([(to: NameRef, from: NameRef)])
        case derive([Binding])
        case sort([SortKey])
        case take(Int64)
        case skip(Int64)
        case distinct([NameRef])
        case group([NameRef])
        case ungroup
        /// `by` keys may be expressions (`by decade = year / 10 * 10`, `by year >= 2020`):
        /// `computing` holds them, worked out as `derive` would before grouping.
        case summarise([Binding], by: [NameRef], computing: [Binding])
        /// `within`: the first keys whose groups the percent is a share of (all rows without).
        case count(by: [NameRef], computing: [Binding], within: [NameRef])
        case join(JoinKind, Pipeline, on: [JoinKey])
        case rank(SortKey, by: [NameRef], as: NameRef?)
        case change(NameRef, over: NameRef, by: [NameRef])
        case wider(names: NameRef, values: NameRef)
        case longer([NameRef], names: NameRef, values: NameRef)
        case top(Int64, SortKey, by: [NameRef])
        case authorities([Expr])  // for "Reading", 870
        case asAt(Expr, inspected: Bool)  // as_at "2025-03-31" [published | inspected]
        case describe
        case profile
        case write(path: String, pathSpan: SourceSpan)
        case compare(CompareSpec)
        case chart(ChartSpec)
        case correlate(NameRef, NameRef)
        case sources
        /// The shape of the table so far, as the resolver worked it out.
        case schema

        public static func == (a: Kind, b: Kind) -> Bool {
            // Stages are compared in tests through their printed form; a
            // structural comparison of every case adds nothing but noise.
            String(describing: a) == String(describing: b)
        }
    }

    public var kind: Kind
    /// The whole stage, name to last argument.
    public var span: SourceSpan
    var nameSpan: SourceSpan

    public init(_ kind: Kind, span: SourceSpan, nameSpan: SourceSpan) {
        self.kind = kind
        self.span = span
        self.nameSpan = nameSpan
    }
}

/// Where a pipeline's rows come from: a dataset or `let` name, or a nested
/// pipeline in parentheses.
indirect enum PipelineSource: Sendable, Equatable {
    case named(NameRef)
    case nested(Pipeline)
    /// `compare AUTHORITY on MEASURE …` at the start of a statement: the
    /// comparison is the table the stages after it work on.
    case compare(CompareSpec, span: SourceSpan)
    /// `scorecard AUTHORITY …` at the start of a statement: the scorecard is the
    /// table the stages after it work on.
    case scorecard(ScorecardSpec, span: SourceSpan)
}

struct Pipeline: Sendable, Equatable {
    public var source: PipelineSource
    public var stages: [Stage]
    public var span: SourceSpan
    public init(source: PipelineSource, stages: [Stage], span: SourceSpan) {
        self.source = source
        self.stages = stages
        self.span = span
    }
}

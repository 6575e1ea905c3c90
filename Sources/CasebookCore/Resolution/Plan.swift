// What the resolver makes of a pipeline: the schema of its source and after
// each stage, and every problem it found in names, calls and types — all of them,
// before any stage runs.

struct Plan: Sendable {
    struct Step: Sendable {
        public var stage: Stage
        /// The table's shape after this stage.
        var schema: Schema
    }

    public var source: Schema
    var steps: [Step]
    public var diagnostics: [Diagnostic]

    /// The shape of the result.
    var schema: Schema { steps.last?.schema ?? source }

    /// The shape before stage `index` (the source for the first).
    func schema(before index: Int) -> Schema {
        index == 0 ? source : steps[index - 1].schema
    }
}

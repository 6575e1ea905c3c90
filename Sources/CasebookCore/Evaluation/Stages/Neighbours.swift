// An authority's statistical neighbours from the shipped `neighbours` dataset
// (the DfE's children's services statistical neighbour models), nearest first.

enum Neighbours {
    struct Neighbour {
        var position: Int64
        var code: Int64
        var name: String
    }

    /// The models the shipped dataset holds ("2025", "2021"), or nil when
    /// there is no `neighbours` dataset to check against.
    static func models(workspace: Workspace, cancellation: Cancellation) throws(Diagnostic) -> Set<String>? {
        guard let table = try workspace.table("neighbours", cancellation: cancellation),
            let models = table.column(named: "model")
        else { return nil }
        return Set((0..<table.rowCount).map { models.value(at: $0).plainText })
    }

    /// The neighbours of `code` in `model`, and the dataset's sources (for the
    /// citation); an unknown model is an error naming the models that ship.
    static func of(_ code: Int64, model: String, span: SourceSpan, workspace: Workspace, cancellation: Cancellation)
        throws(Diagnostic) -> ([Neighbour], [SourceNote])
    {
        guard let table = try workspace.table("neighbours", cancellation: cancellation) else { return ([], []) }
        let models = table.column(named: "model"), codes = table.column(named: "la_code")
        let positions = table.column(named: "position"), neighbourCodes = table.column(named: "neighbour_code")
        let names = table.column(named: "neighbour_name")
        let shipped = Set((0..<table.rowCount).compactMap { models?.value(at: $0).plainText })
        guard shipped.contains(model) else {
            throw Diagnostic(
                id: .unknownModel, message: "no statistical neighbour model called \(model)", span: span,
                help: "the models that ship are \(Messages.andList(shipped.sorted()))")
        }
        var found: [Neighbour] = []
        for r in 0..<table.rowCount
        where models?.value(at: r).plainText == model && codes?.value(at: r) == .integer(code) {
            if case .integer(let p)? = positions?.value(at: r), case .integer(let c)? = neighbourCodes?.value(at: r) {
                found.append(Neighbour(position: p, code: c, name: names?.value(at: r).plainText ?? String(c)))
            }
        }
        found.sort { $0.position < $1.position }
        return (found, table.sources)
    }
}

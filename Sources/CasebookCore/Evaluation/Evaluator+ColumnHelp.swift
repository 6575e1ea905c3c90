// `help COLUMN` and `describe DATASET COLUMN, …`: what a shipped dataset's
// column means, from its metadata (Help/ColumnHelp.swift says how it reads).

extension Evaluator {
    /// The column help for `name` in every shipped dataset that has such a column, or nil.
    func columnHelp(_ name: String) -> String? {
        guard let catalog = workspace.catalog else { return nil }
        let entries = ColumnHelp.entries(name, catalog: catalog)
        return entries.isEmpty ? nil : ColumnHelp.render(entries)
    }

    /// The named columns of one dataset; an unknown column is an error with the nearest names.
    func describeColumns(_ dataset: NameRef, _ columns: [NameRef]) throws(Diagnostic) -> String {
        guard let catalog = workspace.catalog, catalog.contains(dataset.name), workspace.binding(dataset.name) == nil else {
            // A kept result has no metadata: its columns are what `describe` shows.
            if workspace.binding(dataset.name) != nil {
                throw Diagnostic(
                    id: .noMetadata, message: "`\(dataset.name)` is a result kept in this session: its columns have no descriptions",
                    span: dataset.span, help: "`describe \(dataset.name)` lists its columns and their missing values")
            }
            _ = try lookup(dataset)
            return ""
        }
        let metadata = catalog.metadata(dataset.name)
        let names = ColumnHelp.columns(of: dataset.name, catalog: catalog, metadata: metadata)
        var entries: [ColumnHelp.Entry] = []
        for c in columns {
            guard let column = names.first(where: { $0 == c.name }) ?? names.first(where: { $0.lowercased() == c.name.lowercased() })
            else {
                var d = Resolver.unknownColumn(c.name, span: c.span, columns: names)
                d.message += " in \(dataset.name)"
                throw d
            }
            entries.append(ColumnHelp.Entry(dataset: dataset.name, column: column, info: metadata?.columns?[column], metadata: metadata))
        }
        return entries.map { ColumnHelp.render([$0]) }.joined(separator: "\n")
    }
}

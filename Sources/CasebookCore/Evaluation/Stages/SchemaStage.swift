// `schema`: the shape the resolver worked out for the table so far — each
// column's name, type and unit — shown as a table, without running the stages
// before it. What the figures alone can decide is said in a note.

enum SchemaStage {
    static func table(_ schema: Schema, _ env: StageEnvironment) -> Table {
        var names = TextColumnBuilder(), types = TextColumnBuilder(), units = TextColumnBuilder()
        for c in schema.columns {
            names.append(c.name)
            types.append(c.type?.displayName ?? "known from the figures")
            units.append(c.unit ?? "")
        }
        if !schema.grouping.isEmpty {
            env.context.addNote("grouped by " + schema.grouping.map { Messages.code($0) }.joined(separator: ", "))
        }
        if !schema.possible.isEmpty {
            env.context.addNote(
                "also, where the joined tables disagree on a shared column: "
                    + schema.possible.map { Messages.code($0.name) }.joined(separator: ", "))
        }
        if !schema.isComplete {
            env.context.addNote("further columns are known only from the figures")
        }
        return Table(columns: [
            Column(name: "column", data: names.finish()),
            Column(name: "type", data: types.finish()),
            Column(name: "unit", data: units.finish()),
        ])
    }
}

// The shape of a table without its figures: column names, types and units in
// order, the grouping a `group` stage set, and whether every name is known.
// The resolver works one out after each stage; completion and `schema` show it.

struct SchemaColumn: Sendable, Equatable {
    public var name: String
    /// nil when only the figures could say (an expression over a column of unknown type).
    public var type: ColumnType?
    var unit: String?

    public init(_ name: String, _ type: ColumnType?, unit: String? = nil) {
        self.name = name
        self.type = type
        self.unit = unit
    }
}

struct Schema: Sendable, Equatable {
    public var columns: [SchemaColumn]
    /// Columns that exist only if the figures say so (a join keeps one copy of a
    /// column both sides share when they agree on every row, else both).
    var possible: [SchemaColumn] = []
    /// False when some names are known only from the figures (after `wider`, or
    /// a stage whose result the resolver does not shape): names are then not checked.
    var isComplete = true
    var grouping: [String] = []
    /// Columns an earlier stage left out, and the stage that did (for a better
    /// message than "no column" when a later stage names one).
    var removed: [String: StageWord] = [:]

    public init(columns: [SchemaColumn], isComplete: Bool = true) {
        self.columns = columns
        self.isComplete = isComplete
    }

    /// A schema of which nothing is known.
    public static let unknown = Schema(columns: [], isComplete: false)

    public var names: [String] { columns.map(\.name) }

    public func column(_ name: String) -> SchemaColumn? {
        columns.first { $0.name == name } ?? possible.first { $0.name == name }
    }

    /// Is `name` a column here, or could it be?
    public func allows(_ name: String) -> Bool { column(name) != nil || !isComplete }

    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// Adds or replaces a column by name (as `derive` and `Table.setColumn` do).
    mutating func set(_ column: SchemaColumn) {
        if let i = index(of: column.name) { columns[i] = column } else { columns.append(column) }
    }

    /// A name not yet used: `name`, else `name_2`, `name_3`, … (as `Table.unusedName`).
    func unusedName(_ name: String) -> String {
        if index(of: name) == nil { return name }
        var n = 2
        while index(of: "\(name)_\(n)") != nil { n += 1 }
        return "\(name)_\(n)"
    }

    /// The schema of a table in hand.
    public init(of table: Table) {
        columns = table.columns.map { SchemaColumn($0.name, $0.type, unit: $0.unit) }
        grouping = table.grouping
    }
}

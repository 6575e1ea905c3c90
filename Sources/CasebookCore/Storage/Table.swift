// A table: named columns of equal length, the grouping set by `group`, and the
// sources its figures came from. Values; copying a table copies references to
// its column arrays, not the arrays.

public struct Table: Sendable {
    public var columns: [Column]
    public var rowCount: Int
    /// Columns named by a `group` stage, consumed by the next stage that works per group.
    var grouping: [String] = []
    /// Where the figures came from (datasets, files), carried through every stage.
    public var sources: [SourceNote] = []

    public init(columns: [Column], rowCount: Int? = nil, sources: [SourceNote] = []) {
        self.columns = columns
        self.rowCount = rowCount ?? columns.first?.count ?? 0
        self.sources = sources
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// Index of a column: the exact name, else a case-insensitive match when it
    /// is the only one (`referrals_rate` finds `Referrals_rate`).
    public func index(of name: String) -> Int? {
        if let i = columns.firstIndex(where: { $0.name == name }) { return i }
        let lower = name.lowercased()
        let matches = columns.indices.filter { columns[$0].name.lowercased() == lower }
        return matches.count == 1 ? matches[0] : nil
    }

    public func column(named name: String) -> Column? {
        index(of: name).map { columns[$0] }
    }

    /// The rows at `indices`, in that order (filters, sorts, takes).
    func gather(_ indices: [Int32]) -> Table {
        var t = self
        t.columns = columns.map { $0.gather(indices) }
        t.rowCount = indices.count
        return t
    }

    /// Rows `range` as a new table.
    public func slice(_ range: Range<Int>) -> Table {
        let lower = min(max(range.lowerBound, 0), rowCount)
        let upper = min(max(range.upperBound, lower), rowCount)
        return gather((lower..<upper).map { Int32($0) })
    }

    /// A name not yet used by a column: `name`, else `name_2`, `name_3`…
    func unusedName(_ name: String) -> String {
        if index(of: name) == nil { return name }
        var n = 2
        while index(of: "\(name)_\(n)") != nil { n += 1 }
        return "\(name)_\(n)"
    }

    /// Adds or replaces a column by name.
    mutating func setColumn(_ column: Column) {
        if let i = columns.firstIndex(where: { $0.name == column.name }) {
            columns[i] = column
        } else {
            columns.append(column)
        }
    }

    public static let empty = Table(columns: [], rowCount: 0)
}

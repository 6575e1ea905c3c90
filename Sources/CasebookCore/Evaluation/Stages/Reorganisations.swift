// Authorities come and go: Dorset County Council (835) gave way to Dorset (838)
// and Bournemouth, Christchurch and Poole (839) in April 2019; Northamptonshire
// to North and West Northamptonshire in 2021; Cumbria to Cumberland and
// Westmorland and Furness in 2023. Each keeps its own code for the years it
// existed, so a question about an authority and a year it did not exist in has
// no rows. That must never be silent: these notes say which authority held
// those years, both ways (predecessors and successors).

enum Reorganisations {
    /// The years of `table` (whole numbers in its `year` column), or nil when it has none.
    static func years(of table: Table, rows: [Int]? = nil) -> Set<Int64>? {
        guard let column = table.column(named: "year"), case .integer(let values) = column.data else { return nil }
        var out = Set<Int64>()
        for r in rows ?? Array(0..<table.rowCount) where !column.isMissing(at: r) { out.insert(values[r]) }
        return out
    }

    /// The years of each authority's own rows in `table` (by la_code).
    static func yearsByAuthority(_ table: Table) -> [Int64: Set<Int64>] {
        guard let codes = table.column(named: "la_code"), case .integer(let c) = codes.data,
            let yearColumn = table.column(named: "year"), case .integer(let y) = yearColumn.data
        else { return [:] }
        var out: [Int64: Set<Int64>] = [:]
        for r in 0..<table.rowCount where !codes.isMissing(at: r) && !yearColumn.isMissing(at: r) {
            out[c[r], default: []].insert(y[r])
        }
        return out
    }

    /// A note when `authority` has no rows for years that its predecessors (before
    /// it existed) or successors (after it was abolished) have rows for in the
    /// same table: those years belong to them. `own` is the years of its own rows;
    /// `others` the years of every authority's rows; `within`, when given, the
    /// years a statement asked for; `how` the statement that reaches the others.
    static func note(
        for authority: Authority, own: Set<Int64>, others: [Int64: Set<Int64>], within: Set<Int64>? = nil,
        how: ([Authority.Member]) -> String
    ) -> String? {
        guard authority.isLocalAuthority else { return nil }
        // The years the others have rows for and this authority has none,
        // on the side of its own years where they lie.
        func part(_ members: [Authority.Member], _ onTheirSide: (Int64) -> Bool, _ when: String?) -> String? {
            let years = members.reduce(into: Set<Int64>()) { $0.formUnion(others[$1.code] ?? []) }
                .subtracting(own).filter { onTheirSide($0) && (within?.contains($0) ?? true) }
            guard !years.isEmpty else { return nil }
            return "\(authority.label) has no rows for \(Compare.yearList(years))\(when.map { " (it was \($0))" } ?? ""): "
                + "\(years.count == 1 ? "that year belongs" : "those years belong") to "
                + Messages.andList(members.map(\.label)) + "; " + how(members) + " shows " + (members.count == 1 ? "it" : "them")
        }
        let parts = [
            part(authority.predecessors, { y in own.min().map { y < $0 } ?? true }, authority.firstYear.map { "created on 1 April \($0 - 1)" }),
            part(authority.successors, { y in own.max().map { y > $0 } ?? true }, authority.lastYear.map { "abolished on 31 March \($0)" }),
        ].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// "2016", "2016–2019".
    static func span(_ a: Int64, _ b: Int64) -> String { a == b ? "\(a)" : "\(a)–\(b)" }
}

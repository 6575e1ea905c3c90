// The distinct strings of a text column. Cells hold 32-bit codes into this
// list, so a million rows naming 153 authorities store 153 strings; equality,
// grouping and joins work on the codes.

/// Immutable list of distinct strings; shared by every column derived from the
/// same loaded column (filters and sorts copy codes, never strings).
public final class TextDictionary: Sendable {
    public let values: [String]

    public init(_ values: [String]) {
        self.values = values
    }

    public var count: Int { values.count }

    public subscript(code: UInt32) -> String { values[Int(code)] }

    /// The code of a string, if present (a linear scan: dictionaries are scanned
    /// once per query, never per row).
    public func code(of value: String) -> UInt32? {
        values.firstIndex(of: value).map { UInt32($0) }
    }

    /// rank[code] = position of that string in byte order (what `sort` uses).
    func sortRanks() -> [UInt32] {
        let order = values.indices.sorted { Self.byteLess(values[$0], values[$1]) }
        var ranks = [UInt32](repeating: 0, count: values.count)
        for (rank, code) in order.enumerated() { ranks[code] = UInt32(rank) }
        return ranks
    }

    /// Strings compare by their UTF-8 bytes (as DuckDB and sqlite do), so that
    /// order does not depend on the locale or on Unicode normalisation.
    @inline(__always)
    static func byteLess(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                let n = min(pa.count, pb.count)
                for i in 0..<n where pa[i] != pb[i] { return pa[i] < pb[i] }
                return pa.count < pb.count
            }
        }
    }
}

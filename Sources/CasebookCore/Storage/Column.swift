// A column: a name, one typed array of values and, only when some are missing,
// one byte per row giving the reason. No object or enum per cell, so a million
// rows of decimals are eight megabytes and a loop over them is a loop over memory.
//
// The arrays may be deferred (DeferredColumn.swift): a column read from the
// column cache is loaded on first use, and the rows a filter, sort or take
// picks are gathered only when something reads them. `count`, `type` and
// `name` never load anything; `data` and `missing` load on first access.

public enum ColumnData: Sendable {
    case integer([Int64])
    case decimal([Double])
    /// Codes into a dictionary of distinct strings.
    case text(codes: [UInt32], dictionary: TextDictionary)
    case boolean([Bool])

    /// How many values it holds.
    var rows: Int {
        switch self {
        case .integer(let v): return v.count
        case .decimal(let v): return v.count
        case .text(let codes, _): return codes.count
        case .boolean(let v): return v.count
        }
    }
}

public struct Column: Sendable {
    public var name: String
    var storage: Storage
    /// What the numbers measure, as the source's metadata says ("year",
    /// "code", "count", "per 10,000 children"…), carried through renames,
    /// filters, joins and the aggregates that keep it (min(year) is a year).
    /// Output formats by it: years and codes print without thousands separators.
    public var unit: String? = nil
    /// Decimal places a table shows, where the stage that made the figures
    /// knows better than the figures themselves: a percentage change to one
    /// place, a mean one more than its source, `round(x, 2)` two. Nil: as many
    /// as the values need (ColumnFormat). Carried through filters and sorts.
    public var places: Int? = nil

    enum Storage: Sendable {
        case ready(ColumnData, [UInt8]?)
        case deferred(DeferredColumn)
    }

    public init(name: String, data: ColumnData, missing: [UInt8]? = nil) {
        self.name = name
        let (data, missing) = Column.finite(data, missing)
        // A mask with nothing set is dropped so that fast paths can test for nil.
        storage = .ready(data, Column.anySet(missing) ? missing : nil)
    }

    /// Every computed column passes here: ±∞ and NaN become missing values
    /// with their reason (ComputedExtremes.swift), so no table holds one.
    static func finite(_ data: ColumnData, _ missing: [UInt8]?) -> (ColumnData, [UInt8]?) {
        guard case .decimal(var values) = data else { return (data, missing) }
        let mask = ComputedExtremes.finite(&values, missing: missing)
        return (.decimal(values), mask)
    }

    init(name: String, deferred: DeferredColumn) {
        self.name = name
        storage = .deferred(deferred)
    }

    /// True when the mask exists and has a nonzero byte (word at a time).
    static func anySet(_ mask: [UInt8]?) -> Bool {
        guard let mask else { return false }
        return mask.withUnsafeBytes { raw -> Bool in
            let n = raw.count
            var i = 0
            while i + 8 <= n {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 { return true }
                i += 8
            }
            while i < n {
                if raw[i] != 0 { return true }
                i += 1
            }
            return false
        }
    }

    /// The values (loaded or gathered on first access when deferred).
    public var data: ColumnData {
        get {
            switch storage {
            case .ready(let d, _): return d
            case .deferred(let box): return box.resolved.data
            }
        }
        set {
            let (d, m) = Column.finite(newValue, missing)
            storage = .ready(d, m)
        }
    }

    /// Per row: 0 when the value is present, else a `MissingReason` raw value.
    /// nil when no value is missing (the common case costs nothing).
    public var missing: [UInt8]? {
        get {
            switch storage {
            case .ready(_, let m): return m
            case .deferred(let box): return box.resolved.missing
            }
        }
        set { storage = .ready(data, newValue) }
    }

    /// Both at once (one lookup of a deferred column).
    var parts: (data: ColumnData, missing: [UInt8]?) {
        switch storage {
        case .ready(let d, let m): return (d, m)
        case .deferred(let box): return box.resolved
        }
    }

    /// True when reading `data` would load or gather first.
    var isDeferred: Bool {
        if case .deferred(let box) = storage { return !box.isResolved }
        return false
    }

    public var type: ColumnType {
        if case .deferred(let box) = storage { return box.type }
        switch data {
        case .integer: return .integer
        case .decimal: return .decimal
        case .text: return .text
        case .boolean: return .boolean
        }
    }

    public var count: Int {
        if case .deferred(let box) = storage { return box.count }
        return data.rows
    }

    @inline(__always)
    public func reason(at row: Int) -> MissingReason {
        guard let m = missing else { return .present }
        return MissingReason(rawValue: m[row]) ?? .undefined
    }

    @inline(__always)
    func isMissing(at row: Int) -> Bool {
        guard let m = missing else { return false }
        return m[row] != 0
    }

    /// The cell as a value (for display and keys; not for loops over rows).
    public func value(at row: Int) -> Value {
        let (data, missing) = parts
        if let m = missing, m[row] != 0 { return .missing(MissingReason(rawValue: m[row]) ?? .undefined) }
        switch data {
        case .integer(let v): return .integer(v[row])
        case .decimal(let v): return .decimal(v[row])
        case .text(let codes, let dict): return .text(dict[codes[row]])
        case .boolean(let v): return .boolean(v[row])
        }
    }

    /// Counts of missing values by reason.
    func missingCounts() -> [MissingReason: Int] { Self.missingCounts(missing) }

    /// The same for missing bytes held apart from a column.
    static func missingCounts(_ missing: [UInt8]?) -> [MissingReason: Int] {
        guard let m = missing else { return [:] }
        var counts = [Int](repeating: 0, count: 256)
        counts.withUnsafeMutableBufferPointer { c in
            m.withUnsafeBytes { raw in
                // Eight bytes at a time: most of a mask is zeros.
                let n = raw.count
                var i = 0
                while i + 8 <= n {
                    if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 {
                        for k in i..<(i + 8) { c[Int(raw[k])] += 1 }
                    }
                    i += 8
                }
                while i < n {
                    c[Int(raw[i])] += 1
                    i += 1
                }
            }
        }
        var result: [MissingReason: Int] = [:]
        for (raw, n) in counts.enumerated() where raw != 0 && n > 0 {
            result[MissingReason(rawValue: UInt8(raw)) ?? .undefined, default: 0] += n
        }
        return result
    }

    var missingCount: Int {
        guard let m = missing else { return 0 }
        var n = 0
        for r in m where r != 0 { n += 1 }
        return n
    }

    /// Numbers as decimals (integers widened), for aggregates; nil for text and booleans.
    func doubles() -> [Double]? {
        switch data {
        case .decimal(let v): return v
        case .integer(let v): return v.map { Double($0) }
        default: return nil
        }
    }

    func renamed(_ newName: String) -> Column {
        var c = self
        c.name = newName
        return c
    }

    /// The same column, measuring `unit`.
    func measuring(_ unit: String?) -> Column {
        var c = self
        c.unit = unit
        return c
    }

    /// The same column, shown with `places` decimal places (nil: as its values need).
    public func showing(_ places: Int?) -> Column {
        var c = self
        c.places = places
        return c
    }

    // MARK: - Building

    /// A column of one repeated value.
    static func constant(_ value: Value, name: String, count: Int, like type: ColumnType? = nil) -> Column {
        switch value {
        case .integer(let i): return Column(name: name, data: .integer([Int64](repeating: i, count: count)))
        case .decimal(let d):
            guard d.isFinite else { return constant(ComputedExtremes.value(d), name: name, count: count, like: .decimal) }
            return Column(name: name, data: .decimal([Double](repeating: d, count: count)))
        case .text(let s):
            return Column(
                name: name, data: .text(codes: [UInt32](repeating: 0, count: count), dictionary: TextDictionary([s])))
        case .boolean(let b): return Column(name: name, data: .boolean([Bool](repeating: b, count: count)))
        case .missing(let r):
            let mask = [UInt8](repeating: r.rawValue, count: count)
            switch type ?? .integer {
            case .integer: return Column(name: name, data: .integer([Int64](repeating: 0, count: count)), missing: mask)
            case .decimal: return Column(name: name, data: .decimal([Double](repeating: 0, count: count)), missing: mask)
            case .text:
                return Column(
                    name: name, data: .text(codes: [UInt32](repeating: 0, count: count), dictionary: TextDictionary([""])),
                    missing: mask)
            case .boolean:
                return Column(name: name, data: .boolean([Bool](repeating: false, count: count)), missing: mask)
            }
        }
    }

    /// A column from values of one type (missing allowed), for small results
    /// such as aggregates and `describe`. Mixed integer and decimal become decimal;
    /// anything else mixed becomes text.
    static func fromValues(_ values: [Value], name: String) -> Column {
        var type: ColumnType? = nil
        for v in values {
            guard let t = v.type else { continue }
            if type == nil {
                type = t
            } else if type != t {
                if type!.isNumeric && t.isNumeric { type = .decimal } else { type = .text }
            }
        }
        var mask = [UInt8](repeating: 0, count: values.count)
        for (i, v) in values.enumerated() { mask[i] = v.missingReason.rawValue }
        switch type ?? .integer {
        case .integer:
            return Column(
                name: name,
                data: .integer(values.map { if case .integer(let i) = $0 { return i } else { return 0 } }), missing: mask)
        case .decimal:
            return Column(name: name, data: .decimal(values.map { $0.doubleValue ?? 0 }), missing: mask)
        case .boolean:
            return Column(
                name: name, data: .boolean(values.map { if case .boolean(let b) = $0 { return b } else { return false } }),
                missing: mask)
        case .text:
            var builder = TextColumnBuilder()
            for v in values { builder.append(v.isMissing ? "" : v.plainText) }
            return Column(name: name, data: builder.finish(), missing: mask)
        }
    }
}

/// Builds a dictionary-encoded text column from strings.
struct TextColumnBuilder {
    private var codes: [UInt32] = []
    private var values: [String] = []
    private var index: [String: UInt32] = [:]

    public init(capacity: Int = 0) {
        codes.reserveCapacity(capacity)
    }

    public mutating func append(_ s: String) {
        codes.append(code(for: s))
    }

    public mutating func code(for s: String) -> UInt32 {
        if let c = index[s] { return c }
        let c = UInt32(values.count)
        values.append(s)
        index[s] = c
        return c
    }

    mutating func appendCode(_ c: UInt32) { codes.append(c) }

    public func finish() -> ColumnData {
        .text(codes: codes, dictionary: TextDictionary(values.isEmpty ? [""] : values))
    }
}

// One value, for literals, single cells and results of aggregates. Tables never
// store these: columns are typed arrays (Column.swift). A Value is made only at
// the edges: a literal in a query, a cell being displayed, a group's key.

public enum ColumnType: String, Sendable, CaseIterable {
    case integer, decimal, text, boolean

    var isNumeric: Bool { self == .integer || self == .decimal }

    /// What a column of this type holds, in messages: "`la_name` holds text".
    public var plural: String {
        switch self {
        case .integer: return "whole numbers"
        case .decimal: return "decimals"
        case .text: return "text"
        case .boolean: return "true/false values"
        }
    }

    /// The type's name in messages and `describe`.
    public var displayName: String {
        switch self {
        case .integer: return "whole number"
        case .decimal: return "decimal"
        case .text: return "text"
        case .boolean: return "true/false"
        }
    }
}

public enum Value: Sendable, Equatable, Hashable {
    case integer(Int64)
    case decimal(Double)
    case text(String)
    case boolean(Bool)
    case missing(MissingReason)

    var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    var missingReason: MissingReason {
        if case .missing(let r) = self { return r }
        return .present
    }

    public var type: ColumnType? {
        switch self {
        case .integer: return .integer
        case .decimal: return .decimal
        case .text: return .text
        case .boolean: return .boolean
        case .missing: return nil
        }
    }

    var doubleValue: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .decimal(let d): return d
        default: return nil
        }
    }

    /// Plain text of the value: numbers in their shortest exact form, missing
    /// values as their marker. Used for CSV, keys and messages.
    var plainText: String {
        switch self {
        case .integer(let i): return String(i)
        case .decimal(let d): return NumberText.written(d)
        case .text(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        case .missing(let r): return r.marker
        }
    }
}

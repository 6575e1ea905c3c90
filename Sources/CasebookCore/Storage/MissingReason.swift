// Why a value is missing. DfE and Ofsted files mark suppressed and unavailable
// figures with symbols; Casebook keeps the symbol as the value's reason through
// every filter, sort, join and aggregate, so a table shows `c` where the source
// said `c`, and an aggregate can say what it skipped and why.

/// The reason a cell has no value. Stored as one byte per row (0 = present).
public enum MissingReason: UInt8, Sendable, CaseIterable, Comparable {
    case present = 0
    /// An empty cell in the source.
    case empty
    /// `c`: confidential, suppressed to protect individuals.
    case confidential
    /// `x`: not available (or the authority did not exist that year).
    case notAvailable
    /// `z`: not applicable.
    case notApplicable
    /// `u`: low reliability.
    case lowReliability
    /// `low`: rounds to zero but is not zero.
    case low
    /// `k`: a DfE series marker (fewer than 0.5, rounds to zero).
    case roundsToZero
    /// `..`: not available (older ONS and DfE tables).
    case dots
    /// `-`: nil or not applicable (LAIT and Ofsted tables).
    case dash
    /// `:` and `~`: obsolete EES symbols.
    case colon
    case tilde
    /// No matching row: a left join without a partner, a change with no previous year.
    case noMatch
    /// A division by zero.
    case divisionByZero
    /// A result that is not a number (the square root of a negative, say).
    case undefined
    /// An authority's own figure where the DfE publishes only a joint return
    /// of it and another authority (Kingston upon Thames with Richmond upon Thames).
    case jointReturn
    /// A computed result too large for a number to hold (past ±1.8e308): a sum,
    /// product, variance or change that would otherwise be ±∞ (ComputedExtremes.swift).
    case overflow
    /// A cell that has no meaning for its row, though the source had nothing
    /// to say about it: the rank of the neighbours' mean, or of England, in
    /// `compare`. Blank in a table (not the source's `z`), read as "not applicable".
    case doesNotApply

    public static func < (a: MissingReason, b: MissingReason) -> Bool { a.rawValue < b.rawValue }

    /// The marker as published, and as Casebook shows it in tables and writes it to CSV.
    var marker: String {
        switch self {
        case .present: return ""
        case .empty: return ""
        case .confidential: return "c"
        case .notAvailable: return "x"
        case .notApplicable: return "z"
        case .lowReliability: return "u"
        case .low: return "low"
        case .roundsToZero: return "k"
        case .dots: return ".."
        case .dash: return "-"
        case .colon: return ":"
        case .tilde: return "~"
        case .noMatch: return ""
        case .divisionByZero: return "÷0"
        case .undefined: return "NaN"
        case .jointReturn: return ""
        case .overflow: return "overflow"
        case .doesNotApply: return ""
        }
    }

    /// How `reason()` names it, and how notes spell it: the marker where there
    /// is one, otherwise a word.
    public var name: String {
        switch self {
        case .present: return ""
        case .empty: return "empty"
        case .noMatch: return "no match"
        case .divisionByZero: return "division by zero"
        case .undefined: return "undefined"
        case .jointReturn: return "joint return"
        case .overflow: return "overflow"
        case .doesNotApply: return "not applicable"
        default: return marker
        }
    }

    /// The meaning in words, for `describe`, notes and the accessible mode.
    var meaning: String {
        switch self {
        case .present: return "present"
        case .empty: return "empty in the source"
        case .confidential: return "suppressed (confidential)"
        case .notAvailable: return "not available"
        case .notApplicable: return "not applicable"
        case .lowReliability: return "low reliability"
        case .low: return "rounds to zero"
        case .roundsToZero: return "rounds to zero"
        case .dots: return "not available"
        case .dash: return "not available"
        case .colon: return "not available (obsolete symbol)"
        case .tilde: return "rounds to zero (obsolete symbol)"
        case .noMatch: return "no matching row"
        case .divisionByZero: return "division by zero"
        case .undefined: return "undefined result"
        case .jointReturn: return "published only in a joint return"
        case .overflow: return "too large to compute (overflow)"
        case .doesNotApply: return "not applicable"
        }
    }

    /// The reason a published cell stands for, if it is one of the markers.
    /// Case matters: `C` and `X` are not markers.
    static func fromMarker(_ text: String) -> MissingReason? {
        switch text {
        case "": return .empty
        case "c": return .confidential
        case "x": return .notAvailable
        case "z": return .notApplicable
        case "u": return .lowReliability
        case "low": return .low
        case "k": return .roundsToZero
        case "..": return .dots
        case "-": return .dash
        case ":": return .colon
        case "~": return .tilde
        default: return nil
        }
    }

    /// The same on raw bytes, for the loader's hot loop.
    @inline(__always)
    static func fromMarker(bytes p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> MissingReason? {
        let n = end - start
        switch n {
        case 0: return .empty
        case 1:
            switch p[start] {
            case UInt8(ascii: "c"): return .confidential
            case UInt8(ascii: "x"): return .notAvailable
            case UInt8(ascii: "z"): return .notApplicable
            case UInt8(ascii: "u"): return .lowReliability
            case UInt8(ascii: "k"): return .roundsToZero
            case UInt8(ascii: "-"): return .dash
            case UInt8(ascii: ":"): return .colon
            case UInt8(ascii: "~"): return .tilde
            default: return nil
            }
        case 2:
            return p[start] == UInt8(ascii: ".") && p[start + 1] == UInt8(ascii: ".") ? .dots : nil
        case 3:
            return p[start] == UInt8(ascii: "l") && p[start + 1] == UInt8(ascii: "o") && p[start + 2] == UInt8(ascii: "w")
                ? .low : nil
        default:
            return nil
        }
    }

    /// Accepts a reason as a user writes it in `missing("c")` or compares with
    /// `reason(x) = "c"`: a marker or a name.
    public static func parse(_ text: String) -> MissingReason? {
        if let m = fromMarker(text), m != .empty { return m }
        switch text.lowercased() {
        case "empty": return .empty
        case "no match", "nomatch": return .noMatch
        case "division by zero", "÷0": return .divisionByZero
        case "undefined", "nan": return .undefined
        case "joint return", "joint": return .jointReturn
        case "overflow", "∞": return .overflow
        case "not applicable", "does not apply": return .doesNotApply
        default: return nil
        }
    }
}

// Expressions: the part of the language inside `where`, `derive`, `select`,
// `summarise`, `sort` and function arguments. Every node keeps its span so that
// an evaluation error can point at the exact sub-expression.

struct Expr: Sendable, Equatable {
    indirect enum Kind: Sendable, Equatable {
        case column(String)
        case integer(Int64)
        case decimal(Double)
        case string(String)
        case boolean(Bool)
        /// `missing` or `missing("c")`: a missing value with an optional reason.
        case missing(String?)
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `name(args)`; `nameSpan` covers the function name only.
        case call(name: String, nameSpan: SourceSpan, arguments: [Expr])
        case inList(Expr, [Expr], negated: Bool)
        case between(Expr, low: Expr, high: Expr, negated: Bool)
        case like(Expr, pattern: Expr, negated: Bool)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }

    /// The column this expression names, if it is a bare column reference.
    var columnName: String? {
        if case .column(let name) = kind { return name }
        return nil
    }
}

enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = "not"
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and = "and", or = "or"

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }

    var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder: return true
        default: return false
        }
    }
}

extension Expr {
    /// Every column the expression names, in order, with repeats.
    var referencedColumns: [String] {
        switch kind {
        case .column(let name): return [name]
        case .integer, .decimal, .string, .boolean, .missing: return []
        case .unary(_, let e): return e.referencedColumns
        case .binary(_, let a, let b): return a.referencedColumns + b.referencedColumns
        case .call(_, _, let arguments): return arguments.flatMap(\.referencedColumns)
        case .inList(let e, let list, _): return e.referencedColumns + list.flatMap(\.referencedColumns)
        case .between(let e, let low, let high, _): return e.referencedColumns + low.referencedColumns + high.referencedColumns
        case .like(let e, let pattern, _): return e.referencedColumns + pattern.referencedColumns
        }
    }
}

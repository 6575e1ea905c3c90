// Arithmetic, comparison and logic over whole columns.
//
// The rules, written down in docs/language.md:
// - whole ⊕ whole is whole for + - * and %, unless the result overflows, when the
//   operation is done in decimals; `/` always gives a decimal;
// - a missing operand gives a missing result with the operand's reason (the
//   left one's when both are missing); division by zero gives missing "÷0";
// - a comparison with a missing value is missing, so `where` drops the row and
//   `not` does not bring it back; `and`/`or` follow three-valued logic
//   (false and missing = false, true or missing = true).

enum Operators {
    // MARK: - Access helpers

    /// Numbers of a vector as a closure-free view.
    enum Numbers {
        case ints([Int64])
        case doubles([Double])
        case intScalar(Int64)
        case doubleScalar(Double)

        @inline(__always) func double(_ r: Int) -> Double {
            switch self {
            case .ints(let a): return Double(a[r])
            case .doubles(let a): return a[r]
            case .intScalar(let v): return Double(v)
            case .doubleScalar(let v): return v
            }
        }

        var isInteger: Bool {
            switch self {
            case .ints, .intScalar: return true
            default: return false
            }
        }

        @inline(__always) func int(_ r: Int) -> Int64 {
            switch self {
            case .ints(let a): return a[r]
            case .intScalar(let v): return v
            case .doubles(let a): return Int64(a[r])
            case .doubleScalar(let v): return Int64(v)
            }
        }
    }

    static func numbers(_ v: Vector) -> Numbers? {
        switch v {
        case .column(let c):
            switch c.data {
            case .integer(let a): return .ints(a)
            case .decimal(let a): return .doubles(a)
            default: return nil
            }
        case .scalar(let s):
            switch s {
            case .integer(let i): return .intScalar(i)
            case .decimal(let d): return .doubleScalar(d)
            default: return nil
            }
        }
    }

    /// The missing reasons of a vector, row by row (nil: none missing).
    static func missingMask(_ v: Vector, rows: Int) -> [UInt8]? {
        switch v {
        case .column(let c): return c.missing
        case .scalar(let s):
            return s.isMissing ? [UInt8](repeating: s.missingReason.rawValue, count: rows) : nil
        }
    }

    /// Combined reasons: the left operand's reason wins.
    static func combine(_ a: [UInt8]?, _ b: [UInt8]?, rows: Int) -> [UInt8]? {
        guard let a else { return b }
        guard let b else { return a }
        var out = a
        out.withUnsafeMutableBufferPointer { o in
            b.withUnsafeBufferPointer { bb in
                for r in 0..<rows where o[r] == 0 { o[r] = bb[r] }
            }
        }
        return out
    }

    /// A vector whose rows are missing wherever `column` is, else `value`.
    static func propagateMissing(from column: Column, into value: Vector, rows: Int) -> Vector {
        guard let m = column.missing else { return value }
        var c = value.materialize(name: "", count: rows)
        c.missing = combine(m, c.missing, rows: rows)
        return .column(c)
    }

    // MARK: - Unary

    static func negate(_ v: Vector, span: SourceSpan, operandSpan: SourceSpan, source: SourceText) throws(Diagnostic)
        -> Vector
    {
        switch v {
        case .scalar(.integer(let i)):
            return i == Int64.min ? .scalar(.decimal(-Double(i))) : .scalar(.integer(-i))
        case .scalar(.decimal(let d)): return .scalar(.decimal(-d))
        case .scalar(.missing): return v
        case .column(let c):
            switch c.data {
            case .integer(let a):
                if a.contains(Int64.min) {
                    return .column(Column(name: c.name, data: .decimal(a.map { -Double($0) }), missing: c.missing))
                }
                return .column(Column(name: c.name, data: .integer(a.map { 0 &- $0 }), missing: c.missing))
            case .decimal(let a):
                return .column(Column(name: c.name, data: .decimal(a.map { -$0 }), missing: c.missing))
            default: break
            }
        default: break
        }
        throw Diagnostic(
            id: .typeMismatch, message: "`-` works on numbers, but this is \(v.type?.displayName ?? "missing")",
            span: operandSpan)
    }

    static func not(_ v: Vector) -> Vector {
        switch v {
        case .scalar(.boolean(let b)): return .scalar(.boolean(!b))
        case .scalar: return v
        case .column(let c):
            let (data, missing) = c.parts
            guard case .boolean(let a) = data else { return v }
            let flipped = [Bool](uninitializedCount: a.count) { out, count in
                a.withUnsafeBufferPointer { src in
                    for i in 0..<src.count { out[i] = !src[i] }
                }
                count = a.count
            }
            return .column(Column(name: c.name, data: .boolean(flipped), missing: missing))
        }
    }

    // MARK: - Logic

    static func logical(_ op: BinaryOperator, _ l: Vector, _ r: Vector) -> Vector {
        let isAnd = op == .and
        if case .scalar(let a) = l, case .scalar(let b) = r {
            return .scalar(scalarLogic(isAnd, a, b))
        }
        let n = max(length(l), length(r))
        guard let left = side(l), let right = side(r) else { return logicByValue(isAnd, l, r, rows: n) }
        let (out, mask) = Kernels.logic(isAnd, left, right, rows: n)
        return .column(Column(name: "", data: .boolean(out), missing: mask))
    }

    /// A vector as one side of `and`/`or`; nil when it is neither booleans nor missing.
    private static func side(_ v: Vector) -> Kernels.Side? {
        switch v {
        case .column(let c):
            let (data, missing) = c.parts
            guard case .boolean(let b) = data else { return nil }
            return .column(b, missing)
        case .scalar(.boolean(let b)): return .constant(b, reason: 0)
        case .scalar(.missing(let r)): return .constant(nil, reason: r.rawValue)
        case .scalar: return nil
        }
    }

    /// The rule row by row, for anything the kernel does not take (never a
    /// checked condition: `and` and `or` only see booleans).
    private static func logicByValue(_ isAnd: Bool, _ l: Vector, _ r: Vector, rows n: Int) -> Vector {
        var out = [Bool](repeating: false, count: n)
        var mask = [UInt8](repeating: 0, count: n)
        for i in 0..<n {
            let a = l.value(at: i), b = r.value(at: i)
            switch scalarLogic(isAnd, a, b) {
            case .boolean(let x): out[i] = x
            case .missing(let reason): mask[i] = reason.rawValue
            default: break
            }
        }
        return .column(Column(name: "", data: .boolean(out), missing: mask))
    }

    private static func length(_ v: Vector) -> Int {
        if case .column(let c) = v { return c.count }
        return 0
    }

    /// Three-valued `and`/`or` for one pair: false wins `and`, true wins `or`,
    /// otherwise a missing operand (with its reason) is the answer.
    static func scalarLogic(_ isAnd: Bool, _ a: Value, _ b: Value) -> Value {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return .boolean(isAnd ? (x && y) : (x || y))
        case (.boolean(let x), .missing):
            if isAnd && !x { return .boolean(false) }
            if !isAnd && x { return .boolean(true) }
            return b
        case (.missing, .boolean(let y)):
            if isAnd && !y { return .boolean(false) }
            if !isAnd && y { return .boolean(true) }
            return a
        case (.missing, _): return a
        default: return b
        }
    }

    // MARK: - Binary dispatch

    static func binary(
        _ op: BinaryOperator, _ l: Vector, _ r: Vector, leftExpr: Expr, rightExpr: Expr, whole: Expr,
        evaluator: ExprEvaluator
    ) throws(Diagnostic) -> Vector {
        let rows = evaluator.rows
        switch op {
        case .and, .or:
            try evaluator.requireBoolean(l, leftExpr, what: "`\(op.rawValue)`")
            try evaluator.requireBoolean(r, rightExpr, what: "`\(op.rawValue)`")
            return logical(op, l, r)
        case .add, .subtract, .multiply, .divide, .remainder:
            for (v, e) in [(l, leftExpr), (r, rightExpr)] {
                if let t = v.type, !t.isNumeric {
                    var help: String? = nil
                    if t == .text && op == .add { help = "to join text, use `concat(a, b)`" }
                    if t == .text, let name = e.columnName {
                        help = help ?? "`\(name)` holds text; `number(\(name))` reads numbers from text"
                    }
                    throw Diagnostic(
                        id: .typeMismatch,
                        message: "`\(op.rawValue)` works on numbers, but \(evaluator.describe(e)) holds \(t.plural)",
                        span: e.span, help: help)
                }
            }
            return arithmetic(op, l, r, rows: rows)
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return try compare(op, l, r, leftExpr: leftExpr, rightExpr: rightExpr, evaluator: evaluator)
        }
    }

    // MARK: - Arithmetic

    static func arithmetic(_ op: BinaryOperator, _ l: Vector, _ r: Vector, rows: Int) -> Vector {
        // A missing scalar makes every row missing with its reason.
        if case .scalar(let a) = l, a.isMissing { return .scalar(a) }
        if case .scalar(let b) = r, b.isMissing, !l.isScalar {
            return .column(Column.constant(b, name: "", count: rows, like: .decimal))
        } else if case .scalar(let b) = r, b.isMissing {
            return .scalar(b)
        }
        guard let a = numbers(l), let b = numbers(r) else { return .scalar(.missing(.undefined)) }
        if case .scalar = l, case .scalar = r {
            let result = arithmeticColumns(op, a, b, rows: 1, mask: nil)
            return .scalar(result.value(at: 0))
        }
        let mask = combine(missingMask(l, rows: rows), missingMask(r, rows: rows), rows: rows)
        return .column(arithmeticColumns(op, a, b, rows: rows, mask: mask))
    }

    private static func arithmeticColumns(_ op: BinaryOperator, _ a: Numbers, _ b: Numbers, rows: Int, mask: [UInt8]?)
        -> Column
    {
        var missing = mask
        func setMissing(_ r: Int, _ reason: MissingReason) {
            if missing == nil { missing = [UInt8](repeating: 0, count: rows) }
            if missing![r] == 0 { missing![r] = reason.rawValue }
        }
        if a.isInteger && b.isInteger && op != .divide {
            var out = [Int64](repeating: 0, count: rows)
            var overflowed = false
            for r in 0..<rows {
                if let m = mask, m[r] != 0 { continue }
                let x = a.int(r), y = b.int(r)
                switch op {
                case .add:
                    let (v, o) = x.addingReportingOverflow(y)
                    out[r] = v
                    overflowed = overflowed || o
                case .subtract:
                    let (v, o) = x.subtractingReportingOverflow(y)
                    out[r] = v
                    overflowed = overflowed || o
                case .multiply:
                    let (v, o) = x.multipliedReportingOverflow(by: y)
                    out[r] = v
                    overflowed = overflowed || o
                default:  // remainder
                    if y == 0 {
                        setMissing(r, .divisionByZero)
                    } else if y == -1 {
                        out[r] = 0
                    } else {
                        out[r] = x % y
                    }
                }
                if overflowed { break }
            }
            if !overflowed { return Column(name: "", data: .integer(out), missing: missing) }
            missing = mask
        }
        var out = [Double](repeating: 0, count: rows)
        for r in 0..<rows {
            if let m = mask, m[r] != 0 { continue }
            let x = a.double(r), y = b.double(r)
            var v: Double
            switch op {
            case .add: v = x + y
            case .subtract: v = x - y
            case .multiply: v = x * y
            case .divide:
                if y == 0 {
                    setMissing(r, .divisionByZero)
                    continue
                }
                v = x / y
            default:
                if y == 0 {
                    setMissing(r, .divisionByZero)
                    continue
                }
                v = x.truncatingRemainder(dividingBy: y)
            }
            if !v.isFinite {
                setMissing(r, ComputedExtremes.reason(v))
                v = 0
            }
            out[r] = v
        }
        return Column(name: "", data: .decimal(out), missing: missing)
    }

    // MARK: - Comparison

    static func compare(
        _ op: BinaryOperator, _ l: Vector, _ r: Vector, leftExpr: Expr, rightExpr: Expr, evaluator: ExprEvaluator
    ) throws(Diagnostic) -> Vector {
        let rows = evaluator.rows
        if let lt = l.type, let rt = r.type, lt != rt, !(lt.isNumeric && rt.isNumeric) {
            throw comparisonMismatch(lt, rt, leftExpr: leftExpr, rightExpr: rightExpr, evaluator: evaluator)
        }
        if (l.type == .boolean || r.type == .boolean) && op != .equal && op != .notEqual {
            throw Diagnostic(
                id: .typeMismatch, message: "true/false values can only be compared with `=` or `!=`",
                span: leftExpr.span.union(rightExpr.span))
        }
        // Any missing scalar makes the comparison unknown everywhere.
        if case .scalar(let a) = l, a.isMissing { return .scalar(a) }
        if case .scalar(let b) = r, b.isMissing {
            return l.isScalar ? .scalar(b) : .column(Column.constant(b, name: "", count: rows, like: .boolean))
        }
        if case .scalar(let a) = l, case .scalar(let b) = r {
            return .scalar(.boolean(scalarCompare(op, a, b)))
        }
        // A column not read yet, against a constant: a run at a time (Streaming.swift).
        if case .column(let c) = l, case .scalar(let b) = r, let v = Streaming.compare(op, c, b, rows: rows) { return v }
        if case .scalar(let a) = l, case .column(let c) = r, let v = Streaming.compare(Kernels.flipped(op), c, a, rows: rows) {
            return v
        }
        let mask = combine(missingMask(l, rows: rows), missingMask(r, rows: rows), rows: rows)
        var out = [Bool](repeating: false, count: rows)
        if let a = numbers(l), let b = numbers(r) {
            out.withUnsafeMutableBufferPointer { o in compareNumbers(op, a, b, into: o) }
        } else if l.type == .text || r.type == .text {
            compareText(op, l, r, rows: rows, into: &out)
        } else {
            for i in 0..<rows {
                if case .boolean(let x) = l.value(at: i), case .boolean(let y) = r.value(at: i) {
                    out[i] = op == .equal ? x == y : x != y
                }
            }
        }
        if let m = mask {
            out.withUnsafeMutableBufferPointer { o in
                m.withUnsafeBufferPointer { mb in
                    for i in 0..<rows where mb[i] != 0 { o[i] = false }
                }
            }
        }
        return .column(Column(name: "", data: .boolean(out), missing: mask))
    }

    /// Numbers compared over whole arrays: exactly as whole numbers when both
    /// sides are whole, else as decimals.
    private static func compareNumbers(_ op: BinaryOperator, _ a: Numbers, _ b: Numbers, into out: UnsafeMutableBufferPointer<Bool>) {
        switch (a, b) {
        case (.ints(let x), .intScalar(let y)):
            x.withUnsafeBufferPointer { Kernels.compare(op, $0, y, out) }
        case (.intScalar(let x), .ints(let y)):
            y.withUnsafeBufferPointer { Kernels.compare(Kernels.flipped(op), $0, x, out) }
        case (.ints(let x), .ints(let y)):
            x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in Kernels.compare(op, xb, yb, out) } }
        case (.doubles(let x), .doubleScalar(let y)):
            x.withUnsafeBufferPointer { Kernels.compare(op, $0, y, out) }
        case (.doubles(let x), .intScalar(let y)):
            x.withUnsafeBufferPointer { Kernels.compare(op, $0, Double(y), out) }
        case (.doubleScalar(let x), .doubles(let y)):
            y.withUnsafeBufferPointer { Kernels.compare(Kernels.flipped(op), $0, x, out) }
        case (.intScalar(let x), .doubles(let y)):
            y.withUnsafeBufferPointer { Kernels.compare(Kernels.flipped(op), $0, Double(x), out) }
        case (.doubles(let x), .doubles(let y)):
            x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in Kernels.compare(op, xb, yb, out) } }
        default:
            // Whole numbers against decimals: as decimals.
            let x = (0..<out.count).map { a.double($0) }
            let y = (0..<out.count).map { b.double($0) }
            x.withUnsafeBufferPointer { xb in y.withUnsafeBufferPointer { yb in Kernels.compare(op, xb, yb, out) } }
        }
    }

    @inline(__always)
    static func test<T: Comparable>(_ op: BinaryOperator, _ x: T, _ y: T) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return x < y
        case .lessEqual: return x <= y
        case .greater: return x > y
        default: return x >= y
        }
    }

    static func scalarCompare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return test(op, x, y)
        case (.text(let x), .text(let y)): return textTest(op, x, y)
        case (.boolean(let x), .boolean(let y)): return op == .equal ? x == y : x != y
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return test(op, x, y) }
            return false
        }
    }

    static func textTest(_ op: BinaryOperator, _ x: String, _ y: String) -> Bool {
        switch op {
        case .equal: return x == y
        case .notEqual: return x != y
        case .less: return TextDictionary.byteLess(x, y)
        case .lessEqual: return !TextDictionary.byteLess(y, x)
        case .greater: return TextDictionary.byteLess(y, x)
        default: return !TextDictionary.byteLess(x, y)
        }
    }

    /// Text comparisons work on the dictionary: each distinct string is compared
    /// once, then rows look up their code's answer.
    private static func compareText(_ op: BinaryOperator, _ l: Vector, _ r: Vector, rows: Int, into out: inout [Bool]) {
        switch (l, r) {
        case (.column(let c), .scalar(.text(let s))):
            guard case .text(let codes, let dict) = c.data else { return }
            let answers = dict.values.map { textTest(op, $0, s) }
            out.withUnsafeMutableBufferPointer { Kernels.lookup(codes, answers, into: $0) }
        case (.scalar(.text(let s)), .column(let c)):
            guard case .text(let codes, let dict) = c.data else { return }
            let answers = dict.values.map { textTest(op, s, $0) }
            out.withUnsafeMutableBufferPointer { Kernels.lookup(codes, answers, into: $0) }
        case (.column(let a), .column(let b)):
            guard case .text(let ca, let da) = a.data, case .text(let cb, let db) = b.data else { return }
            if da === db && (op == .equal || op == .notEqual) {
                for i in 0..<rows { out[i] = (ca[i] == cb[i]) == (op == .equal) }
            } else {
                for i in 0..<rows { out[i] = textTest(op, da[ca[i]], db[cb[i]]) }
            }
        default:
            break
        }
    }

    private static func comparisonMismatch(
        _ lt: ColumnType, _ rt: ColumnType, leftExpr: Expr, rightExpr: Expr, evaluator: ExprEvaluator
    ) -> Diagnostic {
        // Point at the side that is most likely wrong: a literal of the wrong kind.
        let (wrong, other, otherType) = isLiteral(rightExpr) ? (rightExpr, leftExpr, lt) : (leftExpr, rightExpr, rt)
        var help: String? = nil
        if otherType.isNumeric, case .string(let s) = wrong.kind {
            help = Double(s) != nil
                ? "\(evaluator.describe(other)) holds numbers; write \(s) without quotes"
                : "\(evaluator.describe(other)) holds numbers"
        } else if otherType == .text, wrong.columnName == nil, case .integer(let v) = wrong.kind {
            help = "\(evaluator.describe(other)) holds text; write \"\(v)\" in quotes"
        }
        return Diagnostic(
            id: .typeMismatch,
            message: "cannot compare \(evaluator.describe(leftExpr)) (\(lt.displayName)) with \(evaluator.describe(rightExpr)) (\(rt.displayName))",
            span: wrong.span, help: help)
    }

    private static func isLiteral(_ e: Expr) -> Bool {
        switch e.kind {
        case .integer, .decimal, .string, .boolean: return true
        default: return false
        }
    }
}

// Scalar functions: one result per row. Text functions work on each distinct
// string once (the column's dictionary), not on every row.

enum Functions {
    static func isFunction(_ name: String) -> Bool { FunctionWord(spelled: name) != nil }

    static func call(
        _ name: String, nameSpan: SourceSpan, arguments: [Expr], span: SourceSpan, evaluator: ExprEvaluator
    ) throws(Diagnostic) -> Vector {
        guard let word = FunctionWord(spelled: name) else { throw Resolver.unknownFunction(name, span: nameSpan) }
        try CallSignature(word.declaration).checkArguments(arguments.count, calledAs: name, span: span)
        let rows = evaluator.rows
        var values: [Vector] = []
        for a in arguments { values.append(try evaluator.evaluate(a)) }
        let first = values.first ?? .scalar(.missing(.empty))

        switch word {
        case .round:
            try evaluator.requireNumber(first, arguments[0], what: "`\(name)`")
            var places: Int64 = 0
            if arguments.count == 2 {
                guard case .scalar(.integer(let p)) = values[1] else {
                    throw Diagnostic(
                        id: .badArgument, message: "the number of places must be a whole number such as 1",
                        span: arguments[1].span)
                }
                // Past 15 places a decimal has no more digits to round; past
                // −400 every number rounds to 0 (NumberText.round).
                places = max(-400, min(15, p))
            }
            if first.type == .integer && places >= 0 { return first }
            let p = Int(places)
            return mapNumbers(first, rows: rows, integerResult: false) { NumberText.round($0, places: p) }
        case .abs:
            try evaluator.requireNumber(first, arguments[0], what: "`\(name)`")
            if first.type == .integer {
                return mapIntegers(first, rows: rows, wide: { abs($0) }) { $0 == Int64.min ? nil : abs($0) }
            }
            return mapNumbers(first, rows: rows, integerResult: false) { abs($0) }
        case .floor, .ceil:
            try evaluator.requireNumber(first, arguments[0], what: "`\(name)`")
            if first.type == .integer { return first }
            let rule: FloatingPointRoundingRule = word == .floor ? .down : .up
            return mapNumbers(first, rows: rows, integerResult: true) { $0.rounded(rule) }
        case .sqrt:
            try evaluator.requireNumber(first, arguments[0], what: "`\(name)`")
            return mapNumbers(first, rows: rows, integerResult: false) { $0 < 0 ? .nan : $0.squareRoot() }
        case .lower, .upper, .trim:
            try evaluator.requireText(first, arguments[0], what: "`\(name)`")
            return mapTextToText(first, rows: rows) { s in
                switch word {
                case .lower: return s.lowercased()
                case .upper: return s.uppercased()
                default: return String(s.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
                }
            }
        case .length:
            try evaluator.requireText(first, arguments[0], what: "`\(name)`")
            return mapText(first, rows: rows) { Int64($0.count) }
        case .contains, .starts_with, .ends_with:
            try evaluator.requireText(first, arguments[0], what: "`\(name)`")
            guard case .scalar(let partValue) = values[1] else {
                throw Diagnostic(
                    id: .patternNotConstant, message: "the second argument of `\(name)` must be a string",
                    span: arguments[1].span)
            }
            if partValue.isMissing { return .scalar(partValue) }
            guard case .text(let part) = partValue else {
                throw Diagnostic(
                    id: .typeMismatch, message: "the second argument of `\(name)` must be text", span: arguments[1].span,
                    help: "write it in quotes")
            }
            let needle = part.lowercased()
            return mapText(first, rows: rows) { s in
                let hay = s.lowercased()
                switch word {
                case .contains: return needle.isEmpty || hay.contains(needle)
                case .starts_with: return hay.hasPrefix(needle)
                default: return hay.hasSuffix(needle)
                }
            }
        case .concat:
            // Missing parts are left out, as SQL's concat does.
            var builder = TextColumnBuilder(capacity: rows)
            for r in 0..<rows {
                var s = ""
                for v in values {
                    let x = v.value(at: r)
                    if !x.isMissing { s += x.plainText }
                }
                builder.append(s)
            }
            if values.allSatisfy(\.isScalar) {
                return .scalar(.text(values.map { $0.value(at: 0).isMissing ? "" : $0.value(at: 0).plainText }.joined()))
            }
            return .column(Column(name: "", data: builder.finish()))
        case .coalesce:
            return try coalesce(values, arguments: arguments, rows: rows, evaluator: evaluator)
        case .is_missing:
            switch first {
            case .scalar(let v): return .scalar(.boolean(v.isMissing))
            case .column(let c):
                if let streamed = Streaming.isMissing(c, rows: rows) { return streamed }
                guard let m = c.missing else { return .scalar(.boolean(false)) }
                return .column(Column(name: "", data: .boolean(m.map { $0 != 0 })))
            }
        case .reason:
            switch first {
            case .scalar(let v): return .scalar(.text(v.missingReason.name))
            case .column(let c):
                var builder = TextColumnBuilder(capacity: rows)
                for r in 0..<rows { builder.append(c.reason(at: r).name) }
                return .column(Column(name: "", data: builder.finish()))
            }
        case .if:
            return try ifThenElse(values, arguments: arguments, rows: rows, evaluator: evaluator)
        case .number:
            if first.type?.isNumeric == true { return first }
            try evaluator.requireText(first, arguments[0], what: "`\(name)`")
            return parseNumbers(first, rows: rows)
        case .text:
            if first.type == .text { return first }
            var builder = TextColumnBuilder(capacity: rows)
            var mask = [UInt8](repeating: 0, count: rows)
            for r in 0..<rows {
                let v = first.value(at: r)
                mask[r] = v.missingReason.rawValue
                builder.append(v.isMissing ? "" : v.plainText)
            }
            if first.isScalar { return .scalar(first.value(at: 0).isMissing ? first.value(at: 0) : .text(first.value(at: 0).plainText)) }
            return .column(Column(name: "", data: builder.finish(), missing: mask))
        case .la:
            return try authorityCode(first, argument: arguments[0], evaluator: evaluator)
        }
    }

    // MARK: - Mapping helpers

    /// Applies a numeric function under the rule for computed extremes
    /// (ComputedExtremes.swift): NaN is missing "undefined", ±∞ missing
    /// "overflow", and a whole-number result past 64 bits makes the column decimal.
    static func mapNumbers(_ v: Vector, rows: Int, integerResult: Bool, _ f: (Double) -> Double) -> Vector {
        switch v {
        case .scalar(let s):
            guard let d = s.doubleValue else { return v }
            let y = f(d)
            guard y.isFinite else { return .scalar(ComputedExtremes.value(y)) }
            if integerResult, let i = Int64(exactly: y) { return .scalar(.integer(i)) }
            return .scalar(.decimal(y))
        case .column(let c):
            guard let ds = c.doubles() else { return v }
            let mask = c.missing
            var out = [Double](repeating: 0, count: rows)
            for r in 0..<rows where mask == nil || mask![r] == 0 { out[r] = f(ds[r]) }
            if integerResult {
                var ints = [Int64](repeating: 0, count: rows)
                var m = mask
                var fits = true
                for r in 0..<rows where mask == nil || mask![r] == 0 {
                    if let i = Int64(exactly: out[r]) {
                        ints[r] = i
                    } else if !out[r].isFinite {
                        if m == nil { m = [UInt8](repeating: 0, count: rows) }
                        m![r] = ComputedExtremes.reason(out[r]).rawValue
                    } else {
                        fits = false
                        break
                    }
                }
                if fits { return .column(Column(name: "", data: .integer(ints), missing: m)) }
            }
            return .column(Column(name: "", data: .decimal(out), missing: mask))
        }
    }

    /// A whole-number function that may overflow (nil): when any row does, the
    /// column is computed in decimals by `wide` instead of wrapping.
    static func mapIntegers(_ v: Vector, rows: Int, wide: (Double) -> Double, _ f: (Int64) -> Int64?) -> Vector {
        switch v {
        case .scalar(.integer(let i)): return .scalar(f(i).map { .integer($0) } ?? ComputedExtremes.value(wide(Double(i))))
        case .scalar: return v
        case .column(let c):
            guard case .integer(let a) = c.data else { return v }
            let mask = c.missing
            var out = [Int64](repeating: 0, count: rows)
            for r in 0..<rows where mask == nil || mask![r] == 0 {
                guard let y = f(a[r]) else {
                    return mapNumbers(v, rows: rows, integerResult: false, wide)
                }
                out[r] = y
            }
            return .column(Column(name: "", data: .integer(out), missing: mask))
        }
    }

    /// A text → text function over each distinct string; the new dictionary is
    /// de-duplicated ("Reading" and "READING" both lower to one entry).
    static func mapTextToText(_ v: Vector, rows: Int, _ f: (String) -> String) -> Vector {
        switch v {
        case .scalar(.text(let s)): return .scalar(.text(f(s)))
        case .scalar: return v
        case .column(let c):
            guard case .text(let codes, let dict) = c.data else { return v }
            var builder = TextColumnBuilder()
            let remap = dict.values.map { builder.code(for: f($0)) }
            var out = [UInt32](repeating: 0, count: rows)
            for r in 0..<rows { out[r] = remap[Int(codes[r])] }
            guard case .text(_, let newDict) = builder.finish() else { return v }
            return .column(Column(name: "", data: .text(codes: out, dictionary: newDict), missing: c.missing))
        }
    }

    /// A text → Bool or text → Int function over each distinct string.
    static func mapText<T>(_ v: Vector, rows: Int, _ f: (String) -> T) -> Vector {
        func wrap(_ x: T) -> Value {
            if let b = x as? Bool { return .boolean(b) }
            if let i = x as? Int64 { return .integer(i) }
            return .missing(.undefined)
        }
        switch v {
        case .scalar(.text(let s)): return .scalar(wrap(f(s)))
        case .scalar: return v
        case .column(let c):
            guard case .text(let codes, let dict) = c.data else { return v }
            let answers = dict.values.map(f)
            if T.self == Bool.self {
                let bools = answers as! [Bool]
                var out = [Bool](repeating: false, count: rows)
                for r in 0..<rows { out[r] = bools[Int(codes[r])] }
                if let m = c.missing { for r in 0..<rows where m[r] != 0 { out[r] = false } }
                return .column(Column(name: "", data: .boolean(out), missing: c.missing))
            }
            let ints = answers as! [Int64]
            var out = [Int64](repeating: 0, count: rows)
            for r in 0..<rows { out[r] = ints[Int(codes[r])] }
            return .column(Column(name: "", data: .integer(out), missing: c.missing))
        }
    }

    // MARK: - coalesce, if, number, la

    private static func coalesce(_ values: [Vector], arguments: [Expr], rows: Int, evaluator: ExprEvaluator)
        throws(Diagnostic) -> Vector
    {
        let type = try commonType(values, arguments: arguments, function: FunctionWord.coalesce.name, evaluator: evaluator)
        if values.allSatisfy(\.isScalar) {
            return .scalar(values.map { $0.value(at: 0) }.first { !$0.isMissing } ?? values.last!.value(at: 0))
        }
        var out: [Value] = []
        out.reserveCapacity(rows)
        for r in 0..<rows {
            var chosen = values.last!.value(at: r)
            for v in values {
                let x = v.value(at: r)
                if !x.isMissing {
                    chosen = x
                    break
                }
            }
            out.append(chosen)
        }
        return .column(typed(out, type: type))
    }

    private static func ifThenElse(_ values: [Vector], arguments: [Expr], rows: Int, evaluator: ExprEvaluator)
        throws(Diagnostic) -> Vector
    {
        try evaluator.requireBoolean(values[0], arguments[0], what: "the first argument of `\(FunctionWord.if.name)`")
        let type = try commonType(
            Array(values[1...]), arguments: Array(arguments[1...]), function: FunctionWord.if.name, evaluator: evaluator)
        if case .scalar(let c) = values[0] {
            if case .boolean(let b) = c { return b ? values[1] : values[2] }
            return .scalar(c)  // a missing condition gives a missing result
        }
        var out: [Value] = []
        out.reserveCapacity(rows)
        for r in 0..<rows {
            switch values[0].value(at: r) {
            case .boolean(true): out.append(values[1].value(at: r))
            case .boolean(false): out.append(values[2].value(at: r))
            case let missing: out.append(missing)
            }
        }
        return .column(typed(out, type: type))
    }

    /// The one type the branches share (whole and decimal numbers mix as decimal).
    private static func commonType(_ values: [Vector], arguments: [Expr], function: String, evaluator: ExprEvaluator)
        throws(Diagnostic) -> ColumnType?
    {
        var type: ColumnType? = nil
        var firstExpr: Expr? = nil
        for (v, e) in zip(values, arguments) {
            guard let t = v.type else { continue }
            guard let current = type else {
                type = t
                firstExpr = e
                continue
            }
            if current == t { continue }
            if current.isNumeric && t.isNumeric {
                type = .decimal
                continue
            }
            throw Diagnostic(
                id: .typeMismatch,
                message: "`\(function)` needs values of one type, but \(evaluator.describe(firstExpr!)) holds \(current.plural) and \(evaluator.describe(e)) holds \(t.plural)",
                span: e.span)
        }
        return type
    }

    private static func typed(_ values: [Value], type: ColumnType?) -> Column {
        var column = Column.fromValues(values, name: "")
        if type == .decimal, case .integer(let a) = column.data {
            column = Column(name: "", data: .decimal(a.map(Double.init)), missing: column.missing)
        }
        return column
    }

    /// Numbers read from text: markers become missing with their reason; other
    /// text becomes missing "undefined".
    private static func parseNumbers(_ v: Vector, rows: Int) -> Vector {
        func parse(_ s: String) -> Value {
            var s = s
            return s.withUTF8 { p in
                switch FieldParsing.parseNumber(p, 0, p.count) {
                case .integer(let i): return .integer(i)
                case .decimal(let d): return .decimal(d)
                case .leadingZero:
                    if let i = Int64(String(decoding: p, as: UTF8.self)) { return .integer(i) }
                    return .missing(.undefined)
                case .notANumber:
                    return .missing(MissingReason.fromMarker(String(decoding: p, as: UTF8.self)) ?? .undefined)
                }
            }
        }
        switch v {
        case .scalar(.text(let s)): return .scalar(parse(s))
        case .scalar: return v
        case .column(let c):
            guard case .text(let codes, let dict) = c.data else { return v }
            let parsed = dict.values.map(parse)
            var values: [Value] = []
            values.reserveCapacity(rows)
            for r in 0..<rows { values.append(c.isMissing(at: r) ? .missing(c.reason(at: r)) : parsed[Int(codes[r])]) }
            return .column(Column.fromValues(values, name: ""))
        }
    }

    private static func authorityCode(_ v: Vector, argument: Expr, evaluator: ExprEvaluator) throws(Diagnostic)
        -> Vector
    {
        guard case .scalar(let value) = v else {
            throw Diagnostic(
                id: .patternNotConstant, message: "`la` takes one authority name or code, not a column",
                span: argument.span, help: "write e.g. `la(\"Reading\")`")
        }
        let authority = try evaluator.context.resolveAuthority(value, span: argument.span)
        guard let code = authority.code else {
            throw Diagnostic(
                id: .noCode, message: "\(authority.name) is not a local authority and has no DfE code",
                span: argument.span, help: "its rows have an empty `la_code`; match them with `la_name = \"\(authority.name)\"` or `for \"\(authority.name)\"`")
        }
        // A joint return stands for the authority in this table, under no code
        // of its own: a comparison with la_code would miss it without a word.
        if let joints = ReportingUnits.joints(in: evaluator.table),
            let joint = joints.values.first(where: { $0.members.contains(code) })
        {
            evaluator.context.addNote(
                "in this table \(authority.label)'s figures are in a joint return, \(joint.label), whose row has no la_code; `for \"\(authority.name)\"` finds it"
            )
        }
        return .scalar(.integer(code))
    }
}

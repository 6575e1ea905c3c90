// Tight loops over whole columns for the operators: comparisons and
// three-valued `and`/`or` over contiguous arrays, with no Value per row and no
// closure in the loop. Operators.swift decides what to do; these do it.

enum Kernels {
    // MARK: - Comparison

    /// out[i] = a[i] OP b for every row.
    @inline(__always)
    static func compare<T: Comparable>(
        _ op: BinaryOperator, _ a: UnsafeBufferPointer<T>, _ b: T, _ out: UnsafeMutableBufferPointer<Bool>
    ) {
        let n = out.count
        switch op {
        case .equal: for i in 0..<n { out[i] = a[i] == b }
        case .notEqual: for i in 0..<n { out[i] = a[i] != b }
        case .less: for i in 0..<n { out[i] = a[i] < b }
        case .lessEqual: for i in 0..<n { out[i] = a[i] <= b }
        case .greater: for i in 0..<n { out[i] = a[i] > b }
        default: for i in 0..<n { out[i] = a[i] >= b }
        }
    }

    /// out[i] = a[i] OP b[i] for every row.
    @inline(__always)
    static func compare<T: Comparable>(
        _ op: BinaryOperator, _ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>,
        _ out: UnsafeMutableBufferPointer<Bool>
    ) {
        let n = out.count
        switch op {
        case .equal: for i in 0..<n { out[i] = a[i] == b[i] }
        case .notEqual: for i in 0..<n { out[i] = a[i] != b[i] }
        case .less: for i in 0..<n { out[i] = a[i] < b[i] }
        case .lessEqual: for i in 0..<n { out[i] = a[i] <= b[i] }
        case .greater: for i in 0..<n { out[i] = a[i] > b[i] }
        default: for i in 0..<n { out[i] = a[i] >= b[i] }
        }
    }

    /// The operator with its sides swapped: `3 < x` is `x > 3`.
    static func flipped(_ op: BinaryOperator) -> BinaryOperator {
        switch op {
        case .less: return .greater
        case .lessEqual: return .greaterEqual
        case .greater: return .less
        case .greaterEqual: return .lessEqual
        default: return op
        }
    }

    /// out[i] = answers[codes[i]]: a text comparison worked out once per distinct string.
    static func lookup(_ codes: [UInt32], _ answers: [Bool], into out: UnsafeMutableBufferPointer<Bool>) {
        codes.withUnsafeBufferPointer { c in
            answers.withUnsafeBufferPointer { a in
                for i in 0..<out.count { out[i] = a[Int(c[i])] }
            }
        }
    }

    // MARK: - Three-valued logic

    /// One side of `and`/`or`: a column of booleans with its missing reasons, or one value for every row.
    enum Side {
        case column([Bool], [UInt8]?)
        /// nil: missing with `reason`.
        case constant(Bool?, reason: UInt8)
    }

    /// Reasons as `Value` would read them back: an unknown byte is "undefined".
    @inline(__always)
    static func normalised(_ reason: UInt8) -> UInt8 {
        MissingReason(rawValue: reason) != nil ? reason : MissingReason.undefined.rawValue
    }

    /// `and` (or `or`) of two sides over `n` rows. Kleene's logic: false and
    /// missing is false, true or missing is true; otherwise a missing side
    /// makes the result missing with its reason (the left one's first).
    static func logic(_ isAnd: Bool, _ l: Side, _ r: Side, rows n: Int) -> (values: [Bool], missing: [UInt8]?) {
        let (lv, lm) = materialised(l, rows: n)
        let (rv, rm) = materialised(r, rows: n)
        // The value that decides on its own: false for and, true for or.
        let decisive = !isAnd
        if lm == nil && rm == nil {
            let out = [Bool](uninitializedCount: n) { out, count in
                lv.withUnsafeBufferPointer { a in
                    rv.withUnsafeBufferPointer { b in
                        if isAnd {
                            for i in 0..<n { out[i] = a[i] && b[i] }
                        } else {
                            for i in 0..<n { out[i] = a[i] || b[i] }
                        }
                    }
                }
                count = n
            }
            return (out, nil)
        }
        let zeros = lm == nil || rm == nil ? [UInt8](repeating: 0, count: n) : []
        var anyMissing = false
        var mask = [UInt8](repeating: 0, count: n)
        let out = [Bool](uninitializedCount: n) { out, count in
            mask.withUnsafeMutableBufferPointer { m in
                lv.withUnsafeBufferPointer { a in
                    rv.withUnsafeBufferPointer { b in
                        (lm ?? zeros).withUnsafeBufferPointer { am in
                            (rm ?? zeros).withUnsafeBufferPointer { bm in
                                for i in 0..<n {
                                    let ra = am[i], rb = bm[i]
                                    if (ra == 0 && a[i] == decisive) || (rb == 0 && b[i] == decisive) {
                                        out[i] = decisive
                                    } else {
                                        let reason = ra != 0 ? ra : rb
                                        out[i] = reason == 0 ? !decisive : false
                                        if reason != 0 {
                                            m[i] = normalised(reason)
                                            anyMissing = true
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            count = n
        }
        return (out, anyMissing ? mask : nil)
    }

    /// A side as a full column (a constant repeated).
    private static func materialised(_ s: Side, rows n: Int) -> ([Bool], [UInt8]?) {
        switch s {
        case .column(let v, let m): return (v, m)
        case .constant(let c, let reason):
            return ([Bool](repeating: c ?? false, count: n), c == nil ? [UInt8](repeating: reason, count: n) : nil)
        }
    }

    // MARK: - Selection

    /// Indices of rows that are true and not missing (a filter's selection vector).
    static func selected(_ keep: [Bool], missing: [UInt8]?) -> [Int32] {
        let n = keep.count
        var count = 0
        keep.withUnsafeBufferPointer { k in
            if let missing {
                missing.withUnsafeBufferPointer { m in
                    for i in 0..<n where k[i] && m[i] == 0 { count += 1 }
                }
            } else {
                for i in 0..<n where k[i] { count += 1 }
            }
        }
        return [Int32](uninitializedCount: count) { out, written in
            var j = 0
            keep.withUnsafeBufferPointer { k in
                if let missing {
                    missing.withUnsafeBufferPointer { m in
                        for i in 0..<n where k[i] && m[i] == 0 {
                            out[j] = Int32(i)
                            j += 1
                        }
                    }
                } else {
                    for i in 0..<n where k[i] {
                        out[j] = Int32(i)
                        j += 1
                    }
                }
            }
            written = j
        }
    }
}

// A filter's comparisons with a constant, and `is_missing`, on a column that
// has not been read from the column cache yet: worked out a run (segment) of
// rows at a time, on both cores, so the column is never held whole — a query
// over a large file holds its answers (a byte per row), not the columns it
// tested. The results are exactly those of the whole-column operators;
// anything else (and any read that fails) goes the ordinary way.

import Synchronization

enum Streaming {
    /// `c OP constant`, or nil when `c` is not a column still in the cache or
    /// the types are not a plain number or text comparison.
    static func compare(_ op: BinaryOperator, _ c: Column, _ constant: Value, rows: Int) -> Vector? {
        guard let source = c.pendingSource, rows == c.count, rows > 0 else { return nil }
        switch (c.type, constant) {
        case (.integer, .integer), (.integer, .decimal), (.decimal, .integer), (.decimal, .decimal), (.text, .text): break
        default: return nil
        }
        var out = [Bool](repeating: false, count: rows)
        var mask = [UInt8](repeating: 0, count: rows)
        let anyMissing = Mutex(false)
        // Text: each distinct string is compared once (one dictionary for every run).
        let answers = Mutex<(TextDictionary, [Bool])?>(nil)
        let ok = out.withUnsafeMutableBufferPointer { o in
            mask.withUnsafeMutableBufferPointer { m in
                let outP = RawOut(UnsafeMutableRawPointer(o.baseAddress!))
                let maskP = RawOut(UnsafeMutableRawPointer(m.baseAddress!))
                return source.forEachRun(values: true) { start, data, runMask in
                    guard let data else { return }
                    let count: Int
                    let dst = UnsafeMutableBufferPointer(
                        start: outP.pointer!.assumingMemoryBound(to: Bool.self) + start, count: data.rows)
                    count = dst.count
                    switch (data, constant) {
                    case (.integer(let v), .integer(let y)):
                        v.withUnsafeBufferPointer { Kernels.compare(op, $0, y, dst) }
                    case (.integer(let v), .decimal(let y)):
                        let d = v.map { Double($0) }
                        d.withUnsafeBufferPointer { Kernels.compare(op, $0, y, dst) }
                    case (.decimal(let v), .integer(let y)):
                        v.withUnsafeBufferPointer { Kernels.compare(op, $0, Double(y), dst) }
                    case (.decimal(let v), .decimal(let y)):
                        v.withUnsafeBufferPointer { Kernels.compare(op, $0, y, dst) }
                    case (.text(let codes, let dict), .text(let s)):
                        let table = answers.withLock { a -> [Bool] in
                            if let (d, t) = a, d === dict { return t }
                            let t = dict.values.map { Operators.textTest(op, $0, s) }
                            a = (dict, t)
                            return t
                        }
                        Kernels.lookup(codes, table, into: dst)
                    default:
                        break
                    }
                    if let runMask {
                        let mp = maskP.pointer!.assumingMemoryBound(to: UInt8.self) + start
                        var any = false
                        for k in 0..<count where runMask[k] != 0 {
                            mp[k] = runMask[k]
                            dst[k] = false
                            any = true
                        }
                        if any { anyMissing.withLock { $0 = true } }
                    }
                }
            }
        }
        guard ok else { return nil }
        return .column(Column(name: "", data: .boolean(out), missing: anyMissing.withLock { $0 } ? mask : nil))
    }

    /// `is_missing(c)` from the missing-value bytes alone, or nil when `c` is
    /// not a column still in the cache.
    static func isMissing(_ c: Column, rows: Int) -> Vector? {
        guard let source = c.pendingSource, rows == c.count, rows > 0 else { return nil }
        var out = [Bool](repeating: false, count: rows)
        let anyMissing = Mutex(false)
        let ok = out.withUnsafeMutableBufferPointer { o in
            let outP = RawOut(UnsafeMutableRawPointer(o.baseAddress!))
            return source.forEachRun(values: false) { start, _, runMask in
                guard let runMask else { return }
                let dst = outP.pointer!.assumingMemoryBound(to: Bool.self) + start
                var any = false
                for k in 0..<runMask.count where runMask[k] != 0 {
                    dst[k] = true
                    any = true
                }
                if any { anyMissing.withLock { $0 = true } }
            }
        }
        guard ok else { return nil }
        // As the whole-column function: no missing value at all is one `false`.
        guard anyMissing.withLock({ $0 }) else { return .scalar(.boolean(false)) }
        return .column(Column(name: "", data: .boolean(out)))
    }
}

// Columns whose arrays are made on first use. Two kinds:
//
// - a column of a cached file (Loading/ColumnCache.swift): its values stay in
//   the cache file until a statement reads them, so `load` followed by a query
//   that names four of twenty columns reads four;
// - the rows of another column picked by a filter, sort, take or join: the
//   index vector is kept and the gather done only when something reads the
//   values. Gathers of gathers compose their index vectors, so a `where`, a
//   `sort` and a `take` in a row gather each column at most once, and a
//   column no later stage reads is never gathered at all.
//
// The result is kept once made. `count` and `type` are known without making it.

import Dispatch
import Synchronization

/// Where a deferred column's values come from when they are first needed.
protocol ColumnSource: Sendable {
    /// The whole column. Never fails: a source that cannot read its data
    /// falls back on its own (ColumnCache re-reads the CSV file).
    func load() -> (data: ColumnData, missing: [UInt8]?)

    /// Only the rows at `indices` (a negative index: missing, "no match"),
    /// without keeping the whole column; nil when the source cannot.
    func load(rows indices: [Int32]) -> (data: ColumnData, missing: [UInt8]?)?

    /// Visits the column a run of rows at a time (runs may be visited on both
    /// cores at once, each exactly once), without keeping the whole column:
    /// `body(first row, values or nil when not wanted, missing bytes or nil)`.
    /// False when the source cannot (then nothing useful was visited).
    func forEachRun(values: Bool, _ body: @Sendable (Int, ColumnData?, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool

    /// The decimal places the column's values need (as
    /// `NumberText.decimalsNeeded` over all of them would find), when the
    /// source knows it without reading them; nil otherwise.
    var knownPlaces: Int? { get }
}

extension ColumnSource {
    func load(rows indices: [Int32]) -> (data: ColumnData, missing: [UInt8]?)? { nil }
    func forEachRun(values: Bool, _ body: @Sendable (Int, ColumnData?, UnsafeBufferPointer<UInt8>?) -> Void) -> Bool {
        false
    }
    var knownPlaces: Int? { nil }
}

final class DeferredColumn: @unchecked Sendable {
    // @unchecked: `made` is written once, under the lock, before `isMade` is
    // set (releasing); it is read without the lock only after `isMade` is
    // seen set (acquiring), so a made column costs no lock per read.
    let type: ColumnType
    let count: Int
    /// The source's `knownPlaces` (nil for a gather: its rows may need fewer).
    let knownPlaces: Int?

    private enum Plan: Sendable {
        case source(any ColumnSource)
        /// `base` is a ready column or a deferred column with a source (never a gather).
        case gather(base: Column, indices: [Int32])
    }

    private let plan: Mutex<Plan?>
    private var made: (data: ColumnData, missing: [UInt8]?)? = nil
    private let isMade = Atomic<Bool>(false)

    init(type: ColumnType, count: Int, source: any ColumnSource) {
        self.type = type
        self.count = count
        knownPlaces = source.knownPlaces
        plan = Mutex(.source(source))
    }

    init(type: ColumnType, gathering base: Column, _ indices: [Int32]) {
        self.type = type
        self.count = indices.count
        knownPlaces = nil
        plan = Mutex(.gather(base: base, indices: indices))
    }

    var isResolved: Bool { isMade.load(ordering: .acquiring) }

    /// The source, while the column is not yet made from it.
    var pendingSource: (any ColumnSource)? {
        if isResolved { return nil }
        return plan.withLock { p in
            guard case .source(let source)? = p else { return nil }
            return source
        }
    }

    /// The gather this column stands for, while it is not yet made.
    var pendingGather: (base: Column, indices: [Int32])? {
        if isResolved { return nil }
        return plan.withLock { p in
            guard case .gather(let base, let indices)? = p else { return nil }
            return (base, indices)
        }
    }

    /// The values, made on first use (one thread makes them; others wait).
    var resolved: (data: ColumnData, missing: [UInt8]?) {
        if isMade.load(ordering: .acquiring) { return made! }
        return plan.withLock { p in
            if isMade.load(ordering: .acquiring) { return made! }
            let r: (data: ColumnData, missing: [UInt8]?)
            switch p! {
            case .source(let source):
                let loaded = source.load()
                r = (loaded.data, Column.anySet(loaded.missing) ? loaded.missing : nil)
            case .gather(let base, let indices):
                // From a source not yet read: only the rows wanted, without keeping the rest.
                if case .deferred(let b) = base.storage, let source = b.pendingSource,
                    let picked = source.load(rows: indices)
                {
                    r = (picked.data, Column.anySet(picked.missing) ? picked.missing : nil)
                } else {
                    r = base.gatherNow(indices).parts
                }
            }
            made = r
            isMade.store(true, ordering: .releasing)
            p = nil
            return r
        }
    }
}

extension Column {
    /// The source of a column that has not been read from it yet (to stream it
    /// rather than read it whole).
    var pendingSource: (any ColumnSource)? {
        if case .deferred(let box) = storage { return box.pendingSource }
        return nil
    }

    /// The places every value of the column needs, when its source knows them
    /// without reading the values (a column of a cached file: Units.sourcePlaces).
    var knownPlaces: Int? {
        if case .deferred(let box) = storage { return box.knownPlaces }
        return nil
    }

    /// The column with its arrays made (for code that reads it row by row).
    func resolvedCopy() -> Column {
        guard case .deferred(let box) = storage else { return self }
        var c = self
        let (d, m) = box.resolved
        c.storage = .ready(d, m)
        return c
    }

    /// The column with these arrays as its values (made apart from it).
    func made(_ data: ColumnData, _ missing: [UInt8]?) -> Column {
        var c = self
        c.storage = .ready(data, missing)
        return c
    }

    /// Gathers below this many rows are done at once: cheaper than deferring.
    static let eagerGatherRows = 4096

    /// The values at `indices`, in that order. A negative index yields a missing
    /// value with reason "no match" (used by left joins and lags). Deferred:
    /// the rows are copied when first read (see the top of this file).
    func gather(_ indices: [Int32]) -> Column {
        switch storage {
        case .ready:
            if indices.count <= Self.eagerGatherRows { return gatherNow(indices) }
            return Column(name: name, deferred: DeferredColumn(type: type, gathering: self, indices)).measuring(unit).showing(places)
        case .deferred(let box):
            if let (base, inner) = box.pendingGather {
                let composed = Self.compose(inner, indices)
                return Column(name: name, deferred: DeferredColumn(type: type, gathering: base.renamed(name), composed))
                    .measuring(unit).showing(places)
            }
            if box.isResolved {
                let (d, m) = box.resolved
                var ready = self
                ready.storage = .ready(d, m)
                return ready.gather(indices)
            }
            return Column(name: name, deferred: DeferredColumn(type: type, gathering: self, indices)).measuring(unit).showing(places)
        }
    }

    /// outer[k] picks row outer[k] of a column that is itself inner's rows of a base.
    static func compose(_ inner: [Int32], _ outer: [Int32]) -> [Int32] {
        let n = outer.count
        return inner.withUnsafeBufferPointer { inn in
            outer.withUnsafeBufferPointer { out in
                [Int32](uninitializedCount: n) { buf, count in
                    for k in 0..<n {
                        let i = out[k]
                        buf[k] = i < 0 ? -1 : inn[Int(i)]
                    }
                    count = n
                }
            }
        }
    }

    /// The gather, done now.
    func gatherNow(_ indices: [Int32]) -> Column {
        let (srcData, srcMissing) = parts
        let n = indices.count
        var newMissing: [UInt8]? = nil
        let hasNoMatch = indices.withUnsafeBufferPointer { idx in
            for k in 0..<n where idx[k] < 0 { return true }
            return false
        }
        if srcMissing != nil || hasNoMatch {
            newMissing = indices.withUnsafeBufferPointer { idx in
                [UInt8](uninitializedCount: n) { out, count in
                    if let src = srcMissing {
                        src.withUnsafeBufferPointer { m in
                            for k in 0..<n {
                                let i = Int(idx[k])
                                out[k] = i < 0 ? MissingReason.noMatch.rawValue : m[i]
                            }
                        }
                    } else {
                        for k in 0..<n { out[k] = idx[k] < 0 ? MissingReason.noMatch.rawValue : 0 }
                    }
                    count = n
                }
            }
        }
        func pick<T>(_ values: [T], _ filler: T) -> [T] {
            values.withUnsafeBufferPointer { src in
                indices.withUnsafeBufferPointer { idx in
                    [T](uninitializedCount: n) { out, count in
                        if hasNoMatch {
                            for k in 0..<n {
                                let i = Int(idx[k])
                                (out.baseAddress! + k).initialize(to: i < 0 ? filler : src[i])
                            }
                        } else {
                            for k in 0..<n { (out.baseAddress! + k).initialize(to: src[Int(idx[k])]) }
                        }
                        count = n
                    }
                }
            }
        }
        let data: ColumnData
        switch srcData {
        case .integer(let v): data = .integer(pick(v, 0))
        case .decimal(let v): data = .decimal(pick(v, 0))
        case .text(let codes, let dict): data = .text(codes: pick(codes, 0), dictionary: dict)
        case .boolean(let v): data = .boolean(pick(v, false))
        }
        return Column(name: name, data: data, missing: newMissing).measuring(unit).showing(places)
    }
}

extension Table {
    /// The table with every deferred column made (on both cores), so that the
    /// work is done, and timed, where the statement runs rather than where
    /// its result is printed.
    func resolved() -> Table {
        var pending: [Int] = []
        var boxes: [DeferredColumn] = []
        for (i, c) in columns.enumerated() {
            if case .deferred(let box) = c.storage, !box.isResolved {
                pending.append(i)
                boxes.append(box)
            }
        }
        guard !boxes.isEmpty else { return self }
        let all = boxes
        DispatchQueue.concurrentPerform(iterations: all.count) { k in _ = all[k].resolved }
        var out = self
        for (k, i) in pending.enumerated() {
            let (d, m) = boxes[k].resolved
            out.columns[i].storage = .ready(d, m)
        }
        return out
    }
}

extension Table {
    /// Makes the deferred columns on a background thread, one after another
    /// (a statement that needs one meanwhile waits for it, or makes it first).
    func prefetchInBackground() {
        let boxes = columns.compactMap { c -> DeferredColumn? in
            if case .deferred(let box) = c.storage, !box.isResolved { return box }
            return nil
        }
        guard !boxes.isEmpty else { return }
        DispatchQueue.global(qos: .utility).async {
            for box in boxes { _ = box.resolved }
        }
    }
}

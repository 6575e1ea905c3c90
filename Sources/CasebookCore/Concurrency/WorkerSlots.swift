// One result per worker of a parallel loop, the one way Casebook hands
// results from `DispatchQueue.concurrentPerform` back to the caller.
//
// The parallel CSV reader kept its chunks in a Swift Array that workers
// assigned into from several threads: an Array's subscript setter reads and
// may rewrite the array's header (to check it is uniquely referenced), so two
// workers storing at once is a data race (ThreadSanitizer reported it), even
// at different indices. Here the slots are raw memory allocated once, before
// the workers start, and never resized:
//
// - worker `i` writes slot `i` and no other (`set` checks the index);
// - nobody reads a slot while workers run: `concurrentPerform` returns only
//   after every iteration has finished, which orders each write before the
//   caller's reads (`results`, `take`);
// - `run` is the whole pattern in one call: allocate, run the workers, collect.
//
// `make tsan` runs the test suite under ThreadSanitizer to keep it so.

import Dispatch

final class WorkerSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: max(count, 1))
    }

    deinit {
        slots.deinitialize(count: max(count, 1))
        slots.deallocate()
    }

    /// Worker `i` stores its result (once, in its own slot).
    func set(_ i: Int, _ value: T) {
        precondition(i >= 0 && i < count, "worker \(i) has no slot of \(count)")
        slots[i] = value
    }

    /// After the workers: slot `i`'s result, taken out (the slot is left empty,
    /// so a large result is not kept twice).
    func take(_ i: Int) -> T? {
        precondition(i >= 0 && i < count)
        let v = slots[i]
        slots[i] = nil
        return v
    }

    /// After the workers: every result, in slot order.
    var results: [T?] { (0..<count).map { slots[$0] } }

    /// Runs `body` for 0..<count on the cores (in the calling thread when
    /// `parallel` is false or there is one iteration) and returns the results
    /// in order.
    static func run(_ count: Int, parallel: Bool = true, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = WorkerSlots(count: count)
        if parallel && count > 1 {
            DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        } else {
            for i in 0..<count { slots.set(i, body(i)) }
        }
        return (0..<count).map { slots.take($0)! }
    }
}

// The one way results come back from parallel workers (Concurrency/WorkerSlots.swift).
// `make tsan` runs these, and every parallel reader and kernel, under ThreadSanitizer.

@testable import CasebookCore
import Dispatch
import Testing

@Suite("Worker slots")
struct WorkerSlotsTests {
    @Test("each worker's result comes back in its slot, in order, whatever order they finish in")
    func resultsInOrder() {
        for count in [0, 1, 2, 7, 500] {
            let results = WorkerSlots.run(count) { i -> [Int] in
                // Uneven work, so workers finish out of order.
                var v = [Int](repeating: i, count: (count - i) * 50)
                v.append(i * i)
                return v
            }
            #expect(results.count == count)
            for (i, r) in results.enumerated() {
                #expect(r.last == i * i && r.count == (count - i) * 50 + 1)
            }
        }
    }

    @Test("taking a result empties its slot; slots not set are nil")
    func takeEmptiesTheSlot() {
        let slots = WorkerSlots<String>(count: 3)
        DispatchQueue.concurrentPerform(iterations: 2) { i in slots.set(i, "worker \(i)") }
        #expect(slots.results == ["worker 0", "worker 1", nil])
        #expect(slots.take(1) == "worker 1")
        #expect(slots.take(1) == nil)
    }

    @Test("large values (a CSV chunk's columns) are handed over whole from many threads")
    func largeValues() {
        let results = WorkerSlots.run(64) { i in [Double](repeating: Double(i), count: 100_000) }
        #expect(results.enumerated().allSatisfy { i, v in v.count == 100_000 && v.first == Double(i) && v.last == Double(i) })
    }
}

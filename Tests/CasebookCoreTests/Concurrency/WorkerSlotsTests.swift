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

    @Test("a file large enough for the reader's two workers (blocks of 4 MB and more) loads the same as with one")
    func parallelReaderHandsBackEveryChunk() throws {
        // The reader splits a block between workers only from 4 MB: below that
        // the race this guards against (chunks stored into a Swift Array from two
        // threads) never ran. Under `make tsan` this test is what would report it.
        var text = "id,value,name\n"
        text.reserveCapacity(9 << 20)
        var i = 0
        while text.utf8.count < 9 << 20 {
            text += "\(i),\(i % 1000).5,n\(i % 500)\n"
            i += 1
        }
        let (one, _) = try CSVTest.read(bytes: Array(text.utf8), workers: 1)
        let (two, _) = try CSVTest.read(bytes: Array(text.utf8), workers: 2)
        #expect(one.rowCount == i && two.rowCount == i)
        #expect(two.values("id").last == .integer(Int64(i - 1)))
        #expect(one.values("value") == two.values("value"))
    }
}

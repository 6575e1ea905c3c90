// Arrays filled in place, the one way the library makes them.
//
// `Array(unsafeUninitializedCapacity: 0, …)` hands its closure the standard
// library's shared empty-array storage and writes the count (0, already there)
// back into it. Two threads doing so at once — a parallel stage meeting an
// empty group, beside a test on another thread — is a write to one global that
// ThreadSanitizer rightly reports as a race, and `make tsan` fails on it. With
// no elements this gives the closure a private, empty buffer instead (its
// pointer is not nil, as the standard library's is not), and returns [].

extension Array {
    @inlinable
    init<E: Error>(
        uninitializedCount n: Int,
        initializingWith body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws(E) -> Void
    ) throws(E) {
        guard n > 0 else {
            let scratch = UnsafeMutablePointer<Element>.allocate(capacity: 1)
            defer { scratch.deallocate() }
            var empty = UnsafeMutableBufferPointer(start: scratch, count: 0)
            var count = 0
            try body(&empty, &count)
            self = []
            return
        }
        try self.init(unsafeUninitializedCapacity: n, initializingWith: body)
    }
}

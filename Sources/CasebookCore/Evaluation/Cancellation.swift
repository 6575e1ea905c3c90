// A way for whoever runs a statement (the shell, on Ctrl-C) to ask the engine to
// stop. Long loops call `checkpoint()` every few thousand rows; the check is a
// plain function so that the library needs no signals of its own.

public struct Cancellation: Sendable {
    private let isCancelled: @Sendable () -> Bool

    public init(_ isCancelled: @escaping @Sendable () -> Bool) {
        self.isCancelled = isCancelled
    }

    public static let never = Cancellation { false }

    public var cancelled: Bool { isCancelled() }

    /// Throws the "cancelled" diagnostic when a stop was asked for.
    @inline(__always)
    func checkpoint() throws(Diagnostic) {
        if isCancelled() { throw Diagnostic.cancelled }
    }

    /// Rows between checks in tight loops.
    static let stride = 1 << 16
}

extension Diagnostic {
    public static let cancelled = Diagnostic(
        id: .cancelled, message: "cancelled", span: nil, help: nil, notes: [])

    var isCancellation: Bool { id == .cancelled }
}

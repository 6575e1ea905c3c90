// What one statement did, as a value: the engine makes one per statement and
// hands it to the presenter, which alone turns it into text — for the screen,
// and for the session file. Errors, warnings and notes are all diagnostics
// here, in the order they were raised; nothing is printed on the side.

public struct StatementResult: Sendable {
    /// The statement as typed.
    public var text: String
    /// Errors, warnings and notes. Warnings and notes raised while the statement
    /// ran (a load's report) come first, errors after.
    public var diagnostics: [Diagnostic] = []
    /// What it produced; nil when it failed before producing anything.
    var outcome: Outcome? = nil
    /// Where the result went besides (or instead of) the screen: "wrote 12 rows to r.csv".
    var delivered: String? = nil
    /// Seconds it took, when the timer is on and the statement is timed.
    var elapsed: Double? = nil
    /// Stopped by Ctrl-C: nothing is shown but "cancelled", and nothing recorded.
    public var cancelled = false

    public init(text: String) {
        self.text = text
    }

    public var failed: Bool { cancelled || diagnostics.contains { $0.severity == .error } }
    var quits: Bool {
        if case .quit = outcome { return true }
        return false
    }

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var asides: [Diagnostic] { diagnostics.filter { $0.severity != .error } }
}

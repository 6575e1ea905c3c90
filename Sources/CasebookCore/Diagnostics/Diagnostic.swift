// An error, warning or note as a value: what went wrong, where (a span in the
// statement's source), and what might help. Raised by the lexer, parser,
// evaluator and loaders; turned into text only by DiagnosticRenderer.

/// A problem found in a statement, with the place it refers to.
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    var severity: Severity
    /// What kind of problem: a stable identifier (for tests and docs), e.g. `.unknownColumn` ("unknown-column").
    public var id: DiagnosticID
    public var message: String
    /// Where in the statement's source; nil for problems that belong to no place
    /// (a failed write after the statement ran, say).
    public var span: SourceSpan?
    /// A "did you mean" or "try" line shown under the caret.
    public var help: String?
    /// Further lines of explanation (e.g. the first few bad rows of a CSV).
    public var notes: [String]

    public init(
        _ severity: Severity = .error, id: DiagnosticID, message: String, span: SourceSpan?,
        help: String? = nil, notes: [String] = []
    ) {
        self.severity = severity
        self.id = id
        self.message = message
        self.span = span
        self.help = help
        self.notes = notes
    }

    /// The same, placed at `span` when it had no place of its own (a file
    /// that could not be written: the statement that asked is the place).
    func placed(at span: SourceSpan?) -> Diagnostic {
        var copy = self
        if copy.span == nil { copy.span = span }
        return copy
    }

    public func with(help: String?) -> Diagnostic {
        var copy = self
        copy.help = help
        return copy
    }
}

/// The first error found by a phase; a statement fails with exactly one of these
/// at run time (parsing may collect several).
typealias DiagnosticResult<T> = Result<T, Diagnostic>

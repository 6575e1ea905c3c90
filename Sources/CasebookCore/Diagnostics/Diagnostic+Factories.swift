// Named factories for the diagnostics raised in more than one place: the
// resolver and the evaluator, or several writers, say the same thing in the
// same words because they call the same factory (as swift-syntax's named
// diagnostic messages do). A change of wording is one edit here.

extension Diagnostic {
    /// A file could not be written: "cannot write PATH: WHY".
    static func writeFailed(_ path: String, _ why: String) -> Diagnostic {
        Diagnostic(id: .writeFailed, message: "cannot write \(path): \(why)", span: nil)
    }

    /// A file could not be read: "cannot read PATH: WHY".
    static func fileUnreadable(_ path: String, _ why: String) -> Diagnostic {
        Diagnostic(id: .fileUnreadable, message: "cannot read \(path): \(why)", span: nil)
    }

    /// A number literal beyond what a value can hold.
    static func numberTooLarge(at span: SourceSpan) -> Diagnostic {
        Diagnostic(id: .numberTooLarge, message: "this number is too large", span: span)
    }

    /// `summarise NAME = EXPR` where EXPR has no aggregate in it.
    static func notSummarised(_ expression: String, at span: SourceSpan) -> Diagnostic {
        Diagnostic(
            id: .notSummarised,
            message: "`summarise` needs an aggregate such as mean(…), but `\(expression)` has none", span: span,
            help: "to add a column to every row use `derive`; aggregates are count, sum, mean, median, min, max, …")
    }

    /// A value of the wrong type where a condition (true/false) is needed.
    static func needsCondition(_ what: String, _ subject: String, holds type: String, at span: SourceSpan, help: String?) -> Diagnostic {
        Diagnostic(id: .typeMismatch, message: "\(what) needs a condition, but \(subject) holds \(type)", span: span, help: help)
    }

    /// An operator, function or stage given values of a type it does not take:
    /// "WHAT works on KIND, but SUBJECT holds TYPE".
    static func worksOn(_ kind: String, _ what: String, _ subject: String, holds type: String, at span: SourceSpan, help: String? = nil)
        -> Diagnostic
    {
        Diagnostic(id: .typeMismatch, message: "\(what) works on \(kind), but \(subject) holds \(type)", span: span, help: help)
    }

    /// A new column's name taken already.
    static func columnExists(_ name: String, at span: SourceSpan, help: String? = nil) -> Diagnostic {
        Diagnostic(id: .duplicateColumn, message: "there is already a column named `\(name)`", span: span, help: help)
    }

    /// A join whose keys would multiply rows past the row limit.
    static func joinTooLarge(limit: Int, estimate: Int?) -> Diagnostic {
        Diagnostic(
            id: .resultTooLarge,
            message: "this join would make more than \(NumberText.grouped(limit)) rows"
                + (estimate.map { " (\(NumberText.grouped($0)) by its keys)" } ?? ""),
            span: nil,
            help: "the keys match many rows on both sides; join on more keys (e.g. `on la_code, year`), or raise the limit with `set limit N`")
    }
}

extension Diagnostic {
    /// A file of no bytes at all, which has not even a header.
    static func emptyFile(_ displayName: String) -> Diagnostic {
        Diagnostic(id: .emptyFile, message: "\(displayName) is empty (0 bytes)", span: nil)
    }

    /// `compare` and `scorecard` given several authorities, or none.
    static func oneAuthority(at span: SourceSpan) -> Diagnostic {
        Diagnostic(id: .badArgument, message: "name one authority", span: span)
    }
}

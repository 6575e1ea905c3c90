// One word of the language declared once: its kind, aliases, form, help and
// runnable examples, and for a function or aggregate how many arguments it
// takes. Help, completion, the parser's "did you mean" and the argument-count
// check all read the same declaration.

struct Declaration: Sendable {
    enum Kind: String, Sendable {
        case statement, stage, function, aggregate
    }

    /// The word's name; set from its typed identifier, never written twice.
    public internal(set) var name = ""
    public var kind: Kind
    var aliases: [String]
    /// The form, e.g. "sort KEY [desc], …"; alternatives are joined with " · ".
    var synopsis: String
    var summary: String
    /// Further paragraphs (rules, edge cases).
    var details: [String]
    /// Statements that run as they are on the shipped datasets (a test runs every one).
    var examples: [String]
    /// Functions and aggregates: how many arguments a call takes.
    public var arity: ClosedRange<Int>?
    /// Functions and aggregates: what the first argument must be (the resolver
    /// checks it when the column's type is known; the evaluator when it is not).
    var firstArgument: ArgumentKind = .any
    /// Statements about the session itself (save, output, quit), which a saved session leaves out.
    var leftOutOfSessions = false

    init(
        _ kind: Kind, aliases: [String] = [], synopsis: String, summary: String, details: [String] = [],
        examples: [String], arity: ClosedRange<Int>? = nil
    ) {
        self.kind = kind
        self.aliases = aliases
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        self.examples = examples
        self.arity = arity
    }

    func leftOutOfSessions(_ yes: Bool = true) -> Declaration {
        var copy = self
        copy.leftOutOfSessions = yes
        return copy
    }

    func taking(_ kind: ArgumentKind) -> Declaration {
        var copy = self
        copy.firstArgument = kind
        return copy
    }

    func named(_ name: String) -> Declaration {
        var copy = self
        copy.name = name
        return copy
    }

    /// The form as a call error shows it: "round(x) or round(x, places)".
    public var usage: String { synopsis.replacing(" · ", with: " or ") }
}

/// What a call's argument must hold.
enum ArgumentKind: Sendable {
    case any, number, text, condition
}

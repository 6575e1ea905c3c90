// One help topic: a statement, a stage, a function or an aggregate, declared
// once with its name, aliases, form, a one-line description and examples that
// run on the shipped datasets (a test runs every one).

public struct HelpEntry: Sendable {
    public enum Kind: String, Sendable {
        case statement, stage, function, aggregate
    }

    public var name: String
    public var kind: Kind
    public var aliases: [String] = []
    /// The form, e.g. "sort KEY [desc], …".
    public var synopsis: String
    public var summary: String
    /// Further paragraphs (rules, edge cases).
    public var details: [String] = []
    /// Statements that run as they are on the shipped datasets.
    public var examples: [String]

    public init(
        _ name: String, _ kind: Kind, aliases: [String] = [], synopsis: String, summary: String, details: [String] = [],
        examples: [String]
    ) {
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        self.examples = examples
    }
}

/// The stages, for the parser (names and aliases) and for help.
public enum StageCatalog {
    public static func find(_ word: String) -> HelpEntry? {
        let w = word.lowercased()
        return HelpCatalog.stages.first { $0.name == w || $0.aliases.contains(w) }
    }

    public static var allNames: [String] {
        HelpCatalog.stages.flatMap { [$0.name] + $0.aliases }
    }
}

extension HelpEntry {
    /// Text for `help NAME`.
    func rendered() -> String {
        var out = "\(synopsis)\n\n\(summary)\n"
        if !aliases.isEmpty { out += "Also written: \(aliases.joined(separator: ", ")).\n" }
        for d in details { out += "\n\(d)\n" }
        if !examples.isEmpty {
            out += "\nExample\(examples.count > 1 ? "s" : ""):\n"
            for e in examples { out += "  \(e)\n" }
        }
        return out
    }
}

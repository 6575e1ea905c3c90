// Every declared word, for the places that want all of them at once: help's
// lists and topics, and the test that runs every example.

enum Registry {
    public static var statements: [Declaration] { StatementWord.declarations }
    public static var stages: [Declaration] { StageWord.declarations }
    public static var functions: [Declaration] { FunctionWord.declarations }
    public static var aggregates: [Declaration] { AggregateWord.declarations }

    /// All declarations, statements first (so `help count` gives the stage before the aggregate).
    public static var all: [Declaration] { statements + stages + functions + aggregates }

    /// Is `name` a function or an aggregate (any spelling)?
    static func isCallable(_ name: String) -> Bool {
        FunctionWord(spelled: name) != nil || AggregateWord(spelled: name) != nil
    }
}

// What a statement's evaluation shares: the workspace, the cancellation check,
// and the notes that aggregates and stages leave for under the result.

final class EvaluationContext {
    let workspace: Workspace
    let cancellation: Cancellation
    let settings: Settings
    /// Notes shown under the result, in the order they were made; skip notes
    /// with the same counts are merged ("mean(x), median(x) skipped 3 values…").
    var notes: [String] {
        var out: [String] = []
        var merged: [(labels: [String], tail: String)] = []
        for item in items {
            switch item {
            case .plain(let text):
                out.append(contentsOf: merged.map { "\($0.labels.joined(separator: ", ")) \($0.tail)" })
                merged = []
                out.append(text)
            case .skip(let label, let tail):
                if let i = merged.firstIndex(where: { $0.tail == tail }) {
                    if !merged[i].labels.contains(label) { merged[i].labels.append(label) }
                } else {
                    merged.append(([label], tail))
                }
            }
        }
        out.append(contentsOf: merged.map { "\($0.labels.joined(separator: ", ")) \($0.tail)" })
        return out
    }

    private enum Item: Equatable {
        case plain(String)
        case skip(label: String, tail: String)
    }

    private var items: [Item] = []
    /// Lines shown above the result (describe's sources).
    var preamble: [String] = []
    /// Warnings and notes about the statement itself (a load's report), shown
    /// before its result and recorded with it.
    private(set) var asides: [Diagnostic] = []

    func warn(_ id: DiagnosticID, _ message: String) {
        asides.append(Diagnostic(.warning, id: id, message: message, span: nil))
    }

    func note(_ id: DiagnosticID, _ message: String) {
        asides.append(Diagnostic(.note, id: id, message: message, span: nil))
    }

    /// What the statement may read and write.
    let files: FileAccess

    init(workspace: Workspace, cancellation: Cancellation, settings: Settings, files: FileAccess) {
        self.workspace = workspace
        self.cancellation = cancellation
        self.settings = settings
        self.files = files
    }

    func addNote(_ note: String) {
        if !items.contains(.plain(note)) { items.append(.plain(note)) }
    }

    /// "mean(caseload) skipped 3 values: 2 c, 1 x"
    func addSkipNote(_ label: String, _ counts: [MissingReason: Int], unit: String) {
        let total = counts.values.reduce(0, +)
        let parts = counts.sorted { $0.key < $1.key }.map { "\(NumberText.grouped($0.value)) \($0.key.name)" }
        let item = Item.skip(label: label, tail: "skipped \(Messages.plural(total, unit)): \(parts.joined(separator: ", "))")
        if !items.contains(item) { items.append(item) }
    }

    /// The authority a value names, or a diagnostic listing the nearest names. A former authority's note ("no longer
    /// exists…") is added unless `noteFormer` is false: stages that say more
    /// about the years it did not exist in add their own.
    func resolveAuthority(_ value: Value, span: SourceSpan, noteFormer: Bool = true) throws(Diagnostic) -> Authority {
        guard let index = try workspace.authorities(cancellation: cancellation) else {
            throw Diagnostic(
                id: .noAuthorities, message: "the `authorities` dataset is not available, so names cannot be looked up",
                span: span, help: "start Casebook with --datasets pointing at the shipped datasets")
        }
        let query: String
        switch value {
        case .text(let s): query = s
        case .integer(let i): query = String(i)
        default:
            throw Diagnostic(
                id: .typeMismatch, message: "an authority is named by text or a code, not \(value.type?.displayName ?? "a missing value")",
                span: span)
        }
        switch index.resolve(query) {
        case .found(let a):
            if noteFormer, let note = a.formerNote { addNote(note) }
            if let note = a.codeNote { addNote(note) }
            return a
        case .ambiguous(let many):
            let names = many.prefix(6).map { a in a.code.map { "\(a.name) (\($0))" } ?? a.name }
            throw Diagnostic(
                id: .ambiguousAuthority, message: "\"\(query)\" could be \(Messages.orList(names))", span: span,
                help: "write more of the name, or the DfE code")
        case .notFound(let suggestions):
            throw Diagnostic(
                id: .unknownAuthority, message: "no authority called \"\(query)\"", span: span,
                help: suggestions.isEmpty
                    ? "`authorities | select la_code, la_name` lists them"
                    : "did you mean " + Messages.orList(suggestions.map { "\"\($0)\"" }) + "?")
        }
    }
}

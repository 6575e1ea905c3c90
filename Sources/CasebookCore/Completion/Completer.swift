// Tab completion that follows the query: what can come next at the cursor,
// worked out with the language's own lexer. At the start of a statement:
// commands and datasets; after `|`: stages; inside a stage: the columns of the
// dataset at the head of the pipeline (and names made earlier on the line),
// then functions; inside quotes: file paths.

public struct Completion: Equatable, Sendable {
    /// Byte offset in the text where the word being completed starts.
    public var start: Int
    /// What has been typed of that word.
    public var prefix: String
    /// Whole words that fit, best first.
    public var candidates: [String]
    /// Text to put after a single completed word (a space, `(` or `/`).
    public var suffix: String

    /// The longest text all candidates share beyond the prefix.
    public var commonExtension: String {
        guard let first = candidates.first else { return "" }
        var common = first
        for c in candidates.dropFirst() {
            while !c.hasPrefix(common) { common.removeLast() }
        }
        return common.count > prefix.count ? String(common.dropFirst(prefix.count)) : ""
    }
}

public struct Completer {
    let workspace: Workspace
    let homeDirectory: String?
    let baseDirectory: String

    public init(workspace: Workspace, homeDirectory: String?, baseDirectory: String) {
        self.workspace = workspace
        self.homeDirectory = homeDirectory
        self.baseDirectory = baseDirectory
    }

    static let settingNames = ["format", "rows", "timer", "width", "colour", "accessible", "sources", "neighbours", "limit", "chars"]
    static let settingValues: [String: [String]] = [
        "format": OutputFormat.allCases.map(\.rawValue), "timer": ["on", "off"], "colour": ["on", "off"],
        "accessible": ["on", "off"], "sources": ["on", "off"], "rows": ["all"], "width": ["auto"],
        "neighbours": ["2025", "2021"], "chars": ["unicode", "ascii"],
    ]
    static let commands = [
        "let", "datasets", "describe", "profile", "help", "load", "set", "output", "once", "save", "forget", "quit", "compare",
        "scorecard",
    ]

    /// Candidates for the word before `cursor` (a byte offset) in `text`, which
    /// may hold earlier lines of an unfinished statement.
    public func complete(_ text: String, cursor: Int) -> Completion {
        let bytes = Array(text.utf8)
        let upto = String(decoding: bytes[0..<min(cursor, bytes.count)], as: UTF8.self)
        let source = SourceText(name: "", text: upto)
        let all = Lexer.tokenize(source).filter { $0.kind != .endOfInput }
        // Only the current statement matters.
        var tokens: [Token] = []
        for t in all {
            if t.kind == .semicolon { tokens = [] } else if t.kind != .newline { tokens.append(t) }
        }
        if let last = tokens.last, last.kind == .unterminatedString, last.span.end == bytes.count || last.span.end == cursor {
            return completePath(last)
        }
        var prefix = ""
        var start = cursor
        if let last = tokens.last, last.span.end == cursor,
            last.kind == .identifier || last.kind.isKeyword || last.kind == .quotedIdentifier || last.kind == .unterminatedQuotedIdentifier
        {
            prefix = last.kind == .identifier || last.kind.isKeyword ? last.text : last.text
            start = last.span.start
            tokens.removeLast()
        }
        let words = candidates(before: tokens)
        var matches = words.filter { $0.lowercased().hasPrefix(prefix.lowercased().replacing("`", with: "")) }
        // Keep order (columns before functions) but drop repeats.
        var seen = Set<String>()
        matches = matches.filter { seen.insert($0).inserted }
        let quoted = matches.map { Self.needsQuotes($0) && !Self.isReserved($0) ? "`\($0)`" : $0 }
        var suffix = " "
        if quoted.count == 1, Functions.isFunction(quoted[0]) || Aggregates.isAggregate(quoted[0]),
            tokens.last.map({ $0.kind != .pipe }) ?? false
        {
            suffix = "("
        }
        return Completion(start: start, prefix: prefix, candidates: quoted, suffix: suffix)
    }

    /// The words that may come next after `tokens` (the statement so far).
    func candidates(before tokens: [Token]) -> [String] {
        guard let last = tokens.last else { return Self.commands + workspace.allNames }
        let first = tokens.first!
        let firstWord = first.text.lowercased()
        if tokens.count == 1 {
            switch firstWord {
            case "describe", "profile", "forget": return workspace.allNames
            case "help": return HelpText.topics
            case "set": return Self.settingNames
            case "save": return ["session"]
            default: break
            }
        }
        if tokens.count == 2, firstWord == "set" {
            return Self.settingValues[tokens[1].text.lowercased()] ?? []
        }
        if tokens.count == 2, firstWord == "load" { return ["as"] }
        if last.kind == .pipe { return HelpCatalog.stages.map(\.name) }
        if last.kind == .equal, tokens.count == 3, first.kind == .keyword(.let) { return workspace.allNames }
        if last.isWord("join") || last.isWord("left") || last.isWord("inner") { return workspace.allNames }
        if last.kind == .leftParen, tokens.count >= 2, tokens[tokens.count - 2].isWord("join") {
            return workspace.allNames
        }
        // Inside a stage: the columns in scope first, then functions and words.
        var words = columnsInScope(tokens)
        let stage = currentStage(tokens)
        switch stage {
        case "sort", "rank", "top": words += ["desc", "asc", "by"]
        case "summarise", "count": words += ["by"]
        case "change": words += ["over", "by"]
        default: break
        }
        if ["where", "derive", "select", "summarise", "summarize", "sort", "rank", "top"].contains(stage ?? "") {
            words += Aggregates.names + Functions.names + ["and", "or", "not", "in", "between", "like", "missing"]
        }
        return words
    }

    /// Columns of the dataset the pipeline starts from, and names bound earlier
    /// on the line (`derive x = …`, `select y = …`).
    func columnsInScope(_ tokens: [Token]) -> [String] {
        var i = 0
        if tokens.first?.kind == .keyword(.let) { i = 3 }
        var columns: [String] = []
        if i < tokens.count, let head = tokens[i].name, workspace.contains(head) {
            columns = workspace.columnNames(head)
        }
        // Names introduced with `name =` inside stages.
        for k in tokens.indices.dropFirst(i + 1) where tokens[k].kind == .equal && k > 0 {
            if let n = tokens[k - 1].name, !columns.contains(n), tokens[k - 1].kind != .keyword(.let) { columns.append(n) }
        }
        // After `join X`, X's columns are in scope too.
        for k in tokens.indices where tokens[k].isWord("join") {
            var j = k + 1
            if j < tokens.count, tokens[j].isWord("left") || tokens[j].isWord("inner") { j += 1 }
            if j < tokens.count, let other = tokens[j].name, workspace.contains(other) {
                columns += workspace.columnNames(other).filter { !columns.contains($0) }
            }
        }
        return columns
    }

    /// The stage the cursor is in: the identifier after the last `|`.
    func currentStage(_ tokens: [Token]) -> String? {
        guard let pipe = tokens.lastIndex(where: { $0.kind == .pipe }), pipe + 1 < tokens.count else { return nil }
        return StageCatalog.find(tokens[pipe + 1].text)?.name
    }

    // MARK: - Paths

    func completePath(_ token: Token) -> Completion {
        let typed = String(token.text.dropFirst())  // without the opening quote
        let start = token.span.start + 1
        var folderPart = ""
        var namePart = typed
        if let slash = typed.lastIndex(of: "/") {
            folderPart = String(typed[...slash])
            namePart = String(typed[typed.index(after: slash)...])
        }
        var folder = folderPart.isEmpty ? baseDirectory : folderPart
        if folder.hasPrefix("~"), let home = homeDirectory { folder = home + folder.dropFirst() }
        if !folder.hasPrefix("/") { folder = baseDirectory + "/" + folder }
        let entries = (Directory.list(folder) ?? []).filter {
            $0.hasPrefix(namePart) && (!$0.hasPrefix(".") || namePart.hasPrefix("."))
        }
        let candidates = entries.map { name -> String in
            folderPart + name + (Directory.isDirectory(folder + "/" + name) ? "/" : "")
        }
        let single = candidates.count == 1
        return Completion(
            start: start, prefix: typed, candidates: candidates,
            suffix: single && !(candidates.first?.hasSuffix("/") ?? false) ? "\"" : "")
    }

    static func needsQuotes(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return true }
        if !(first.properties.isAlphabetic || first == "_") { return true }
        return name.unicodeScalars.contains { !($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
    }

    static func isReserved(_ name: String) -> Bool { false }
}

extension TokenKind {
    var isKeyword: Bool {
        if case .keyword = self { return true }
        return false
    }
}

// Tab completion that follows the query: what can come next at the cursor,
// worked out with the language's own lexer and resolver. At the start of a
// statement: commands and datasets; after `|`: stages; inside a stage: the
// columns in scope after the stages before it (Completer+Scope.swift), then
// functions; inside quotes: authority names after `for` and `compare`, else
// file paths; measures after `compare … on`; chart kinds and their columns.

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

    /// The commands that can start a statement (a pipeline starts with a dataset instead).
    static var commands: [String] { StatementWord.allCases.filter { $0 != .pipeline }.map(\.name) }

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
            let before = Array(tokens.dropLast())
            if isAuthorityPosition(before) { return completeAuthority(last) }
            if isTopicPosition(before) { return completeQuoted(last, from: topics()) }
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
        var words = candidates(before: tokens, text: upto)
        // After a `*` written against it (`select *_ra`), a pattern's ending: the
        // ends of the column names from where the typed part appears (`_rate`).
        if let star = tokens.last, star.kind == .star, star.span.end == start, !prefix.isEmpty {
            words = Self.patternEndings(prefix, of: words)
        }
        var matches = words.filter { $0.lowercased().hasPrefix(prefix.lowercased().replacing("`", with: "")) }
        // Keep order (columns before functions) but drop repeats.
        var seen = Set<String>()
        matches = matches.filter { seen.insert($0).inserted }
        let quoted = matches.map { Self.needsQuotes($0) && !Self.isReserved($0) ? "`\($0)`" : $0 }
        var suffix = " "
        if quoted.count == 1, Registry.isCallable(quoted[0]),
            tokens.last.map({ $0.kind != .pipe }) ?? false
        {
            suffix = "("
        }
        return Completion(start: start, prefix: prefix, candidates: quoted, suffix: suffix)
    }

    /// The words that may come next after `tokens` (the statement so far).
    func candidates(before tokens: [Token], text: String) -> [String] {
        guard let last = tokens.last else { return Self.commands + workspace.allNames }
        let first = tokens.first!
        let firstWord = first.text.lowercased()
        if tokens.count == 1 {
            switch firstWord {
            case StatementWord.describe.name, StatementWord.profile.name, StatementWord.forget.name:
                return workspace.allNames
            case StatementWord.help.name: return HelpText.topics + (workspace.catalog.map(ColumnHelp.allColumnNames) ?? [])
            case StatementWord.set.name: return SettingWord.names
            case StatementWord.save.name: return ["session", "chart"]
            default: break
            }
        }
        if tokens.count == 2, StatementWord(spelled: firstWord) == .set {
            return SettingWord(spelled: tokens[1].text)?.valueWords ?? []
        }
        if tokens.count == 2, StatementWord(spelled: firstWord) == .load { return ["as"] }
        // `describe referrals nfa, …`: the dataset's columns.
        if tokens.count >= 2, StatementWord(spelled: firstWord) == .describe, tokens.count == 2 || last.kind == .comma {
            return workspace.shallowSchema(tokens[1].text)?.names ?? []
        }
        if last.kind == .pipe { return StageWord.names }
        if last.kind == .equal, tokens.count == 3, first.kind == .keyword(.let) { return workspace.allNames }
        if StageWord(spelled: last.text) == .join || last.isWord("left") || last.isWord("inner") { return workspace.allNames }
        if last.kind == .leftParen, tokens.count >= 2, StageWord(spelled: tokens[tokens.count - 2].text) == .join {
            return workspace.allNames
        }
        if isMeasurePosition(tokens) { return measures(tokens, text: text) }
        if let words = chartArguments(tokens, text: text) { return words }
        // Inside a stage: the columns in scope first, then functions and words.
        var words = columnsInScope(tokens, text: text)
        let stage = currentStage(tokens)
        switch stage {
        case .sort, .rank, .top: words += ["desc", "asc", "by"]
        case .summarise: words += ["by"]
        case .count: words += ["by", "within"]
        case .change: words += ["over", "by"]
        default: break
        }
        if let stage, [.where, .derive, .select, .summarise, .sort, .rank, .top].contains(stage) {
            words += AggregateWord.names + FunctionWord.names + ["and", "or", "not", "in", "between", "like", "missing"]
        }
        return words
    }

    /// Each name's tail from every place `typed` appears in it, shortest first.
    static func patternEndings(_ typed: String, of names: [String]) -> [String] {
        var endings = Set<String>()
        for name in names {
            var rest = Substring(name)
            while let r = rest.firstRange(of: typed) {
                endings.insert(String(name[r.lowerBound...]))
                rest = rest[r.upperBound...]
            }
        }
        return endings.sorted { ($0.count, $0) < ($1.count, $1) }
    }

    /// The stage the cursor is in: the identifier after the last `|`.
    func currentStage(_ tokens: [Token]) -> StageWord? {
        guard let pipe = tokens.lastIndex(where: { $0.kind == .pipe }), pipe + 1 < tokens.count else { return nil }
        return StageWord(spelled: tokens[pipe + 1].text)
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

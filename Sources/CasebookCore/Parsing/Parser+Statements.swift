// Statements: the notebook's commands and `let`, then pipelines and their sources.

extension Parser {
    mutating func parseStatement() -> ParsedStatement {
        let startOffset = current.span.start
        var diagnostics: [Diagnostic] = []
        var statement: Statement? = nil
        do throws(Diagnostic) {
            statement = try parseStatementBody(&diagnostics)
        } catch {
            // Recovery inside a pipeline may already have recorded this one.
            if !diagnostics.contains(error) { diagnostics.append(error) }
        }
        let endOffset = tokens[max(0, end - 1)].span.end
        if !diagnostics.isEmpty { statement = nil }
        return ParsedStatement(statement: statement, diagnostics: diagnostics, span: SourceSpan(startOffset, endOffset))
    }

    private mutating func parseStatementBody(_ diagnostics: inout [Diagnostic]) throws(Diagnostic) -> Statement {
        let start = current.span
        if let bad = lexicalError(current) { throw bad }
        if let bad = firstUnknownEscape() { throw bad }
        if check(.keyword(.let)) {
            _ = advance()
            let name = try parseName("a name for the result", after: "`let`")
            guard match(.equal) else { throw expected("`=`", after: "`let \(name.name)`") }
            let pipeline = try parsePipeline(&diagnostics)
            try expectEnd(after: "the pipeline")
            return Statement(.bind(name: name, pipeline), start.union(previous.span))
        }
        // A command word followed by `|` is a dataset that happens to share its name.
        if current.kind == .identifier, let command = StatementWord(spelled: current.text), command != .pipeline,
            peek().kind != .pipe
        {
            return try parseCommand(command, &diagnostics)
        }
        if current.kind == .pipe {
            throw Diagnostic(
                id: .stageWithoutSource, message: "this stage has no source", span: current.span,
                help: "start the pipeline with a dataset name, e.g. `referrals | where year = 2016`")
        }
        if current.kind == .identifier, StageWord(spelled: current.text) != nil,
            !Self.looksLikeDatasetStart(next: peek().kind)
        {
            let word = current.text
            throw Diagnostic(
                id: .stageWithoutSource, message: "`\(word)` is a stage and needs a source", span: current.span,
                help: word.lowercased().hasPrefix("summar")
                    ? "write `DATASET | \(word) …`, or `profile DATASET` for a summary of every column"
                    : "write `DATASET | \(word) …`; `datasets` lists what there is")
        }
        let pipeline = try parsePipeline(&diagnostics)
        try expectEnd(after: "the pipeline")
        return Statement(.pipeline(pipeline), pipeline.span)
    }

    /// After a dataset name comes `|` or nothing; after a stage name come its arguments.
    private static func looksLikeDatasetStart(next: TokenKind) -> Bool {
        next == .pipe || next == .endOfInput
    }

    private mutating func parseCommand(_ command: StatementWord, _ diagnostics: inout [Diagnostic]) throws(Diagnostic)
        -> Statement
    {
        let word = advance()
        let start = word.span
        func done(_ kind: Statement.Kind, _ context: String) throws(Diagnostic) -> Statement {
            try expectEnd(after: context)
            return Statement(kind, start.union(previous.span))
        }
        switch command {
        case .datasets:
            return try done(.datasets, "`datasets`")
        case .quit:
            return try done(.quit, "`\(word.text)`")
        case .describe, .profile:
            // `describe NAME` is `NAME | describe`: one implementation, two spellings.
            let name = try parseName("a dataset name", after: "`\(word.text)`")
            if command == .describe, !atEnd, current.name != nil {
                // `describe referrals nfa`: what those columns mean, in full.
                let columns = try parseNameList("a column name", after: "`describe \(name.name)`")
                return try done(.describeColumns(dataset: name, columns: columns), "the column names")
            }
            var stages: [Stage] = []
            let stageKind: Stage.Kind = command == .describe ? .describe : .profile
            stages.append(Stage(stageKind, span: word.span, nameSpan: word.span))
            let pipeline = Pipeline(source: .named(name), stages: stages, span: start.union(name.span))
            return try done(.pipeline(pipeline), "`\(word.text) \(name.name)`")
        case .help:
            if atEnd { return Statement(.help(topic: nil), start) }
            let topic: NameRef
            if checkWord("measure"), peek().kind == .string || peek().name != nil {
                // `help measure "10_ICPC"`: a LAIT measure by its code.
                _ = advance()
                let t = advance()
                topic = NameRef(t.kind == .string ? t.unquoted : t.name!, t.span)
            } else if current.kind == .string {
                let t = advance()
                topic = NameRef(t.unquoted, t.span)
            } else if let name = current.name {
                let t = advance()
                topic = NameRef(name, t.span)
            } else if case .keyword = current.kind {
                let t = advance()
                topic = NameRef(t.text.lowercased(), t.span)
            } else {
                throw expected("a topic, e.g. `help where` or `help functions`", after: "`help`")
            }
            return try done(.help(topic: topic), "`help \(topic.name)`")
        case .load:
            let (path, pathSpan) = try parseString("a file path in quotes", after: "`load`")
            var alias: NameRef? = nil
            if matchWord("as") {
                alias = try parseName("a name for the dataset", after: "`as`")
            }
            let raw = matchWord("raw")
            return try done(.load(path: path, pathSpan: pathSpan, as: alias, raw: raw), "the file name")
        case .set:
            // `set` alone shows every setting, as sqlite3's `.show` does.
            if atEnd { return try done(.showSettings(nil), "`set`") }
            let option = try parseName("a setting, e.g. `format`, `rows` or `timer`", after: "`set`")
            guard let setting = SettingWord(spelled: option.name) else {
                throw Diagnostic(
                    id: .unknownSetting, message: "no setting called `\(option.name)`", span: option.span,
                    help: Suggestions.didYouMean(option.name, in: SettingWord.spellings) ?? "`help settings` lists them")
            }
            if atEnd { return try done(.showSettings(setting), "the setting") }
            let t = advance()
            let text: String
            switch t.kind {
            case .identifier, .integer, .decimal: text = t.text
            case .string, .quotedIdentifier: text = t.unquoted
            case .keyword(let k): text = k.rawValue
            default:
                throw Diagnostic(
                    id: .expected, message: "expected a value for `set \(option.name)`, found \(Messages.describe(t))",
                    span: t.span)
            }
            // Checked here, so a bad value is an error where it was typed, not at the next statement that uses it.
            let value = try setting.value(text, span: t.span, writtenAs: option.name)
            return try done(.set(setting, value, option: option, written: NameRef(text, t.span)), "the setting")
        case .output:
            if atEnd { return Statement(.output(path: nil, pathSpan: nil), start) }
            if matchWord("off") || matchWord("stdout") {
                return try done(.output(path: nil, pathSpan: nil), "`output off`")
            }
            let (path, span) = try parseString("a file path in quotes, or `off`", after: "`output`")
            return try done(.output(path: path, pathSpan: span), "the file name")
        case .once:
            let (path, span) = try parseString("a file path in quotes", after: "`once`")
            return try done(.once(path: path, pathSpan: span), "the file name")
        case .save:
            if matchWord("chart") {
                let (path, span) = try parseString("a file path in quotes, ending .svg or .png", after: "`save chart`")
                return try done(.saveChart(path: path, pathSpan: span), "the file name")
            }
            guard matchWord("session") else { throw expected("`session` or `chart`", after: "`save`") }
            let name: String
            let span: SourceSpan
            if current.kind == .string {
                let t = advance()
                // "" would save sessions/.cb, a hidden file; "/" and "dir/" are folders.
                if t.unquoted.allSatisfy(\.isWhitespace) {
                    throw Diagnostic(
                        id: .emptyName, message: "a session needs a name", span: t.span,
                        help: "e.g. `save session reading` (sessions/reading.cb) or `save session \"notes/reading.cb\"`")
                }
                if t.unquoted.hasSuffix("/") {
                    throw Diagnostic(
                        id: .badPath, message: "\(t.unquoted) is a folder: a session is saved to a file", span: t.span,
                        help: "name the file, e.g. `save session \"\(t.unquoted)reading.cb\"`")
                }
                (name, span) = (t.unquoted, t.span)
            } else {
                // A bare name may hold `-` and `.` (`reading-2016`): the tokens
                // that touch each other, read as one name.
                let first = try parseName("a session name or a path in quotes", after: "`save session`")
                var end = first.span.end
                func joins(_ t: Token) -> Bool {
                    switch t.kind {
                    case .minus, .integer, .identifier, .decimal: return true
                    case .unexpectedCharacter: return t.text == "."
                    default: return false
                    }
                }
                while !atEnd, current.span.start == end, joins(current) {
                    end = advance().span.end
                }
                span = SourceSpan(first.span.start, end)
                name = source.slice(span)
            }
            let replace = matchWord("replace")
            return try done(.saveSession(path: name, pathSpan: span, replace: replace), "the session name")
        case .compare:
            // A comparison starts a pipeline: `compare … | chart line`.
            let spec = try parseCompare(after: "`compare`", allowDataset: true)
            let compareSpan = start.union(previous.span)
            let pipeline = try parseStages(after: .compare(spec, span: compareSpan), at: compareSpan, &diagnostics)
            return try done(.pipeline(pipeline), "the comparison")
        case .scorecard:
            // A scorecard starts a pipeline too: `scorecard "Reading" | where travel = "worse"`.
            let spec = try parseScorecard()
            let span = start.union(previous.span)
            let pipeline = try parseStages(after: .scorecard(spec, span: span), at: span, &diagnostics)
            return try done(.pipeline(pipeline), "the scorecard")
        case .forget:
            let name = try parseName("the name of a result made with `let` or `load`", after: "`forget`")
            return try done(.forget(name), "the name")
        case .pipeline, .let:
            // Never here: `let` is parsed before commands and a pipeline has no command word.
            throw Diagnostic(id: .internal, message: "`\(word.text)` is not a command", span: word.span)
        }
    }

    /// The escapes a string or quoted name may hold; any other backslash is an
    /// error at its place (`"\d"` silently read as `d`).
    static let escapes: Set<UInt8> = Set("ntr\\\"'`".utf8)

    /// The first `\x` with an unknown `x` in the statement's strings and quoted names.
    func firstUnknownEscape() -> Diagnostic? {
        for t in tokens where t.kind == .string || t.kind == .quotedIdentifier {
            let bytes = Array(t.text.utf8)
            var i = 1
            while i + 1 < bytes.count {
                if bytes[i] == UInt8(ascii: "\\") {
                    let next = bytes[i + 1]
                    if !Self.escapes.contains(next) && next != UInt8(ascii: "\n") {
                        // The escaped character whole (it may be more than one byte).
                        var width = 1
                        while i + 1 + width < bytes.count, bytes[i + 1 + width] & 0xC0 == 0x80 { width += 1 }
                        let shown = String(decoding: bytes[i..<(i + 1 + width)], as: UTF8.self)
                        return Diagnostic(
                            id: .unknownEscape, message: "unknown escape `\(shown)` in a string",
                            span: SourceSpan(t.span.start + i, t.span.start + i + 1 + width),
                            help: "the escapes are \\n, \\t, \\r, \\\\ and \\\" — a backslash itself is written \\\\")
                    }
                    i += 2
                } else {
                    i += 1
                }
            }
        }
        return nil
    }

    // MARK: - Pipelines

    mutating func parsePipeline(_ diagnostics: inout [Diagnostic]) throws(Diagnostic) -> Pipeline {
        let source = try parseSource(&diagnostics)
        let sourceSpan: SourceSpan
        switch source {
        case .named(let n): sourceSpan = n.span
        case .nested(let p): sourceSpan = p.span
        case .compare(_, let span), .scorecard(_, let span): sourceSpan = span
        }
        return try parseStages(after: source, at: sourceSpan, &diagnostics)
    }

    /// `| stage | stage …` after a source; a bad stage is recorded and parsing
    /// goes on at the next `|`, so that every bad stage is reported.
    mutating func parseStages(after source: PipelineSource, at sourceSpan: SourceSpan, _ diagnostics: inout [Diagnostic])
        throws(Diagnostic) -> Pipeline
    {
        var stages: [Stage] = []
        var failed = false
        while match(.pipe) {
            do throws(Diagnostic) {
                stages.append(try parseStage(&diagnostics))
            } catch {
                // Too deep: the statement is given up, not recovered at every
                // level on the way out (a statement 48,000 deep made 48,000
                // errors, each level scanning the rest of the line: minutes).
                if error.id == .tooDeep { throw error }
                // An error from a nested pipeline comes out through each level once.
                if !diagnostics.contains(error) { diagnostics.append(error) }
                failed = true
                synchronizeToPipe()
            }
        }
        if failed, let first = diagnostics.first { throw first }
        let span = stages.last.map { sourceSpan.union($0.span) } ?? sourceSpan
        return Pipeline(source: source, stages: stages, span: span)
    }

    mutating func parseSource(_ diagnostics: inout [Diagnostic]) throws(Diagnostic) -> PipelineSource {
        if check(.leftParen) {
            let open = advance()
            // Nested pipelines count towards the depth that stages check for `)`.
            try enterNesting(
                at: open.span, "pipelines are nested too deeply (more than \(Self.maximumDepth / Self.pipelineWeight) levels)",
                weight: Self.pipelineWeight)
            defer { depth -= Self.pipelineWeight }
            let inner = try parsePipeline(&diagnostics)
            guard match(.rightParen) else { throw expected("`)` to close the pipeline opened here", after: "the pipeline") }
            var nested = inner
            nested.span = open.span.union(previous.span)
            return .nested(nested)
        }
        // `let cp = scorecard "Reading" topic "Child Protection"`, `join (compare …)`:
        // the analysis statements are sources wherever a dataset may stand.
        if current.kind == .identifier, peek().kind == .string || peek().kind == .integer,
            let word = StatementWord(spelled: current.text), word == .compare || word == .scorecard
        {
            return try parseAnalysisSource(word)
        }
        return try parseNamedSource()
    }

    // Out of line, so that parseSource, which recurses once per nested
    // pipeline, keeps a small stack frame.
    @inline(never)
    mutating func parseAnalysisSource(_ word: StatementWord) throws(Diagnostic) -> PipelineSource {
        let start = advance().span
        if word == .compare {
            let spec = try parseCompare(after: "`\(word.name)`", allowDataset: true)
            return .compare(spec, span: start.union(previous.span))
        }
        let spec = try parseScorecard()
        return .scorecard(spec, span: start.union(previous.span))
    }

    @inline(never)
    mutating func parseNamedSource() throws(Diagnostic) -> PipelineSource {
        if case .keyword = current.kind {
            throw Diagnostic(
                id: .expected, message: "expected a dataset name, found \(Messages.describe(current))",
                span: current.span, help: "`datasets` lists the names")
        }
        return .named(try parseName("a dataset name"))
    }
}

// The columns in scope at the cursor, from the resolver: the statement up to
// the stage being typed is parsed and resolved against the shapes of the
// workspace's tables (header names only: completion opens no dataset), so
// `select` after `summarise … by region` offers the summary's columns, not
// the dataset's. A prefix that does not parse yet falls back to the columns of
// the head dataset and the names bound on the line.

extension Completer {
    /// The tokens of the pipeline the cursor is in: inside `join (…`, the nested one.
    static func innermostPipeline(_ tokens: [Token]) -> ArraySlice<Token> {
        var opens: [Int] = []
        for (i, t) in tokens.enumerated() {
            if t.kind == .leftParen { opens.append(i) } else if t.kind == .rightParen, !opens.isEmpty { opens.removeLast() }
        }
        var start = (opens.last ?? -1) + 1
        if start == 0, tokens.count >= 3, tokens[0].kind == .keyword(.let), tokens[2].kind == .equal { start = 3 }
        return tokens[start...]
    }

    /// The shape of the table entering the stage being typed, or nil if the
    /// pipeline before it does not parse yet.
    func schemaBeforeCurrentStage(_ tokens: [Token], text: String) -> Schema? {
        let pipeline = Self.innermostPipeline(tokens)
        guard let lastPipe = pipeline.lastIndex(where: { $0.kind == .pipe }), lastPipe > pipeline.startIndex else {
            return nil
        }
        let from = pipeline[pipeline.startIndex].span.start, to = tokens[lastPipe - 1].span.end
        let bytes = Array(text.utf8)
        guard from < to, to <= bytes.count else { return nil }
        let prefix = SourceText(name: "", text: String(decoding: bytes[from..<to], as: UTF8.self))
        guard let statement = Parser.parse(prefix).first?.statement, case .pipeline(let p) = statement.kind else {
            return nil
        }
        let workspace = self.workspace
        return Resolver(source: prefix) { (name) throws(Diagnostic) in workspace.shallowSchema(name) }.resolve(p).schema
    }

    /// Columns the stage being typed can name: the resolved shape before it, the
    /// names the stage itself binds earlier on the line, and a joined table's.
    func columnsInScope(_ tokens: [Token], text: String) -> [String] {
        var columns = schemaBeforeCurrentStage(tokens, text: text)?.names ?? headColumns(tokens)
        let pipeline = Self.innermostPipeline(tokens)
        let stageStart = (pipeline.lastIndex { $0.kind == .pipe } ?? pipeline.startIndex) + 1
        guard stageStart < tokens.count else { return columns }
        let stage = tokens[stageStart...]
        // `derive a = …, b = a + 1`: names bound earlier in this stage.
        for k in stage.indices.dropFirst() where tokens[k].kind == .equal {
            if let n = tokens[k - 1].name, !columns.contains(n) { columns.append(n) }
        }
        // `join X on …`: the keys may be X's columns too.
        if StageWord(spelled: tokens[stageStart].text) == .join {
            var j = stageStart + 1
            if j < tokens.count, tokens[j].isWord("left") || tokens[j].isWord("inner") { j += 1 }
            if j < tokens.count, let other = tokens[j].name, let schema = workspace.shallowSchema(other) {
                columns += schema.names.filter { !columns.contains($0) }
            }
        }
        return columns
    }

    /// Without a resolvable prefix: the head dataset's columns and the names bound with `name =`.
    func headColumns(_ tokens: [Token]) -> [String] {
        let pipeline = Self.innermostPipeline(tokens)
        var columns: [String] = []
        if let head = pipeline.first?.name, workspace.contains(head) { columns = workspace.columnNames(head) }
        for k in pipeline.indices.dropFirst() where tokens[k].kind == .equal {
            if let n = tokens[k - 1].name, !columns.contains(n) { columns.append(n) }
        }
        return columns
    }
}

// Completion of the arguments that are not columns: authority names inside the
// quotes of `for`, `compare` and `scorecard`, a scorecard's topic, measures after
// `compare … on`, chart kinds after `chart` and the words that follow a chart's columns.

extension Completer {
    /// Is the open string at the end of `tokens` (the statement before it) an authority?
    func isAuthorityPosition(_ tokens: [Token]) -> Bool {
        guard let last = tokens.last else { return false }
        if tokens.count == 1, let word = StatementWord(spelled: last.text), word == .compare || word == .scorecard {
            return true
        }
        guard let stage = currentStage(tokens) else { return false }
        switch stage {
        case .for: return last.kind == .comma || StageWord(spelled: last.text) == .for
        case .compare: return StageWord(spelled: last.text) == .compare
        default: return false
        }
    }

    /// Authority names (and England and the regions) that start with what is typed in the quotes.
    func completeAuthority(_ token: Token) -> Completion { completeQuoted(token, from: authorityNames()) }

    /// The words of `names` that start with what is typed after the open quote; a single one closes it.
    func completeQuoted(_ token: Token, from names: [String]) -> Completion {
        let typed = String(token.text.dropFirst())
        let candidates = names.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
        return Completion(start: token.span.start + 1, prefix: typed, candidates: candidates, suffix: "\"")
    }

    /// `scorecard AUTHORITY topic "`: a topic of the LAIT measures.
    func isTopicPosition(_ tokens: [Token]) -> Bool {
        guard let first = tokens.first, StatementWord(spelled: first.text) == .scorecard else { return false }
        return tokens.last?.isWord("topic") == true
    }

    /// The topics in the `measures` dataset, in order (it is small: opened on first use).
    func topics() -> [String] {
        guard let table = try? workspace.table("measures", cancellation: .never), let column = table.column(named: "topic")
        else { return [] }
        var seen = Set<String>()
        return (0..<table.rowCount).compactMap { r in
            let v = column.value(at: r)
            return v.isMissing ? nil : v.plainText
        }.filter { seen.insert($0).inserted }.sorted()
    }

    private func authorityNames() -> [String] {
        guard let index = try? workspace.authorities(cancellation: .never) else { return [] }
        var seen = Set<String>()
        let all = ["England"] + AuthorityIndex.regions.map(\.0) + index.authorities.map(\.name).sorted()
        return all.filter { seen.insert($0).inserted }
    }

    /// `compare AUTHORITY on ` (statement or stage): the measures it can compare.
    func isMeasurePosition(_ tokens: [Token]) -> Bool {
        guard tokens.count >= 3, tokens.last!.isWord("on") else { return false }
        let word = tokens[tokens.count - 3]
        if tokens.count == 3 { return StatementWord(spelled: word.text) == .compare }
        return currentStage(tokens) == .compare && StageWord(spelled: word.text) == .compare
    }

    /// The measures: numeric columns that measure something (not codes or years) — of
    /// the table before the stage, or of every dataset for the statement.
    func measures(_ tokens: [Token], text: String) -> [String] {
        let isMeasure: (SchemaColumn) -> Bool = { c in
            guard let unit = c.unit else { return c.type?.isNumeric ?? false }
            return !["code", "year", "text", "judgement", "date", "rank", "as the measure's units"].contains(unit)
        }
        if tokens.count > 3 {
            return (schemaBeforeCurrentStage(tokens, text: text)?.columns ?? []).filter(isMeasure).map(\.name)
        }
        var seen = Set<String>()
        var out: [String] = []
        for name in workspace.allNames {
            for c in workspace.shallowSchema(name)?.columns ?? [] where isMeasure(c) && seen.insert(c.name).inserted {
                out.append(c.name)
            }
        }
        return out.sorted()
    }

    /// After `chart`: the kinds; after `chart KIND …`: columns, then the kind's own words.
    func chartArguments(_ tokens: [Token], text: String) -> [String]? {
        guard currentStage(tokens) == .chart, let chartAt = tokens.lastIndex(where: { StageWord(spelled: $0.text) == .chart })
        else { return nil }
        let after = tokens[(chartAt + 1)...]
        guard let kindToken = after.first else { return Chart.Kind.allCases.map(\.rawValue) }
        guard let kind = Chart.Kind(rawValue: kindToken.text.lowercased()) else { return [] }
        if after.last?.isWord("to") == true || after.last?.isWord("bins") == true { return [] }
        let columns = columnsInScope(tokens, text: text)
        let given = after.count - 1
        switch kind {
        case .bar, .scatter: return given < 2 ? columns : ["to"]
        case .line:
            if after.dropFirst().contains(where: { $0.isWord("by") }) { return given < 4 ? columns : ["to"] }
            return given < 2 ? columns : ["by", "to"]
        case .histogram: return given < 1 ? columns : ["bins", "to"]
        }
    }
}

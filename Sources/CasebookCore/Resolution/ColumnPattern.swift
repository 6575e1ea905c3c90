// Column patterns in `select`, `drop` and `longer`: `*_rate`, `referrals*`,
// `*rate*`. A `*` stands for any run of characters (none too) and the pattern
// matches a whole name, case and all, as a shell glob does. A pattern stands
// for the columns it matches, in the table's order, leaving out any the list
// already names; one that matches nothing is an error with the nearest names.
// The resolver expands it on the schema, the evaluator on the table, with the
// same function, so the two cannot disagree.

enum ColumnPattern {
    /// Does `pattern` (with `*`) match the whole of `name`?
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == name }
        var rest = Substring(name)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for middle in parts.dropFirst().dropLast() where !middle.isEmpty {
            guard let r = rest.firstRange(of: middle) else { return false }
            rest = rest[r.upperBound...]
        }
        return rest.hasSuffix(parts[parts.count - 1])
    }

    /// The names with each pattern replaced by the columns it matches (written at the pattern's place).
    static func expand(_ names: [NameRef], columns: [String]) throws(Diagnostic) -> [NameRef] {
        guard names.contains(where: \.isPattern) else { return names }
        let named = Set(names.filter { !$0.isPattern }.map(\.name))
        var out: [NameRef] = []
        var taken = Set<String>()
        for n in names {
            if !n.isPattern {
                out.append(n)
                continue
            }
            let matched = try self.matched(n, columns: columns).filter { !named.contains($0) && !taken.contains($0) }
            for c in matched {
                taken.insert(c)
                out.append(NameRef(c, n.span))
            }
        }
        return out
    }

    /// select's bindings with each pattern replaced by a binding per column it matches.
    static func expand(_ bindings: [Binding], columns: [String]) throws(Diagnostic) -> [Binding] {
        guard bindings.contains(where: { $0.pattern != nil }) else { return bindings }
        let named = Set(bindings.compactMap { $0.pattern == nil && $0.name == nil ? $0.expr.columnName : nil })
        var out: [Binding] = []
        var taken = Set<String>()
        for b in bindings {
            guard let p = b.pattern else {
                out.append(b)
                continue
            }
            for c in try matched(p, columns: columns) where !named.contains(c) && !taken.contains(c) {
                taken.insert(c)
                out.append(Binding(name: nil, expr: Expr(.column(c), p.span)))
            }
        }
        return out
    }

    /// The columns a pattern matches, in order; none is an error.
    static func matched(_ p: NameRef, columns: [String]) throws(Diagnostic) -> [String] {
        let found = columns.filter { matches(p.name, $0) }
        guard found.isEmpty else { return found }
        throw noMatch(p, columns: columns)
    }

    /// "no column matches `*_rat`", with a wider pattern that would, or the columns.
    static func noMatch(_ p: NameRef, columns: [String]) -> Diagnostic {
        var help: String
        let wider = "*" + p.name.split(separator: "*").joined(separator: "*") + "*"
        let widerMatches = columns.filter { matches(wider, $0) }
        if !widerMatches.isEmpty, wider != p.name {
            let shown = widerMatches.prefix(4).map { Messages.code($0) }
            help = "a pattern matches the whole name: did you mean `\(wider)`? It matches " + Messages.andList(shown)
                + (widerMatches.count > 4 ? " and \(widerMatches.count - 4) more" : "")
        } else {
            help = Resolver.unknownColumn(p.name, span: p.span, columns: columns).help ?? "this table has no columns"
        }
        return Diagnostic(id: .noMatchingColumn, message: "no column matches `\(p.name)`", span: p.span, help: help)
    }
}

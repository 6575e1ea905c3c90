// How one declaration reads in `help NAME`.

extension Declaration {
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

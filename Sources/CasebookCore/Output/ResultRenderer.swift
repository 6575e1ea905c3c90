// Turns an outcome into the text that is printed or written, in the chosen
// format. Tables follow the format setting; a file's format follows its
// extension when it has a known one.

public struct ResultRenderer {
    public var settings: Settings

    public init(settings: Settings) {
        self.settings = settings
    }

    public func render(_ table: Table, format: OutputFormat? = nil) -> String {
        switch format ?? settings.format {
        case .table:
            if settings.accessible { return AccessibleRenderer(maxRows: settings.maxRows).render(table) }
            var renderer = TableRenderer(
                width: settings.width, maxRows: settings.maxRows, colour: settings.colour, unicode: settings.unicode)
            renderer.textWidth = settings.textWidth
            renderer.view = settings.view
            return renderer.render(table)
        case .csv: return DelimitedWriter.write(table, delimiter: ",")
        case .tsv: return DelimitedWriter.write(table, delimiter: "\t")
        case .json: return JSONWriter.write(table)
        case .markdown: return MarkdownWriter.write(table) + footnote(table)
        }
    }

    /// Markdown exports cite their sources automatically.
    func footnote(_ table: Table) -> String {
        guard !table.sources.isEmpty else { return "" }
        return "\n" + SourceCitation.lines(table.sources).map { "> \($0)" }.joined(separator: "\n") + "\n"
    }

    /// The format a file's extension names, if any.
    public static func format(forPath path: String) -> OutputFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".tsv") || lower.hasSuffix(".tab") { return .tsv }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { return .markdown }
        if lower.hasSuffix(".txt") { return .table }
        return nil
    }
}

/// A result's sources as a citation a reader can paste: dataset, publisher,
/// release, licence, caveats.
enum SourceCitation {
    public static func lines(_ sources: [SourceNote]) -> [String] {
        var out: [String] = []
        for s in sources {
            var parts: [String] = []
            if let p = s.publisher { parts.append(p) }
            if let t = s.title { parts.append(t) }
            if let r = s.release, !r.isEmpty { parts.append(r) }
            var line = "Source: " + (parts.isEmpty ? s.dataset : parts.joined(separator: ", "))
            if let l = s.licence { line += ". Licence: \(l)" }
            out.append(line + ".")
            for c in s.caveats { out.append("Note: \(c)") }
        }
        return out
    }
}

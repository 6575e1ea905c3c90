// What a column of a shipped dataset means, one command away: `help nfa` and
// `describe referrals nfa` print its description in full, its unit, its
// polarity (which way is better) and where the figures come from, from the
// dataset's metadata (datasets/NAME.json). A name several datasets share is
// described once for each different meaning, listing the datasets that share it.

enum ColumnHelp {
    /// One column in one dataset, as its metadata describes it.
    struct Entry {
        var dataset: String
        var column: String
        var info: DatasetMetadata.ColumnInfo?
        var metadata: DatasetMetadata?
    }

    /// Every shipped dataset with a column called `name` (exactly, else in any case).
    static func entries(_ name: String, catalog: DatasetCatalog) -> [Entry] {
        var exact: [Entry] = [], folded: [Entry] = []
        for dataset in catalog.names {
            let metadata = catalog.metadata(dataset)
            for column in columns(of: dataset, catalog: catalog, metadata: metadata) {
                let entry = Entry(dataset: dataset, column: column, info: metadata?.columns?[column], metadata: metadata)
                if column == name { exact.append(entry) } else if column.lowercased() == name.lowercased() { folded.append(entry) }
            }
        }
        return exact.isEmpty ? folded : exact
    }

    /// A dataset's columns: its metadata's when it has some (no file is read), else its header's.
    static func columns(of dataset: String, catalog: DatasetCatalog, metadata: DatasetMetadata?) -> [String] {
        if let described = metadata?.columns, !described.isEmpty {
            let header = catalog.columnNames(dataset)
            return header.isEmpty ? described.keys.sorted() : header
        }
        return catalog.columnNames(dataset)
    }

    /// Every column name of every shipped dataset, for "did you mean".
    static func allColumnNames(catalog: DatasetCatalog) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for dataset in catalog.names {
            for c in columns(of: dataset, catalog: catalog, metadata: catalog.metadata(dataset)) where seen.insert(c).inserted {
                out.append(c)
            }
        }
        return out
    }

    /// The entries as text; datasets that describe the column alike share one paragraph.
    static func render(_ entries: [Entry]) -> String {
        var groups: [(key: String, entries: [Entry])] = []
        for e in entries {
            let key = [e.column, e.info?.description ?? "", e.info?.unit ?? "", e.info?.polarity ?? ""].joined(separator: "\u{1F}")
            if let i = groups.firstIndex(where: { $0.key == key }) { groups[i].entries.append(e) } else { groups.append((key, [e])) }
        }
        return groups.map { paragraph($0.entries) }.joined(separator: "\n")
    }

    /// A title line, the description, then one field a line ("unit: count"):
    /// long lines wrap at spaces to the width, so no field relies on alignment.
    private static func paragraph(_ entries: [Entry]) -> String {
        let first = entries[0]
        let datasets = entries.map(\.dataset)
        var fields: [(String, String)] = []
        if let unit = first.info?.unit { fields.append(("unit", unit)) }
        if let polarity = first.info?.polarity { fields.append(("polarity", polarityText(polarity))) }
        if entries.count == 1 {
            let m = first.metadata
            fields.append(("dataset", first.dataset + (m?.title.map { " (\($0))" } ?? "")))
            if let p = m?.publisher { fields.append(("publisher", p)) }
            if let r = m?.publication { fields.append(("release", r)) }
            if let l = m?.licence { fields.append(("licence", l)) }
        } else {
            fields.append(("datasets", Messages.andList(datasets)))
            fields.append(("source", "each dataset's own, which `describe DATASET` gives"))
        }
        var out = "\(first.column) — a column of \(datasets.count == 1 ? datasets[0] : "\(datasets.count) datasets")\n\n"
        out += "  " + (first.info?.description ?? "The dataset's metadata does not describe it.") + "\n\n"
        for (label, value) in fields { out += "  \(label): \(value)\n" }
        // A runnable line, on the first of the datasets.
        let dataset = first.dataset
        out += "\nTry: describe \(dataset) · \(dataset) | select \(keyColumns(first))\(first.column) | take 5\n"
        return out
    }

    /// The columns that say which row a figure is (name and year), where the dataset has them.
    private static func keyColumns(_ e: Entry) -> String {
        let keys = ["la_name", "year"].filter { $0 != e.column && e.metadata?.columns?[$0] != nil }
        return keys.map { $0 + ", " }.joined()
    }

    /// The polarity in words: which way is better, and what rank and compare do with it.
    static func polarityText(_ polarity: String) -> String {
        switch polarity {
        case "high is good": return "high is good (rank and compare put the highest value first, as the best)"
        case "low is good": return "low is good (rank and compare put the lowest value first, as the best)"
        case "neutral": return "neutral (the source gives no direction: higher is not better or worse)"
        default: return polarity
        }
    }
}

// `sources`: the table of where a result's figures came from, one row per
// dataset, so that an answer can be cited (a journalist pastes it with the figures).

enum SourcesTable {
    static func make(_ sources: [SourceNote]) -> Table {
        var dataset = TextColumnBuilder(), title = TextColumnBuilder(), publisher = TextColumnBuilder()
        var release = TextColumnBuilder(), licence = TextColumnBuilder(), caveats = TextColumnBuilder()
        var masks: [[UInt8]] = Array(repeating: [], count: 5)
        func put(_ b: inout TextColumnBuilder, _ v: String?, _ k: Int) {
            b.append(v ?? "")
            masks[k].append(v == nil || v!.isEmpty ? MissingReason.empty.rawValue : 0)
        }
        for s in sources {
            dataset.append(s.dataset)
            put(&title, s.title, 0)
            put(&publisher, s.publisher, 1)
            put(&release, s.release, 2)
            put(&licence, s.licence, 3)
            put(&caveats, s.caveats.joined(separator: " · "), 4)
        }
        return Table(columns: [
            Column(name: "dataset", data: dataset.finish()),
            Column(name: "title", data: title.finish(), missing: masks[0]),
            Column(name: "publisher", data: publisher.finish(), missing: masks[1]),
            Column(name: "release", data: release.finish(), missing: masks[2]),
            Column(name: "licence", data: licence.finish(), missing: masks[3]),
            Column(name: "caveats", data: caveats.finish(), missing: masks[4]),
        ], rowCount: sources.count, sources: sources)
    }
}

// The description that ships beside each dataset (`NAME.json`): title,
// publisher, release, licence, year convention, caveats and a line per column.
// `describe` shows it; every table made from the dataset cites it.

import FoundationEssentials

struct DatasetMetadata: Decodable, Sendable {
    struct ColumnInfo: Decodable, Sendable {
        public var description: String?
        var unit: String?
        var polarity: String?
    }

    public var name: String?
    public var title: String?
    var publisher: String?
    var publication: String?
    public var source: String?
    var release: String?
    var licence: String?
    var year_convention: String?
    public var rows: Int?
    var caveats: [String]?
    public var columns: [String: ColumnInfo]?

    public static func read(path: String) -> DatasetMetadata? {
        guard let file = try? FileBytes(path: path) else { return nil }
        let data = Data(file.pointer)
        return try? JSONDecoder().decode(DatasetMetadata.self, from: data)
    }

    func sourceNote(dataset: String) -> SourceNote {
        SourceNote(
            dataset: dataset, title: title, publisher: publisher, release: [publication, release].compactMap { $0 }.joined(separator: ", "),
            licence: licence, link: source, caveats: caveats ?? [])
    }
}

// The description that ships beside each dataset (`NAME.json`): title,
// publisher, release, licence, year convention, caveats and a line per column.
// `describe` shows it; every table made from the dataset cites it.

import FoundationEssentials

public struct DatasetMetadata: Decodable, Sendable {
    public struct ColumnInfo: Decodable, Sendable {
        public var description: String?
        public var unit: String?
        public var polarity: String?
    }

    public var name: String?
    public var title: String?
    public var publisher: String?
    public var publication: String?
    public var source: String?
    public var release: String?
    public var licence: String?
    public var year_convention: String?
    public var rows: Int?
    public var caveats: [String]?
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

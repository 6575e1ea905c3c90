// Where a table's figures came from: a shipped dataset's publisher, release and
// licence, or a loaded file. Tables carry their notes through every stage, and a
// join carries the notes of both sides, so any answer can cite its sources.

public struct SourceNote: Sendable, Hashable {
    /// The dataset or file name as the user knows it.
    var dataset: String
    public var title: String?
    var publisher: String?
    var release: String?
    var licence: String?
    var link: String?
    var caveats: [String]

    public init(
        dataset: String, title: String? = nil, publisher: String? = nil, release: String? = nil,
        licence: String? = nil, link: String? = nil, caveats: [String] = []
    ) {
        self.dataset = dataset
        self.title = title
        self.publisher = publisher
        self.release = release
        self.licence = licence
        self.link = link
        self.caveats = caveats
    }
}

extension Array where Element == SourceNote {
    /// Both lists, without repeats, in first-seen order.
    func merged(with other: [SourceNote]) -> [SourceNote] {
        var result = self
        for note in other where !result.contains(note) { result.append(note) }
        return result
    }
}

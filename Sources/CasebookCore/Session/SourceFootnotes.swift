// The sources of a report, each numbered on first use so that it is cited in
// full once (at the end) and referred to by number after every result: shared
// by the HTML and the Markdown exports.

struct SourceFootnotes {
    /// In order of first use; a source's footnote number is its place here plus one.
    private(set) var sources: [SourceNote] = []

    /// Each of `notes` with its footnote number, numbering the new ones.
    mutating func cite(_ notes: [SourceNote]) -> [(note: SourceNote, number: Int)] {
        notes.map { note in
            if !sources.contains(note) { sources.append(note) }
            return (note, (sources.firstIndex(of: note) ?? 0) + 1)
        }
    }
}

// Each cached segment's range of values (CacheFormat.swift): the extremes of
// the rows present, written and read back exactly, and refused when a file's
// metadata gives one that cannot be.

import Testing

@testable import CasebookCore

@Suite("Cache segment ranges")
struct SegmentRangeTests {
    @Test("the range leaves out missing rows; all missing is no values; a NaN gives none")
    func extremes() {
        #expect(SegmentRange.of(.integers([5, -3, 9, 2]), mask: nil) == .integers(-3, 9))
        #expect(SegmentRange.of(.integers([5, -300, 9, 2]), mask: [0, 1, 0, 0]) == .integers(2, 9))
        #expect(SegmentRange.of(.integers([0, 0]), mask: [1, 4]) == .noValues)
        #expect(SegmentRange.of(.decimals([0.5, -2.25, 1e300]), mask: nil) == .decimals(-2.25, 1e300))
        #expect(SegmentRange.of(.decimals([0.5, .nan]), mask: nil) == nil)
        #expect(SegmentRange.of(.codes([7, 3, 0, 12]), mask: [0, 0, 1, 0]) == .codes(3, 12))
        #expect(SegmentRange.of(.codes([]), mask: nil) == .noValues)
    }

    /// A column of four rows in one segment (of a decimal column when `widened`; text has four strings).
    static func metadata(_ range: SegmentRange?, kind: StoredSegment.Kind = .integer, widened: Bool = false) -> CacheMetadata {
        let entries = 4
        let type: ColumnType = kind == .text ? .text : kind == .decimal || widened ? .decimal : .integer
        let segment = StoredSegment(
            rows: 4, kind: kind, data: Extent(offset: 64, length: 4 * kind.width, checksum: 1), mask: nil, range: range)
        var column = StoredColumn(name: "x", type: type, segments: [segment])
        if kind == .text {
            column.dictionary = Extent(offset: 64, length: (entries + 1) * 8, checksum: 2)
            column.dictionaryEntries = entries
        }
        let key = FileKey(path: "/d.csv", size: 10, modified: 1, changed: 2, inode: 3, device: 4)
        return CacheMetadata(key: key, rows: 4, columns: [column], report: LoadReport(fileName: "d.csv"))
    }

    static func roundTrip(_ m: CacheMetadata) -> SegmentRange?? {
        CacheMetadata.decode(m.encoded(), dataEnd: 4096, fileName: "d.csv").map { $0.columns[0].segments[0].range }
    }

    @Test("every kind of range is read back as written")
    func roundTrips() {
        let cases: [(SegmentRange?, StoredSegment.Kind)] = [
            (nil, .integer), (.noValues, .integer), (.integers(.min, .max), .integer), (.decimals(-0.5, 1e-300), .decimal),
            (.codes(0, 3), .text), (.noValues, .text),
        ]
        for (range, kind) in cases {
            #expect(Self.roundTrip(Self.metadata(range, kind: kind)) == .some(range), "\(String(describing: range))")
        }
        // Whole numbers in a decimal column keep a range of whole numbers.
        #expect(Self.roundTrip(Self.metadata(.integers(2, 3), widened: true)) == .some(.integers(2, 3)))
    }

    @Test("a range that cannot be makes the metadata unreadable (the cache is passed over)")
    func impossibleRanges() {
        let bad: [(SegmentRange, StoredSegment.Kind)] = [
            (.integers(3, 2), .integer), (.decimals(1, 0), .decimal), (.decimals(.nan, 1), .decimal), (.codes(0, 4), .text),
            (.codes(5, 4), .text), (.decimals(0, 1), .integer), (.codes(0, 1), .integer), (.integers(0, 1), .text),
        ]
        for (range, kind) in bad {
            #expect(Self.roundTrip(Self.metadata(range, kind: kind)) == nil, "\(range) in a \(kind) segment")
        }
    }
}

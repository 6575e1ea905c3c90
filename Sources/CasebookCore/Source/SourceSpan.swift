// A range of UTF-8 offsets into one SourceText. Every token, syntax node and
// diagnostic carries one; line and column are worked out only when an error is shown.

/// A half-open range `start..<end` of UTF-8 byte offsets into a `SourceText`.
public struct SourceSpan: Hashable, Sendable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// An empty span at one offset (used for "expected … here" at the end of input).
    public static func at(_ offset: Int) -> SourceSpan { SourceSpan(offset, offset) }

    public var isEmpty: Bool { start == end }
    public var length: Int { end - start }

    /// The smallest span covering both.
    func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(min(start, other.start), max(end, other.end))
    }

    public var description: String { "\(start)..<\(end)" }
}

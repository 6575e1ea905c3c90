// Wraps long lines of prose (a dataset's notes above a table, the notes under
// it) at spaces to the terminal's width, continuing with an indent, so that a
// note never breaks in the middle of a word.

enum TextWrap {
    /// Each line of `text` wrapped to `width` columns; lines that fit are unchanged.
    /// `hanging`: how much further in than the line's own indent its continuations start.
    static func lines(_ text: String, width: Int, hanging: Int = 4) -> String {
        guard width >= 20, width < 1000, !text.isEmpty else { return text }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
            out += wrap(String(line), width: width, hanging: hanging) + "\n"
        }
        return out
    }

    static func wrap(_ line: String, width: Int, hanging: Int) -> String {
        guard DisplayWidth.of(line) > width else { return line }
        let leading = line.prefix { $0 == " " }.count
        // Each word with the spaces before it, so that aligned columns keep their spacing.
        var pieces: [(space: Substring, word: Substring)] = []
        var rest = line.dropFirst(leading)
        while !rest.isEmpty {
            let space = rest.prefix { $0 == " " }
            rest = rest.dropFirst(space.count)
            let word = rest.prefix { $0 != " " }
            rest = rest.dropFirst(word.count)
            if !word.isEmpty { pieces.append((space, word)) }
        }
        // A term and its description ("  select     Keeps the named…") continue
        // under the description; other lines `hanging` further in than their own indent.
        var indentWidth = min(leading + hanging, width / 3)
        if pieces.count > 1, pieces[1].space.count >= 2 {
            let column = leading + DisplayWidth.of(String(pieces[0].word)) + pieces[1].space.count
            if column <= width / 2 { indentWidth = column }
        }
        let indent = String(repeating: " ", count: indentWidth)
        var result = ""
        var current = String(repeating: " ", count: leading)
        var empty = true
        for (space, word) in pieces {
            let candidate = empty ? current + word : current + space + word
            if DisplayWidth.of(candidate) > width, !empty {
                result += current + "\n"
                current = indent + word
            } else {
                current = candidate
            }
            empty = false
        }
        return result + current
    }
}

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
        // Keep the line's own indent; continue `hanging` columns further in.
        let leading = String(line.prefix { $0 == " " })
        let indent = String(repeating: " ", count: min(leading.count + hanging, width / 3))
        var result = ""
        var current = leading
        var empty = true
        for word in line.dropFirst(leading.count).split(separator: " ") {
            let candidate = empty ? current + word : current + " " + word
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


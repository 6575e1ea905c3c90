// Sheet names Excel accepts: at most 31 characters, none of []:*?/\, not
// starting or ending with an apostrophe, not "History" (Excel reserves it),
// and unique without regard to case. A name is made valid, never refused.

struct SheetNames {
    private var used: Set<String> = []

    static let maxLength = 31
    static let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// A valid name close to `wanted`, different from every name given before.
    mutating func make(_ wanted: String) -> String {
        var base = String(wanted.map { Self.forbidden.contains($0) || $0.isNewline || $0 == "\t" ? " " : $0 })
        base = base.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        while base.hasPrefix("'") { base.removeFirst() }
        base = Self.cut(base, to: Self.maxLength)
        while base.hasSuffix("'") || base.hasSuffix(" ") { base.removeLast() }
        if base.isEmpty || base.lowercased() == "history" { base = base.isEmpty ? "Sheet" : base + " 1" }
        var name = base
        var n = 2
        while used.contains(name.lowercased()) {
            let suffix = " (\(n))"
            name = Self.cut(base, to: Self.maxLength - suffix.count) + suffix
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }

    /// At most `length` characters as Excel counts them (UTF-16 code units).
    static func cut(_ s: String, to length: Int) -> String {
        var out = ""
        var units = 0
        for ch in s {
            let u = ch.utf16.count
            if units + u > length { break }
            out.append(ch)
            units += u
        }
        return out
    }
}

// "Did you mean …?" for names the user mistyped: columns, datasets, stages,
// functions, authorities. Edit distance on case-folded names, with a cut-off that
// grows with the length of the name so that short typos are not over-corrected.

public enum Suggestions {
    /// Up to `limit` candidates close to `name`, nearest first.
    public static func nearest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(name.lowercased().unicodeScalars)
        guard !target.isEmpty else { return [] }
        let threshold = max(1, min(3, (target.count + 2) / 3))
        var scored: [(String, Int)] = []
        var seen = Set<String>()
        for candidate in candidates where !seen.contains(candidate) {
            seen.insert(candidate)
            let c = Array(candidate.lowercased().unicodeScalars)
            var d = distance(target, c)
            // A candidate that starts with or contains what was typed is a good hint
            // even when far in edit distance ("rate" → "referrals_rate").
            if d > threshold, c.count > target.count, target.count >= 3,
                candidate.lowercased().contains(name.lowercased())
            {
                d = threshold
            }
            if d <= threshold { scored.append((candidate, d)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map(\.0)
    }

    /// "did you mean `a`?" or "did you mean `a`, `b` or `c`?", or nil.
    public static func didYouMean(_ name: String, in candidates: [String]) -> String? {
        let near = nearest(to: name, in: candidates)
        guard !near.isEmpty else { return nil }
        return "did you mean " + Messages.orList(near.map { Messages.code($0) }) + "?"
    }

    /// Damerau–Levenshtein (optimal string alignment) distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev2 = [Int](repeating: 0, count: b.count + 1)
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    cur[j] = min(cur[j], prev2[j - 2] + 1)
                }
            }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[b.count]
    }
}

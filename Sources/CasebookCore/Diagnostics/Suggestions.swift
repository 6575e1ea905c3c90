// "Did you mean …?" for names the user mistyped: columns, datasets, stages,
// functions, authorities. Edit distance on case-folded names, with a cut-off that
// grows with the length of the name so that short typos are not over-corrected.

enum Suggestions {
    /// Up to `limit` candidates close to `name`, nearest first.
    static func nearest(to name: String, in candidates: [String], limit: Int = 3) -> [String] {
        let lowerName = name.lowercased()
        let target = Array(lowerName.unicodeScalars)
        guard !target.isEmpty else { return [] }
        let threshold = max(1, min(3, (target.count + 2) / 3))
        var scored: [(String, Int)] = []
        // The distance table's rows, shared by every candidate (a parser error
        // compares one name with every stage, column or authority).
        var rows = DistanceRows()
        for candidate in candidates {
            let lower = candidate.lowercased()
            let length = lower.unicodeScalars.count
            // The distance is at least the difference in length: most candidates
            // are ruled out without the table.
            var d = abs(length - target.count) > threshold ? threshold + 1 : rows.distance(target, Array(lower.unicodeScalars))
            // A candidate that starts with or contains what was typed is a good hint
            // even when far in edit distance ("rate" → "referrals_rate").
            if d > threshold, length > target.count, target.count >= 3, lower.contains(lowerName) {
                d = threshold
            }
            if d <= threshold, !scored.contains(where: { $0.0 == candidate }) { scored.append((candidate, d)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map(\.0)
    }

    /// "did you mean `a`?" or "did you mean `a`, `b` or `c`?", or nil.
    static func didYouMean(_ name: String, in candidates: [String]) -> String? {
        let near = nearest(to: name, in: candidates)
        guard !near.isEmpty else { return nil }
        return "did you mean " + Messages.orList(near.map { Messages.code($0) }) + "?"
    }

    /// Damerau–Levenshtein (optimal string alignment) distance.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var rows = DistanceRows()
        return rows.distance(a, b)
    }

    /// Three rows of the distance table, grown as needed and reused.
    struct DistanceRows {
        private var prev2: [Int] = []
        private var prev: [Int] = []
        private var cur: [Int] = []

        mutating func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            if prev.count < b.count + 1 {
                prev2 = [Int](repeating: 0, count: b.count + 1)
                prev = prev2
                cur = prev2
            }
            for j in 0...b.count { prev[j] = j }
            for i in 1...a.count {
                cur[0] = i
                for j in 1...b.count {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        cur[j] = min(cur[j], prev2[j - 2] + 1)
                    }
                }
                swap(&prev2, &prev)
                swap(&prev, &cur)
            }
            return prev[b.count]
        }
    }
}

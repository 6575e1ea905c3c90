// Which columns a table shows, and how wide each is, in the width there is.
//
// Text cells are fitted before any column is hidden: a long text column is
// cut (with "…") down to a floor, never below it. When the columns still do
// not fit, they are elided from the middle, as DuckDB's shell does: the
// columns that say what a row is (an authority's name or code, the year, the
// group) are kept first, then the last columns (those `derive`, `rank` and
// `compare` add, and the latest years of a wide comparison), then columns
// from both ends inwards. A gap where columns were left out is drawn as "…".

struct ColumnLayout {
    /// Table columns shown, in the table's order.
    var visible: [Int]
    /// Width of each table column (meaningful for visible ones).
    var widths: [Int]
    /// Positions in `visible` after which columns were left out (a "…" column is drawn there).
    var gapsAfter: Set<Int>

    var hidden: [Int] { Array(Set(0..<widths.count).subtracting(visible)).sorted() }

    /// Narrowest a long text cell is cut to before columns are hidden.
    static let textFloor = 16
    /// A gap: "…" and the two spaces before it.
    static let gapWidth = 3

    /// - natural: the width each column's header and cells need.
    /// - shrinkable: text columns, which may be cut.
    /// - keys: columns that say what a row is; `years` those of them that are periods.
    static func fit(natural: [Int], shrinkable: [Bool], keys: [Bool], years: [Bool], width: Int) -> ColumnLayout {
        let n = natural.count
        // Narrower terminals cut text further before giving up a column.
        let floor = max(8, min(textFloor, width / 5))
        var floors = (0..<n).map { shrinkable[$0] ? min(natural[$0], floor) : natural[$0] }
        // The column that names the row (an authority, a measure) is cut last: up to a third of the width.
        if let first = (0..<n).first(where: { keys[$0] }), shrinkable[first] {
            floors[first] = min(natural[first], max(floor, width / 3))
        }
        func total(_ cols: [Int], _ w: [Int]) -> Int {
            let sorted = cols.sorted()
            var t = 0
            for (i, c) in sorted.enumerated() {
                t += w[c] + (i == 0 ? 0 : 2)
                if i > 0, sorted[i - 1] != c - 1 { t += gapWidth }
            }
            if let first = sorted.first, first > 0 { t += gapWidth }
            if let last = sorted.last, last < n - 1 { t += gapWidth }
            return t
        }
        let all = Array(0..<n)
        if total(all, natural) <= width {
            return ColumnLayout(visible: all, widths: natural, gapsAfter: [])
        }
        // The order columns are kept in: the first key (the authority, the
        // name), the years, the last column (what the pipeline added), the
        // other keys, then both ends inwards, the right first.
        var order: [Int] = []
        func add(_ c: Int) { if !order.contains(c) { order.append(c) } }
        if let first = all.first(where: { keys[$0] }) { add(first) }
        for c in all where years[c] { add(c) }
        add(n - 1)
        for c in all where keys[c] { add(c) }
        var left = 0, right = n - 1, fromRight = true
        while left <= right {
            add(fromRight ? right : left)
            if fromRight { right -= 1 } else { left += 1 }
            fromRight.toggle()
        }
        var chosen: [Int]
        if total(all, floors) <= width {
            chosen = all
        } else {
            // A column too wide for the room left is passed over; a narrower one later may fit.
            chosen = []
            for c in order {
                let tried = chosen + [c]
                if total(tried, floors) <= width || chosen.isEmpty { chosen = tried }
            }
        }
        // Cut text columns to their floors, then give the room left back in the order kept.
        var widths = natural
        for c in chosen where shrinkable[c] { widths[c] = floors[c] }
        var room = width - total(chosen, widths)
        for c in order where chosen.contains(c) && shrinkable[c] && room > 0 {
            let add = min(room, natural[c] - widths[c])
            widths[c] += add
            room -= add
        }
        chosen.sort()
        let gaps = Set(chosen.indices.filter { i in
            i + 1 < chosen.count ? chosen[i + 1] != chosen[i] + 1 : chosen[i] < n - 1
        })
        var layout = ColumnLayout(visible: chosen, widths: widths, gapsAfter: gaps)
        layout.leadingGap = (chosen.first ?? 0) > 0
        return layout
    }

    /// Columns were left out before the first one shown.
    var leadingGap = false

    /// Whether a key column is a year or period, kept before other keys.
    static func isYear(name: String, unit: String?) -> Bool {
        if let unit { return unit == "year" || unit == "date" }
        let n = name.lowercased()
        return n == "year" || n == "time_period" || n == "period" || n.hasSuffix("_year")
    }

    /// Whether a column says what a row is: an authority's name or code, a
    /// year or period, a LAIT measure, a group (by its unit where the source gives one).
    static func isKey(name: String, unit: String?) -> Bool {
        if let unit, ["year", "code", "date"].contains(unit) { return true }
        let n = name.lowercased()
        if ["name", "la_name", "authority", "measure", "group", "region", "time_period", "period", "year"].contains(n) { return true }
        return n.hasSuffix("_name") || n.hasSuffix("_code") || n.hasSuffix("_year")
    }
}

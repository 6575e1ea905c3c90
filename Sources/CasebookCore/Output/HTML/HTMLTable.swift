// A table as accessible HTML: a real <table> with a <caption>, column headers
// with scope, numbers right-aligned in tabular figures and formatted as the
// terminal shows them, and markers shown as published with their meaning in
// a tooltip and, for screen readers, in words.

enum HTMLTable {
    /// `hidden` keeps the caption for screen readers only (when the statement
    /// just above already says what the table is).
    static func render(_ table: Table, caption: String, id: String, hidden: Bool = false) -> String {
        let rows = Array(0..<table.rowCount)
        let formats = table.columns.map { ColumnFormat($0, rows: rows) }
        var out = "<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"\(id)\" tabindex=\"0\">\n<table>\n"
        out += hidden
            ? "<caption id=\"\(id)\"><span class=\"visually-hidden\">\(HTMLText.escape(caption))</span></caption>\n<thead><tr>"
            : "<caption id=\"\(id)\">\(HTMLText.escape(caption))</caption>\n<thead><tr>"
        for (c, column) in table.columns.enumerated() {
            out += "<th scope=\"col\"\(formats[c].rightAligned ? " class=\"num\"" : "")>\(HTMLText.escape(column.name))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr>"
            for (c, column) in table.columns.enumerated() {
                let numeric = formats[c].rightAligned
                if column.isMissing(at: r) {
                    out += cell(marker: column.reason(at: r), numeric: numeric)
                } else {
                    out += "<td\(numeric ? " class=\"num\"" : "")>\(HTMLText.escape(formats[c].text(column, r)))</td>"
                }
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n</div>\n"
    }

    /// A missing value: the marker as published (or a dash where the source
    /// left the cell empty), its meaning on hover and in words for screen readers.
    static func cell(marker reason: MissingReason, numeric: Bool) -> String {
        let shown = reason.marker.isEmpty ? "" : reason.marker
        let meaning = HTMLText.escape(reason.meaning)
        let classes = numeric ? "num marker" : "marker"
        if shown.isEmpty {
            return "<td class=\"\(classes)\"><span class=\"visually-hidden\">\(meaning)</span></td>"
        }
        return "<td class=\"\(classes)\"><abbr title=\"\(meaning)\" aria-hidden=\"true\">\(HTMLText.escape(shown))</abbr>"
            + "<span class=\"visually-hidden\">\(HTMLText.escape(shown)): \(meaning)</span></td>"
    }
}

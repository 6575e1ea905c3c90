// Which file names mean an Excel workbook. `.xlsx` is written as one; `.xls`
// (the binary format of Excel 97–2003) is refused with a pointer to `.xlsx`,
// rather than written as text under a name Excel would reject.

enum WorkbookPath {
    static func isWorkbook(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

    static func refuseOldExcel(_ path: String, span: SourceSpan?) throws(Diagnostic) {
        let lower = path.lowercased()
        guard lower.hasSuffix(".xls") || lower.hasSuffix(".xlsm") || lower.hasSuffix(".xlsb") else { return }
        throw Diagnostic(
            id: .oldExcelFormat, message: "Casebook writes Excel workbooks as .xlsx, not \(lower[lower.lastIndex(of: ".")!...])",
            span: span, help: "name the file \(stem(path)).xlsx")
    }

    /// The file's name without its folder and extension: a workbook's title.
    static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}

// The format `write` uses is the one its file's extension names. A name with
// no extension, or one Casebook has no writer for, is refused with the list of
// those it knows, rather than written as CSV under a name that says otherwise
// (`r.docx`, or `r` that a spreadsheet would not open).

enum WriteFormat {
    /// Every extension `write` knows, in the order the error lists them.
    static let known = [".csv", ".tsv", ".json", ".md", ".txt", ".xlsx"]

    /// Refuses a path whose extension names no format Casebook writes.
    static func check(_ path: String, span: SourceSpan?) throws(Diagnostic) {
        if WorkbookPath.isWorkbook(path) || ResultRenderer.format(forPath: path) != nil { return }
        try WorkbookPath.refuseOldExcel(path, span: span)
        let help = "name the file with the extension of the format to write: " + Messages.orList(known)
        guard let ext = fileExtension(path) else {
            throw Diagnostic(
                id: .noExtension, message: "\(path) has no extension to say what format to write", span: span, help: help)
        }
        throw Diagnostic(id: .unknownExtension, message: "Casebook has no writer for \(ext) files", span: span, help: help)
    }

    /// ".docx" for "out/r.docx"; nil for "r", "~/.profile" or "out.d/r".
    static func fileExtension(_ path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex, name.index(after: dot) != name.endIndex else {
            return nil
        }
        return String(name[dot...])
    }
}

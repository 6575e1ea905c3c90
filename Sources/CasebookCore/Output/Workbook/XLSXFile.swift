// The Swift face of libxlsxwriter (the CXlsxWriter system library): one
// workbook being written, its cell formats made once each, and the library's
// error codes turned into diagnostics. Knows nothing of tables or sources;
// `WorkbookWriter` decides what goes where.

import CXlsxWriter

#if canImport(Glibc)
    import Glibc
#endif

final class XLSXFile {
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]
    private let path: String
    private var closed = false
    /// C strings handed to the library that it keeps until the file is closed.
    private var kept: [UnsafeMutablePointer<CChar>] = []

    /// Excel's limits: rows and columns of a sheet, and characters in a cell.
    static let maxRows = 1_048_576
    static let maxColumns = 16_384
    static let maxCellCharacters = 32_767

    /// `constantMemory` writes each row to disk as it is finished (for large
    /// tables); rows must then be written in order, which `WorkbookWriter` does.
    init(path: String, constantMemory: Bool) throws(Diagnostic) {
        self.path = path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        guard let wb = workbook_new_opt(path, &options) else {
            throw Diagnostic.writeFailed(path, "the workbook could not be started")
        }
        workbook = wb
    }

    deinit {
        // A workbook abandoned after an error is still closed, to free it; its
        // temporary file is removed by the caller.
        if !closed { _ = workbook_close(workbook) }
        for p in kept { free(p) }
    }

    func setProperties(title: String, comments: String) {
        var properties = lxw_doc_properties()
        let t = strdup(title)!
        let a = strdup("Casebook")!
        let c = strdup(comments)!
        kept += [t, a, c]
        properties.title = t
        properties.author = a
        properties.comments = c
        _ = workbook_set_properties(workbook, &properties)
    }

    func addSheet(_ name: String) throws(Diagnostic) -> Sheet {
        guard let ws = workbook_add_worksheet(workbook, name) else {
            throw Diagnostic.writeFailed(path, "Excel does not accept the sheet name \(name)")
        }
        return Sheet(pointer: ws, file: self)
    }

    /// A cell format, made on first use: a number format ("#,##0.0"), bold, wrapped.
    func format(number: String? = nil, bold: Bool = false, italic: Bool = false, wrap: Bool = false, border: Bool = false)
        -> UnsafeMutablePointer<lxw_format>?
    {
        let key = "\(number ?? "")|\(bold)|\(italic)|\(wrap)|\(border)"
        if let f = formats[key] { return f }
        guard let f = workbook_add_format(workbook) else { return nil }
        if let number { format_set_num_format(f, number) }
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if wrap {
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if border { format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        formats[key] = f
        return f
    }

    /// Writes the file (the library writes nothing before this).
    func close() throws(Diagnostic) {
        closed = true
        let error = workbook_close(workbook)
        guard error == LXW_NO_ERROR else {
            let text = lxw_strerror(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
            throw Diagnostic.writeFailed(path, text)
        }
    }

    struct Sheet {
        let pointer: UnsafeMutablePointer<lxw_worksheet>
        unowned let file: XLSXFile

        func number(_ row: Int, _ column: Int, _ value: Double, _ format: UnsafeMutablePointer<lxw_format>?) {
            _ = worksheet_write_number(pointer, lxw_row_t(row), lxw_col_t(column), value, format)
        }

        func text(_ row: Int, _ column: Int, _ value: String, _ format: UnsafeMutablePointer<lxw_format>? = nil) {
            // A longer cell is refused by Excel: cut it, visibly.
            let fitted = value.count > XLSXFile.maxCellCharacters
                ? String(value.prefix(XLSXFile.maxCellCharacters - 1)) + "…" : value
            _ = worksheet_write_string(pointer, lxw_row_t(row), lxw_col_t(column), fitted, format)
        }

        func boolean(_ row: Int, _ column: Int, _ value: Bool) {
            _ = worksheet_write_boolean(pointer, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, nil)
        }

        /// A note on a cell (Excel's "comment"), shown on hover.
        func note(_ row: Int, _ column: Int, _ text: String) {
            var options = lxw_comment_options()
            options.author = file.author
            _ = worksheet_write_comment_opt(pointer, lxw_row_t(row), lxw_col_t(column), text, &options)
        }

        /// Rows above `row` stay in view when scrolling.
        func freeze(rows row: Int) {
            worksheet_freeze_panes(pointer, lxw_row_t(row), 0)
        }

        func width(_ column: Int, _ characters: Double) {
            _ = worksheet_set_column(pointer, lxw_col_t(column), lxw_col_t(column), characters, nil)
        }
    }

    /// The author named on notes (kept alive until the file is closed).
    private(set) lazy var author: UnsafeMutablePointer<CChar> = {
        let a = strdup("Casebook")!
        kept.append(a)
        return a
    }()
}

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
        // The library is opened now, not at start-up (CXlsxWriter.h);
        // CASEBOOK_XLSXWRITER names its file where it is not in the usual place.
        if let failure = casebook_xlsxwriter_load(getenv("CASEBOOK_XLSXWRITER")) {
            throw Diagnostic(
                id: .writeFailed, message: "cannot write an Excel workbook: \(String(cString: failure))", span: nil,
                help: "install libxlsxwriter (Debian: apt-get install libxlsxwriter-dev; `make deps` does), or save as .csv")
        }
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

    /// A C string the library may keep until the file is closed.
    func kept(_ text: String) -> UnsafeMutablePointer<CChar> {
        let p = strdup(text)!
        kept.append(p)
        return p
    }

    /// Draws `plan` on `sheet` (named `sheetName`, for its ranges) with its top
    /// left corner at (`row`, `column`).
    func insertChart(_ plan: XLSXChart, on sheet: Sheet, named sheetName: String, row: Int, column: Int) {
        let type: lxw_chart_type
        switch plan.kind {
        case .bar: type = LXW_CHART_BAR
        case .line: type = LXW_CHART_LINE
        case .column: type = LXW_CHART_COLUMN
        case .scatter: type = LXW_CHART_SCATTER
        }
        guard let chart = workbook_add_chart(workbook, UInt8(type.rawValue)) else { return }
        let name = kept(sheetName)
        for s in plan.series {
            guard let series = chart_add_series(chart, nil, nil) else { continue }
            chart_series_set_categories(
                series, name, lxw_row_t(s.firstRow), lxw_col_t(s.categoryColumn), lxw_row_t(s.lastRow), lxw_col_t(s.categoryColumn))
            chart_series_set_values(
                series, name, lxw_row_t(s.firstRow), lxw_col_t(s.valueColumn), lxw_row_t(s.lastRow), lxw_col_t(s.valueColumn))
            chart_series_set_name_range(series, name, lxw_row_t(s.nameRow), lxw_col_t(s.valueColumn))
            if s.dashed {
                var line = lxw_chart_line()
                line.color = 0x555555
                line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue)
                line.width = 1.5
                chart_series_set_line(series, &line)
            }
        }
        chart_title_set_name(chart, kept(plan.title))
        chart_axis_set_name(chart.pointee.x_axis, kept(plan.xName))
        chart_axis_set_name(chart.pointee.y_axis, kept(plan.yName))
        // Excel draws horizontal bars bottom up: reversed, they read in the table's order.
        if plan.kind == .bar { chart_axis_set_reverse(chart.pointee.x_axis) }
        if plan.series.count == 1 { chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }
        var options = lxw_chart_options()
        options.description = kept(plan.description)
        options.x_scale = 1.5
        options.y_scale = plan.kind == .bar ? max(1.5, Double(plan.series.first.map { $0.lastRow - $0.firstRow + 1 } ?? 1) / 10) : 1.5
        _ = worksheet_insert_chart_opt(sheet.pointer, lxw_row_t(row), lxw_col_t(column), chart, &options)
    }

    /// The author named on notes (kept alive until the file is closed).
    private(set) lazy var author: UnsafeMutablePointer<CChar> = {
        let a = strdup("Casebook")!
        kept.append(a)
        return a
    }()
}

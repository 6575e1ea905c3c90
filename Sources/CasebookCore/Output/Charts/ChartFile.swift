// A chart written to a file: SVG from the library's own renderer, PNG by
// handing that SVG to a real SVG renderer the caller provides (the executable
// uses librsvg's rsvg-convert; the library starts no process of its own), or
// an Excel workbook of its figures with a native chart drawn from them. The
// file's extension decides; anything else is refused with the choices.

public enum ChartFile {
    public enum Kind { case svg, png, xlsx }

    /// Turns an SVG document into a PNG file at `path`, `scale` times its size.
    public typealias PNGRenderer = (_ svg: String, _ path: String, _ scale: Double) throws(Diagnostic) -> Void

    /// A chart for a slide or a report page is drawn at 800 × 450 points; a PNG
    /// of it at twice that (1600 × 900 pixels) stays sharp on a projector.
    static let pngScale = 2.0

    static func kind(_ path: String, span: SourceSpan?) throws(Diagnostic) -> Kind {
        let lower = path.lowercased()
        if lower.hasSuffix(".svg") { return .svg }
        if lower.hasSuffix(".png") { return .png }
        if WorkbookPath.isWorkbook(lower) { return .xlsx }
        throw Diagnostic(
            id: .chartFileType, message: "a chart is saved as .svg, .png or .xlsx, not as \(path)", span: span,
            help: "name the file with .svg (for a browser or a report), .png (for a slide) or .xlsx (its figures and a native Excel chart)")
    }

    static func write(_ chart: Chart, to path: String, shown: String, span: SourceSpan?, png: PNGRenderer?) throws(Diagnostic) {
        var svg: String { SVGChartRenderer.sized(for: chart).render(chart) }
        switch try kind(shown, span: span) {
        case .svg:
            try FileWriter.write(svg, to: path)
        case .xlsx:
            // The chart's figures on a sheet, the chart drawn from them beside
            // them, and the Sources sheet.
            let title = chart.title.isEmpty ? "\(chart.yLabel) by \(chart.xLabel)" : chart.title
            let sheet = WorkbookSheet(
                name: WorkbookPath.stem(shown), title: [title], table: ChartTable.make(chart),
                notes: ["the figures of a chart: " + ChartDescription.describe(chart)], chart: chart)
            try WorkbookWriter.write([sheet], title: WorkbookPath.stem(shown), to: path)
        case .png:
            guard let png else {
                throw Diagnostic(
                    id: .noPngRenderer, message: "PNG needs librsvg's rsvg-convert, which was not found", span: span,
                    help: "install it (Debian: apt-get install librsvg2-bin), or save the chart as .svg")
            }
            try FileWriter.writeFile(to: path) { (temporary: String) throws(Diagnostic) in
                try png(svg, temporary, pngScale)
            }
        }
    }
}

// `save chart`: the chart drawn last, written again without running its
// statement. (Drawing a chart for the screen or a session is the presenter's.)

extension Engine {
    /// `save chart "f.svg"`: the chart drawn last, written without running its statement again.
    func saveChart(path: String, span: SourceSpan) throws(Diagnostic) -> Outcome {
        _ = try ChartFile.kind(path, span: span)
        guard let chart = lastChart else {
            throw Diagnostic(
                id: .noChart, message: "no chart has been drawn yet", span: span,
                help: "draw one first, e.g. `referrals | for \"Reading\" | chart line year referrals_rate`")
        }
        let resolved = try writablePath(path, span: span)
        do throws(Diagnostic) {
            try ChartFile.write(chart, to: resolved, shown: path, span: span, png: pngRenderer)
        } catch {
            var e = error
            if e.span == nil { e.span = span }
            throw e
        }
        return .info("wrote the chart to \(path)")
    }
}

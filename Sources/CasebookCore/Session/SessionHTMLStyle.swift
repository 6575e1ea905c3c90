// The stylesheet of an HTML report, inline so the file stands alone: system
// fonts only, a readable measure, tables that scroll inside their own box on a
// narrow screen rather than widening the page, and a print stylesheet that
// keeps figures and table rows whole and repeats table headers on each page.

enum SessionHTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; }
        body { margin: 0; }
        main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
        h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 0.75rem; }
        h2 { font-size: 1.25rem; }
        header p { margin: 0 0 0.75rem; max-width: 70ch; }
        .statement { margin: 2rem 0; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 0.75rem; }
        pre.code { background: #f3f2f1; border-left: 4px solid #505a5f; padding: 0.5rem 0.75rem; font-size: 0.9rem; }
        pre.output { font-size: 0.85rem; border: 1px solid #b1b4b6; padding: 0.5rem 0.75rem; }
        pre.error { border-color: #d4351c; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
        .table-wrap { max-width: 100%; overflow-x: auto; margin: 0 0 0.5rem; }
        .table-wrap:focus { outline: 3px solid #fd0; }
        table { border-collapse: collapse; font-size: 0.9rem; }
        caption { text-align: left; font-weight: bold; padding: 0 0 0.4rem; }
        th, td { padding: 0.25rem 0.6rem; border-bottom: 1px solid #b1b4b6; text-align: left; vertical-align: top; }
        th { border-bottom: 2px solid #505a5f; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .marker abbr { text-decoration: underline dotted; cursor: help; color: #505a5f; }
        .visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; margin: -1px !important; padding: 0 !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; white-space: nowrap !important; border: 0 !important; }
        figure { margin: 0 0 0.75rem; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 0.9rem; color: #383f43; margin-top: 0.4rem; max-width: 70ch; }
        ul.notes { font-size: 0.85rem; color: #383f43; padding-left: 1.2rem; margin: 0.25rem 0; }
        p.cites { font-size: 0.85rem; margin: 0.25rem 0; }
        a { color: #1d70b8; }
        a:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
        footer { border-top: 2px solid #505a5f; margin-top: 2.5rem; font-size: 0.9rem; }
        ol.sources li { margin-bottom: 0.75rem; overflow-wrap: anywhere; }
        .link { color: #505a5f; }
        @media print {
          html { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          .table-wrap { overflow: visible; }
          pre.code { background: none; border-left: 2px solid #000; }
          figure, tr, pre.code { break-inside: avoid; }
          thead { display: table-header-group; }
          .statement { break-inside: auto; margin: 1.25rem 0; }
          a { color: inherit; text-decoration: none; }
          @page { margin: 15mm; }
        }

        """
}

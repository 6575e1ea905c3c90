// Headless Chromium (Debian's `chromium`) for the tests that check what a
// person would see in an HTML report: the page after layout (through a small
// measuring script the test adds to a copy of the file), a screenshot and a
// PDF. A missing browser fails the test with what to install, never a pass.

#if canImport(Glibc)
    import Glibc
#endif

enum HeadlessBrowser {
    static let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]

    static func binary() throws -> String {
        guard let found = candidates.first(where: { access($0, X_OK) == 0 }) else {
            throw SandboxError("no headless browser: install Debian's chromium (make test does: apt-get install chromium)")
        }
        return found
    }

    /// Runs the browser on `file` with `arguments`; its standard output.
    static func run(_ file: String, _ arguments: [String], profile: String, width: Int = 800, height: Int = 1200) throws -> String {
        let browser = try binary()
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        let flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--user-data-dir=\(profile)", "--window-size=\(width),\(height)",
        ] + arguments
        let command = "timeout 60 '\(browser)' " + flags.map { "'\($0)'" }.joined(separator: " ") + " 'file://\(file)' 2>/dev/null"
        guard let (status, text) = CommandOutput.run(command) else { throw SandboxError("cannot start \(browser)") }
        guard status == 0 else { throw SandboxError("\(browser) failed on \(file) (status \(status))") }
        return text
    }

    /// Measures the page as laid out at `width` pixels: `key=value` pairs the
    /// script below writes into the page, read back from the DOM Chromium dumps.
    static func measure(_ file: String, profile: String, width: Int = 800) throws -> [String: String] {
        let html = FileSystem.readText(file) ?? ""
        let probe = file + ".measured.html"
        try FileSystem.write(probe, Array(html.replacing("</body>", with: "<script>\(script)</script>\n</body>").utf8))
        let dom = try run(probe, ["--dump-dom", "--virtual-time-budget=2000"], profile: profile, width: width)
        guard let start = dom.firstRange(of: "<pre id=\"cb-measure\">"),
            let end = dom[start.upperBound...].firstRange(of: "</pre>")
        else { throw SandboxError("the measuring script did not run in \(file)") }
        var result: [String: String] = [:]
        for pair in dom[start.upperBound..<end.lowerBound].split(separator: ";") {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { result[kv[0]] = kv[1] }
        }
        return result
    }

    /// What a reader would notice: the page wider than the window, a chart not
    /// drawn, a footnote link leading nowhere, a table with no header cells.
    static let script = """
        (function () {
          var out = [];
          var d = document.documentElement;
          out.push('scrollWidth=' + d.scrollWidth, 'clientWidth=' + d.clientWidth);
          var figures = document.querySelectorAll('figure');
          var drawn = 0;
          figures.forEach(function (f) {
            var svg = f.querySelector('svg');
            var cap = f.querySelector('figcaption');
            if (!svg || !cap) return;
            var box = svg.getBoundingClientRect();
            var marks = svg.querySelectorAll('rect, path, polyline, line, circle').length;
            if (box.width > 100 && box.height > 50 && box.right <= d.clientWidth + 1 && marks > 3 && cap.textContent.length > 20) drawn++;
          });
          out.push('figures=' + figures.length, 'drawn=' + drawn);
          var links = document.querySelectorAll('a[href^="#source-"]');
          var found = 0;
          links.forEach(function (a) {
            var target = document.getElementById(a.getAttribute('href').slice(1));
            if (target && target.getBoundingClientRect().height > 0 && target.textContent.indexOf('Source:') === 0) found++;
          });
          out.push('citations=' + links.length, 'citationsFound=' + found);
          out.push('footnotes=' + document.querySelectorAll('ol.sources li').length);
          var tables = document.querySelectorAll('table');
          var headed = 0;
          tables.forEach(function (t) { if (t.caption && t.querySelectorAll('th[scope=col]').length > 0) headed++; });
          out.push('tables=' + tables.length, 'headed=' + headed);
          out.push('scripts=' + document.querySelectorAll('script').length, 'images=' + document.querySelectorAll('img').length);
          var pre = document.createElement('pre');
          pre.id = 'cb-measure';
          pre.textContent = out.join(';');
          document.body.appendChild(pre);
        })();
        """
}

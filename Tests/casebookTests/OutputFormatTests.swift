// --format csv|tsv|json|markdown with real figures, and colour: no escape codes
// through a pipe, with NO_COLOR on a terminal, or in stderr sent to a file.

import Testing

@Suite("Output formats and colour")
struct OutputFormatTests {
    static let reading = "referrals | for \"Reading\" | where year between 2015 and 2016 | select year, referrals, referrals_rate"
    static let hackney = "referrals | for \"Hackney\" | where year between 2020 and 2021 | select year, referrals"

    @Test("CSV: plain numbers without thousands separators")
    func csv() throws {
        let result = try Sandbox().run(["--format", "csv", "-c", Self.reading])
        #expect(result.status == 0)
        #expect(result.stdout == "year,referrals,referrals_rate\n2015,1673,465.1\n2016,3078,839.6\n")
    }

    @Test("TSV: tab-separated, plain numbers")
    func tsv() throws {
        let result = try Sandbox().run(["--format", "tsv", "-c", Self.reading])
        #expect(result.status == 0)
        #expect(result.stdout == "year\treferrals\treferrals_rate\n2015\t1673\t465.1\n2016\t3078\t839.6\n")
    }

    @Test("JSON: numbers unquoted, a missing figure as null")
    func json() throws {
        let sandbox = try Sandbox()
        let reading = try sandbox.run(["--format", "json", "-c", Self.reading])
        #expect(reading.status == 0)
        #expect(
            reading.stdout == """
                [
                  {"year": 2015, "referrals": 1673, "referrals_rate": 465.1},
                  {"year": 2016, "referrals": 3078, "referrals_rate": 839.6}
                ]

                """)
        // Hackney's 2021 return was never submitted: published as a marker, so missing.
        let hackney = try sandbox.run(["--format", "json", "-c", Self.hackney])
        #expect(hackney.status == 0)
        #expect(hackney.stdout.contains(#"{"year": 2020, "referrals": 5031}"#))
        #expect(hackney.stdout.contains(#"{"year": 2021, "referrals": null}"#))
    }

    @Test("Markdown: a pipe table with right-aligned numbers and the source")
    func markdown() throws {
        let result = try Sandbox().run(["--format", "md", "-c", Self.reading])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(4)) == [
            "| year | referrals | referrals_rate |",
            "| ---: | ---: | ---: |",
            "| 2015 | 1,673 | 465.1 |",
            "| 2016 | 3,078 | 839.6 |",
        ])
        #expect(lines.contains { $0.hasPrefix("> Source: Department for Education") })
    }

    @Test("Markdown is one document on stdout: header, table, notes, sources; nothing on stderr")
    func markdownKeepsNotesInTheDocument() throws {
        let sandbox = try Sandbox()
        let compare = try sandbox.run(["--format", "markdown", "-c", #"compare "Reading" on referrals_rate year 2016 | take 2"#])
        #expect(compare.status == 0)
        #expect(compare.stderr == "", "\(compare.stderr)")
        #expect(compare.stdout.hasPrefix("Reading (870) · referrals_rate (referrals) · 2016\n\n| name | group | value | rank |\n"), "\(compare.stdout)")
        let note = compare.stdout.firstRange(of: "\n_Note: Reading ranks 20 of 149 authorities")
        let source = compare.stdout.firstRange(of: "\n> Source: Department for Education")
        #expect(note != nil && source != nil && note!.lowerBound < source!.lowerBound, "notes, then sources: \(compare.stdout)")
        // The same statement as CSV keeps its header and notes off stdout.
        let csv = try sandbox.run(["--format", "csv", "-c", #"compare "Reading" on referrals_rate year 2016 | take 2"#])
        #expect(csv.stdout.hasPrefix("name,group,value,rank\n"), "\(csv.stdout)")
        #expect(csv.stderr.contains("note: Reading ranks 20 of 149"), "\(csv.stderr)")
        // A note from an aggregate, and the timer, under a Markdown table.
        let mean = try sandbox.run(
            ["--format", "markdown", "-c", #"set timer on; referrals | where year = 2021 and level = "Local authority" | summarise mean(referrals)"#])
        #expect(mean.stderr == "", "\(mean.stderr)")
        #expect(mean.stdout.contains("\n_Note: mean(referrals) skipped 1 value: 1 x_\n"), "\(mean.stdout)")
        #expect(mean.stdout.contains("\nRun time: "), "\(mean.stdout)")
    }

    @Test("through pipes neither stdout nor stderr carries an escape code")
    func noEscapesThroughPipes() throws {
        let result = try Sandbox().run([], stdin: "datasets\n\(Self.reading)\nreferrals | whre year = 2016\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("3,078"))
        #expect(result.stderr.contains("error: unknown stage"))
        #expect(!result.stdoutBytes.contains(0x1B))
        #expect(!result.stderrBytes.contains(0x1B))
    }

    @Test("on a terminal results and errors are coloured, and NO_COLOR=1 turns every escape off")
    func noColourOnATerminal() throws {
        let sandbox = try Sandbox()
        let script = "datasets; \(Self.reading); referrals | whre year = 2016"
        let coloured = try sandbox.shell(["-c", script])
        #expect(try coloured.waitForExit() == .exited(1))
        #expect(coloured.raw.contains(0x1B), "the check below means something only if colour is on by default")

        let plain = try sandbox.shell(["-c", script], environment: ["NO_COLOR": "1"])
        #expect(try plain.waitForExit() == .exited(1))
        #expect(plain.screen.contains("3,078"))
        #expect(plain.screen.contains("error: unknown stage `whre`"))
        #expect(!plain.raw.contains(0x1B), "\(String(reflecting: String(decoding: plain.raw, as: UTF8.self)))")
    }

    @Test("with stdout on a terminal, errors sent to a file carry no escape codes")
    func stderrToAFileIsPlain() throws {
        let sandbox = try Sandbox()
        let log = sandbox.root + "/errors.log"
        let terminal = try sandbox.shell(["-c", "\(Self.reading); referrals | whre year = 2016"], stderrFile: log)
        #expect(try terminal.waitForExit() == .exited(1))
        #expect(terminal.screen.contains("3,078"))
        let errors = FileSystem.readBytes(log) ?? []
        #expect(String(decoding: errors, as: UTF8.self).hasPrefix("<command>:1:"))
        #expect(String(decoding: errors, as: UTF8.self).contains("error: unknown stage `whre`"))
        #expect(!errors.contains(0x1B), "\(String(reflecting: String(decoding: errors, as: UTF8.self)))")
    }
}

// The command line itself: --help and --version, and the usage errors that exit 2
// (an unknown flag, a bad --format, a missing script or datasets folder).

import Testing

@Suite("Command line")
struct CommandLineTests {
    @Test("--help prints the usage to stdout and exits 0")
    func helpExitsZero() throws {
        let result = try Sandbox().run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: casebook"))
        #expect(result.stdout.contains("replay"))
        #expect(result.stdout.contains("check"))
        #expect(result.stdout.contains("export"))
        #expect(result.stderr == "")
    }

    @Test("--version prints the version and exits 0")
    func versionExitsZero() throws {
        let result = try Sandbox().run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "0.1.0\n")
    }

    @Test("an unknown flag exits 2 with a message on stderr and nothing on stdout")
    func unknownFlagIsAUsageError() throws {
        let result = try Sandbox().run(["--frobnicate"], stdin: "authorities | take 1\n")
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Unknown option '--frobnicate'"))
    }

    @Test("an unknown --format exits 2 and names the choices")
    func unknownFormatIsAUsageError() throws {
        let result = try Sandbox().run(["--format", "xml", "-c", "authorities | take 1"])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("unknown format 'xml'"))
    }

    @Test("a missing script file exits 2, given as an argument or with -f")
    func missingScriptIsAUsageError() throws {
        let sandbox = try Sandbox()
        for arguments in [["nowhere.cb"], ["-f", "nowhere.cb"]] {
            let result = try sandbox.run(arguments)
            #expect(result.status == 2)
            #expect(result.stdout == "")
            #expect(result.stderr == "casebook: no file at nowhere.cb\n")
        }
    }

    @Test("--datasets pointing nowhere exits 2; pointing at the shipped folder works")
    func datasetsFlag() throws {
        let sandbox = try Sandbox()
        let missing = try sandbox.run(["--datasets", "/nonexistent-casebook-datasets", "-c", "datasets"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "casebook: no datasets folder at /nonexistent-casebook-datasets\n")
        let given = try sandbox.run(
            ["--datasets", Checkout.datasets, "-c", "referrals | for \"Reading\" | where year = 2015 | select referrals"],
            environment: ["CASEBOOK_DATASETS": ""])
        #expect(given.status == 0)
        #expect(given.stdout == "referrals\n─────────\n    1,673\n")
        #expect(given.stderr.isEmpty, "\(given.stderr)")
    }

    @Test("a datasets folder with no datasets in it is said at start-up, with where it looked and how to point it")
    func noDatasetsIsSaid() throws {
        let sandbox = try Sandbox()
        // A folder that exists and holds no dataset (a file, but no CSV with its metadata).
        let readme = try sandbox.write("README.txt", "not a dataset\n")
        let empty = String(readme.dropLast("/README.txt".count))
        for arguments in [["--datasets", empty, "-c", "datasets"], ["-c", "datasets"]] {
            let run = try sandbox.run(arguments, environment: ["CASEBOOK_DATASETS": empty])
            #expect(run.status == 0)
            #expect(
                run.stderr == "casebook: warning: no datasets found (looked in \(empty)); point to them with --datasets PATH "
                    + "or CASEBOOK_DATASETS=PATH\n", "\(run.stderr)")
        }
    }

    @Test("the locale picks the characters: a UTF-8 locale draws boxes, LANG=C or POSIX ASCII, as `chars` is documented")
    func localePicksCharacters() throws {
        let sandbox = try Sandbox()
        for (lang, rule) in [("C.UTF-8", "─────"), ("en_GB.UTF-8", "─────"), ("C", "-----"), ("POSIX", "-----")] {
            let run = try sandbox.run(["-c", "authorities | count"], environment: ["LANG": lang, "TERM": "xterm", "LC_ALL": "", "LC_CTYPE": ""])
            #expect(run.status == 0)
            #expect(run.stdout == "count\n\(rule)\n  158\n", "LANG=\(lang): \(run.stdout)")
        }
    }
}

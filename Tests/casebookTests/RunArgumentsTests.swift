// The quick reading of the usual command lines (RunArguments.quick) against
// ArgumentParser's: every command line the quick path takes must mean the same
// there, and everything it leaves (help, subcommands, errors, odd shapes) must
// reach ArgumentParser.

import ArgumentParser
@testable import casebook
import Testing

@Suite("Command line, quick path")
struct RunArgumentsTests {
    /// Command lines the quick path reads.
    static let taken: [[String]] = [
        [],
        ["analysis.cb"],
        ["-c", "datasets"],
        ["-c", "authorities | take 3", "--format", "csv"],
        ["-c", "run"],
        ["-f", "a.cb", "--keep-going"],
        ["--format=json", "a.cb"],
        ["a.cb", "--format", "markdown", "--safe", "--accessible"],
        ["--datasets", "/tmp/data", "--no-history"],
        ["--datasets=/tmp/data", "-c", "x"],
        ["--format", "MD", "a.cb"],
        ["--keep-going", "--no-history", "--safe", "--accessible", "--format", "tsv", "--datasets", "d", "-f", "s.cb"],
        ["a b.cb"],
        ["ünïcode.cb", "--format", "table"],
    ]

    /// Command lines left to ArgumentParser.
    static let left: [[String]] = [
        ["--help"], ["-h"], ["--version"], ["help"], ["run"], ["run", "a.cb"], ["replay", "s.cb"], ["check", "s.cb"],
        ["export", "s.cb"], ["--frobnicate"], ["-x"], ["a.cb", "b.cb"], ["-c", "x", "a.cb"], ["-c", "x", "-f", "y"],
        ["-c"], ["-c", "-1"], ["-c", ""], ["--format"], ["--format", "yaml"], ["--format=yaml"], ["--format="],
        ["--safe", "--safe"], ["--format", "csv", "--format", "json"], ["--safe=yes"], ["--"], ["--", "a.cb"],
        ["-cdatasets"], ["-c=datasets"], ["-"], [""], ["--datasets", "--safe"],
    ]

    @Test("every command line the quick path reads, ArgumentParser reads the same", arguments: taken)
    func sameAsArgumentParser(_ words: [String]) throws {
        let quick = try #require(RunArguments.quick(words))
        let parsed = try CasebookCommand.parseAsRoot(words)
        let run = try #require(parsed as? Run)
        #expect(run.arguments == quick)
    }

    @Test("the rest is left to ArgumentParser", arguments: left)
    func leftToArgumentParser(_ words: [String]) {
        #expect(RunArguments.quick(words) == nil)
    }

    @Test("what the quick path read is what it was given")
    func readsValues() throws {
        let a = try #require(RunArguments.quick(["--format=csv", "-c", "a | b", "--datasets", "d", "--safe"]))
        #expect(a == RunArguments(command: "a | b", datasets: "d", format: "csv", safe: true))
    }
}

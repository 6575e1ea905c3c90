// The settings a user changes with `set`, and the defaults the executable
// passes in from flags and the terminal.

public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, markdown
}

/// How wide a table's text cells may be.
public enum TextWidth: Sendable, Equatable {
    /// Fitted to the width there is: cut (with "…") only when the table would
    /// not fit otherwise; whole into a pipe or file, which has no width.
    case auto
    /// Never cut.
    case full
    /// At most this many columns.
    case at(Int)
}

/// How a table result is drawn.
public enum TableView: String, Sendable, CaseIterable {
    /// A table, or records when a few rows do not fit (TableRenderer.recordRows).
    case auto
    case table
    /// One field a line, a block per row.
    case records
}

public struct Settings: Sendable {
    public var format: OutputFormat = .table
    /// Rows shown in a table before the middle is elided; nil shows all.
    public var maxRows: Int? = 40
    public var timer = false
    /// Width of the terminal, for fitting tables and charts.
    public var width: Int = 100
    /// How wide a text cell may be (`set cells`).
    public var textWidth: TextWidth = .auto
    /// Tables, or one field a line (`set view`).
    public var view: TableView = .auto
    public var colour = false
    /// Unicode box and block characters; ASCII when false.
    public var unicode = true
    /// The accessible mode: no box drawing, markers spelled out, charts described in words.
    public var accessible = false
    /// Show each result's sources under it.
    var showSources = false
    /// The statistical neighbour model used by `compare` (a `model` in the `neighbours` dataset).
    var neighbourModel = "2025"
    /// A result larger than this many rows stops with a message (joins that multiply rows).
    public var rowLimit = 50_000_000
    /// Safe mode: no file writes, no reads outside the allowed folders.
    public var safe = false
    /// Folders a safe-mode session may read from.
    public var allowedFolders: [String] = []
    /// Where statements (`write`, `output`, `once`, `save session`, `chart … to`)
    /// may write: anywhere at the prompt and in scripts, nowhere in `check` and
    /// `export`, only the session's folder in `replay` (docs/reliability.md).
    public var writes: WritePolicy = .anywhere

    public init() {}
}

/// Where a run's statements may write files. Safe mode refuses every write
/// whatever this says.
public enum WritePolicy: Sendable, Equatable {
    case anywhere
    /// No file at all: `command` ("`casebook check`") says who refused, in the message.
    case nowhere(command: String)
    /// Only inside these folders (links resolved, compared as bytes);
    /// `allowFlag` is the flag that lifts the limit, for the message.
    case inside([String], allowFlag: String)
}

// Statements: a pipeline, or one of the commands of the notebook. Shell commands
// are statements of the language, so the prompt, a script and a session file all
// accept the same things.

public struct Statement: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case pipeline(Pipeline)
        case bind(name: NameRef, Pipeline)  // let NAME = PIPELINE
        case datasets
        case help(topic: NameRef?)
        /// `describe DATASET COLUMN, …`: what each column means, from the dataset's metadata.
        case describeColumns(dataset: NameRef, columns: [NameRef])
        /// `load "PATH" [as NAME] [raw]`: `raw` keeps an EES file's own columns.
        case load(path: String, pathSpan: SourceSpan, as: NameRef?, raw: Bool)
        /// `set OPTION VALUE`, the value checked against the setting's declaration.
        case set(SettingWord, SettingValue, option: NameRef, written: NameRef)
        /// `set` alone lists every setting and its value; `set OPTION` shows one.
        case showSettings(SettingWord?)
        /// `output "file"` sends every later result to a file; `output` alone ends that.
        case output(path: String?, pathSpan: SourceSpan?)
        /// `once "file"` sends only the next result to a file.
        case once(path: String, pathSpan: SourceSpan)
        /// `save session NAME [replace]`: `replace` writes over an existing file.
        case saveSession(path: String, pathSpan: SourceSpan, replace: Bool)
        /// `save chart "f.svg"` / `"f.png"`: the chart drawn last, without running it again.
        case saveChart(path: String, pathSpan: SourceSpan)
        case forget(NameRef)
        case quit
    }

    var kind: Kind
    public var span: SourceSpan

    init(_ kind: Kind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

extension Statement {
    /// Whether `set timer on` reports this statement's run time: not for
    /// settings, help and the like, which read no data.
    var isTimed: Bool {
        switch kind {
        case .set, .showSettings, .help, .describeColumns: return false
        default: return true
        }
    }
}

// The one way tests make an engine: over the shipped datasets (or a workspace
// of the test's own), reading and writing relative paths from `baseDirectory`,
// with no home folder to reach, and whatever settings the test asks for.

import CasebookCore

public enum TestEngines {
    /// A workspace over the shipped datasets, opened afresh.
    public static func shippedWorkspace() -> Workspace {
        Workspace(catalog: DatasetCatalog(directory: Checkout.datasets))
    }

    public static func make(
        sink: OutputSink, workspace: Workspace? = nil, baseDirectory: String = Checkout.root,
        sessionsDirectory: String? = nil, homeDirectory: String? = "/nonexistent-home",
        settings configure: (inout Settings) -> Void = { _ in }
    ) -> Engine {
        var settings = Settings()
        configure(&settings)
        let engine = Engine(
            workspace: workspace ?? shippedWorkspace(), settings: settings, sink: sink, baseDirectory: baseDirectory,
            sessionsDirectory: sessionsDirectory ?? (baseDirectory == Checkout.root ? Checkout.sessions : baseDirectory))
        engine.homeDirectory = homeDirectory
        return engine
    }
}

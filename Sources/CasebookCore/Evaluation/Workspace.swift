// The names a statement can use: the shipped datasets, and the results kept with
// `let` or `load` during the session (which hide a dataset of the same name).

public final class Workspace: @unchecked Sendable {
    // @unchecked: owned by one engine and used from its thread only.
    public struct Binding: Sendable {
        public var table: Table
        /// How it was made, for `datasets` ("let", "loaded from data/x.csv").
        public var origin: String
    }

    public let catalog: DatasetCatalog?
    /// Where `load` keeps the columns of the files it reads, and the catalog
    /// those of large shipped datasets (nil: no cache).
    public var columnCache: ColumnCache?
    /// At the prompt: after `load`, read the table's columns from the cache
    /// in the background, so that they are in memory by the time the next
    /// statement is typed. (A script reads each column when a statement uses
    /// it, and only the parts it uses.)
    public var prefetchesLoadedColumns = false
    private(set) var bindings: [String: Binding] = [:]
    private(set) var authorityIndex: AuthorityIndex?

    public init(catalog: DatasetCatalog?) {
        self.catalog = catalog
    }

    public func bind(_ name: String, _ table: Table, origin: String) {
        var t = table
        t.grouping = []
        bindings[name] = Binding(table: t, origin: origin)
    }

    public func forget(_ name: String) -> Bool {
        bindings.removeValue(forKey: name) != nil
    }

    var bindingNames: [String] { bindings.keys.sorted() }

    public func binding(_ name: String) -> Binding? { bindings[name] }

    /// Every name a pipeline can start from.
    var allNames: [String] {
        Array(Set(bindingNames).union(catalog?.names ?? [])).sorted()
    }

    public func contains(_ name: String) -> Bool {
        bindings[name] != nil || catalog?.contains(name) == true
    }

    public func table(_ name: String, cancellation: Cancellation) throws(Diagnostic) -> Table? {
        if let b = bindings[name] { return b.table }
        if let catalog, catalog.contains(name) {
            return try catalog.table(name, cancellation: cancellation, cache: columnCache)
        }
        return nil
    }

    /// The shape of a named table. A shipped dataset is opened as a statement
    /// would open it (its columns know their types; no stage has run).
    func schema(_ name: String, cancellation: Cancellation) throws(Diagnostic) -> Schema? {
        try table(name, cancellation: cancellation).map(Schema.init(of:))
    }

    /// The shape of a named table without opening anything not open yet (for
    /// completion): a shipped dataset's header names, their types once it is open.
    func shallowSchema(_ name: String) -> Schema? {
        if let b = bindings[name] { return Schema(of: b.table) }
        guard let catalog, catalog.contains(name) else { return nil }
        if let t = catalog.loadedTable(name) { return Schema(of: t) }
        let units = catalog.metadata(name)?.columns ?? [:]
        return Schema(columns: catalog.columnNames(name).map { SchemaColumn($0, nil, unit: units[$0]?.unit) })
    }

    /// Column names without loading anything that is not loaded yet (for completion).
    public func columnNames(_ name: String) -> [String] {
        if let b = bindings[name] { return b.table.columnNames }
        return catalog?.columnNames(name) ?? []
    }

    /// The authorities index, built from the `authorities` dataset on first use.
    public func authorities(cancellation: Cancellation) throws(Diagnostic) -> AuthorityIndex? {
        if let authorityIndex { return authorityIndex }
        guard let table = try table("authorities", cancellation: cancellation) else { return nil }
        let index = AuthorityIndex(table: table)
        authorityIndex = index
        return index
    }
}

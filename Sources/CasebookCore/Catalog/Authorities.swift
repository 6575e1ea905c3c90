// Authorities known by any name: the DfE code (870), the ONS code (E06000038),
// the exact name, or a loose one — case, punctuation, "&"/"and", "St"/"Saint"
// and "City of" forms ignored — so "bristol" finds "Bristol, City of" and "hull"
// finds "Kingston upon Hull, City of". England and the regions are found by
// name too. An unknown or ambiguous name is an error listing the nearest names.

public struct Authority: Sendable, Equatable {
    /// DfE code; nil for England and the regions.
    public var code: Int64?
    public var name: String
    var onsCode: String?
    public var region: String?
    /// "Local authority", "Sub-regional" (Inner and Outer London), "Regional" or "National".
    public var level: String
    /// For an authority that no longer exists: what replaced it and when.
    var formerNote: String?
    /// ONS codes it had before its current one (older files use them).
    var formerOnsCodes: [String] = []
    /// Set when it was found by a former ONS code: which code, and the current one.
    var codeNote: String? = nil
    /// Reorganisations, both ways: the authorities that replaced a former one
    /// (and its last reporting year), and those a new one took over (and its first).
    var successors: [Member] = []
    var lastYear: Int64? = nil
    var predecessors: [Member] = []
    var firstYear: Int64? = nil

    /// Another authority named in a reorganisation: its code and name.
    struct Member: Sendable, Equatable {
        public var code: Int64
        public var name: String
        /// "Dorset (835)".
        var label: String { "\(name) (\(code))" }
    }

    var isLocalAuthority: Bool { code != nil }

    /// "Reading (870)", or the name alone for England and the regions.
    var label: String { code.map { "\(name) (\($0))" } ?? name }
}

public struct AuthorityIndex: Sendable {
    public let authorities: [Authority]
    private let byNormalName: [String: [Int]]
    /// The same, for the whole name only (not the forms without "City of").
    private let byWholeName: [String: [Int]]

    public static let regions = [
        ("North East", "E12000001"), ("North West", "E12000002"), ("Yorkshire and The Humber", "E12000003"),
        ("East Midlands", "E12000004"), ("West Midlands", "E12000005"), ("East of England", "E12000006"),
        ("London", "E12000007"), ("South East", "E12000008"), ("South West", "E12000009"),
        ("Inner London", "E13000001"), ("Outer London", "E13000002"),
    ]

    /// Builds the index from the `authorities` dataset.
    public init(table: Table) {
        var list: [Authority] = []
        let code = table.column(named: "la_code"), name = table.column(named: "la_name")
        let ons = table.column(named: "ons_code"), region = table.column(named: "region")
        let status = table.column(named: "status"), replaced = table.column(named: "replaced_by")
        let ended = table.column(named: "ended"), formerCodes = table.column(named: "former_ons_codes")
        let predecessors = table.column(named: "predecessors"), started = table.column(named: "started")
        for r in 0..<table.rowCount {
            guard case .integer(let c)? = code?.value(at: r), case .text(let n)? = name?.value(at: r) else { continue }
            var note: String? = nil
            if case .text(let s)? = status?.value(at: r), s == "former" {
                let by = Self.members(replaced?.value(at: r)).map(\.label)
                let end = ended?.value(at: r).plainText ?? ""
                note = "\(n) (\(c)) no longer exists" + (end.isEmpty ? "" : ": its last year is \(end)")
                    + (by.isEmpty ? "" : "; \(by.count == 1 ? "its successor is" : "its successors are") \(Messages.andList(by))")
            }
            var authority = Authority(
                code: c, name: n, onsCode: ons?.value(at: r).plainText, region: region?.value(at: r).plainText,
                level: "Local authority", formerNote: note)
            if case .text(let codes)? = formerCodes?.value(at: r) {
                authority.formerOnsCodes = codes.split(separator: ";").map { $0.trimmingSpacesAndUpper }
            }
            authority.successors = Self.members(replaced?.value(at: r))
            authority.predecessors = Self.members(predecessors?.value(at: r))
            if case .integer(let y)? = ended?.value(at: r) { authority.lastYear = y }
            if case .integer(let y)? = started?.value(at: r) { authority.firstYear = y }
            list.append(authority)
        }
        list.append(Authority(code: nil, name: "England", onsCode: "E92000001", region: nil, level: "National"))
        for (n, o) in Self.regions {
            // Inner and Outer London are parts of London, not regions of their own.
            let half = o.hasPrefix("E13")
            list.append(
                Authority(
                    code: nil, name: n, onsCode: o.isEmpty ? nil : o, region: half ? "London" : n,
                    level: half ? "Sub-regional" : "Regional"))
        }
        var index: [String: [Int]] = [:]
        var whole: [String: [Int]] = [:]
        for (i, a) in list.enumerated() {
            for form in Self.forms(of: a.name) where !(index[form]?.contains(i) ?? false) {
                index[form, default: []].append(i)
            }
            whole[Self.normalise(a.name), default: []].append(i)
        }
        authorities = list
        byNormalName = index
        byWholeName = whole
    }

    enum Resolution: Sendable, Equatable {
        case found(Authority)
        case ambiguous([Authority])
        case notFound(suggestions: [String])
    }

    /// Finds an authority from a code (870, "870"), an ONS code or a name.
    func resolve(_ query: String) -> Resolution {
        let trimmed = query.trimmedSpaces
        if let code = Int64(trimmed) {
            if let a = authorities.first(where: { $0.code == code }) { return .found(a) }
            return .notFound(suggestions: [])
        }
        let upper = trimmed.uppercased()
        if upper.count == 9, upper.hasPrefix("E") {
            if let a = authorities.first(where: { $0.onsCode?.uppercased() == upper }) { return .found(a) }
            if var a = authorities.first(where: { $0.formerOnsCodes.contains(upper) }) {
                a.codeNote = "\(upper) is a former ONS code of \(a.name), now \(a.onsCode ?? "?")"
                return .found(a)
            }
        }
        let key = Self.normalise(trimmed)
        // A whole name beats a shortened form: "London" is the region, not
        // "City of London" without its "City of".
        if let hits = byWholeName[key] ?? byNormalName[key] {
            // Prefer a current authority to a former one of the same name.
            let current = hits.filter { authorities[$0].formerNote == nil }
            if hits.count == 1 || current.count == 1 {
                return .found(authorities[current.count == 1 ? current[0] : hits[0]])
            }
            return .ambiguous(hits.map { authorities[$0] })
        }
        // Loose: every word typed starts a word of the name ("kingston" → two).
        let words = key.split(separator: " ")
        if !words.isEmpty {
            var hits: [Int] = []
            for (i, a) in authorities.enumerated() {
                let nameWords = Self.normalise(a.name).split(separator: " ")
                if words.allSatisfy({ w in nameWords.contains { $0.hasPrefix(w) } }) { hits.append(i) }
            }
            let current = hits.filter { authorities[$0].formerNote == nil }
            if hits.count == 1 { return .found(authorities[hits[0]]) }
            if current.count == 1 { return .found(authorities[current[0]]) }
            if hits.count > 1 { return .ambiguous(hits.map { authorities[$0] }) }
        }
        let names = authorities.map(\.name)
        // A name with words added ("Bedford Borough", "Reading Borough Council")
        // contains an authority's whole name: suggest that first.
        let typed = Set(words)
        var near = authorities.filter { a in
            let nameWords = Self.normalise(a.name).split(separator: " ")
            return !nameWords.isEmpty && nameWords.allSatisfy { typed.contains($0) }
        }.sorted { Self.normalise($0.name).count > Self.normalise($1.name).count }.map(\.name)
        near = near.enumerated().filter { i, n in !near[..<i].contains(n) }.map(\.element)
        for n in Suggestions.nearest(to: trimmed, in: names, limit: 4) where !near.contains(n) { near.append(n) }
        near = Array(near.prefix(4))
        if near.isEmpty {
            near = Suggestions.nearest(to: key, in: authorities.map { Self.normalise($0.name) }, limit: 4).compactMap {
                n in authorities.first { Self.normalise($0.name) == n }?.name
            }
        }
        return .notFound(suggestions: near)
    }

    /// "Dorset (838); Bournemouth, Christchurch and Poole (839)" → the two
    /// authorities (a name may hold commas, so entries split at "; ").
    static func members(_ value: Value?) -> [Authority.Member] {
        guard case .text(let text)? = value else { return [] }
        return text.split(separator: ";").compactMap { part -> Authority.Member? in
            let entry = String(part).trimmedSpaces
            guard entry.hasSuffix(")"), let open = entry.lastIndex(of: "("),
                let code = Int64(entry[entry.index(after: open)..<entry.index(before: entry.endIndex)])
            else { return nil }
            return Authority.Member(code: code, name: String(entry[..<open]).trimmedSpaces)
        }
    }

    /// The forms a name is known by: normalised, and without "City of" / "County of".
    static func forms(of name: String) -> [String] {
        let n = normalise(name)
        var forms = [n]
        for suffix in [" city of", " county of"] where n.hasSuffix(suffix) {
            forms.append(String(n.dropLast(suffix.count)))
        }
        for prefix in ["city of ", "county "] where n.hasPrefix(prefix) {
            forms.append(String(n.dropFirst(prefix.count)))
        }
        return forms
    }

    /// Lower case, "&" as "and", "St"/"St." as "saint", punctuation dropped.
    static func normalise(_ text: String) -> String {
        var s = text.lowercased().replacing("&", with: " and ")
        s = String(s.map { $0.isLetter || $0.isNumber ? $0 : " " })
        let words = s.split(separator: " ").map { $0 == "st" ? "saint" : String($0) }
        return words.joined(separator: " ")
    }
}

extension Substring {
    fileprivate var trimmingSpacesAndUpper: String { String(self).trimmedSpaces.uppercased() }
}

extension String {
    var trimmedSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

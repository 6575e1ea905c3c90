// DfE tables are one row per reporting unit, and a unit is nearly always one
// authority. The exception is a joint return: two authorities that make one
// workforce return, published as one row ("314 / 318", Kingston upon Thames
// with Richmond upon Thames). Casebook keeps it as that one row — level
// "Local authority", la_code empty, the published code in `joint_return` — so
// every aggregate, rank and correlation counts it once, as published. What a
// reader needs told is that some rows stand for two authorities: a note says
// which, and how many units a result used for how many authorities.

enum ReportingUnits {
    /// A joint return's row.
    struct Joint: Equatable {
        /// As published: "Kingston upon Thames / Richmond upon Thames".
        var name: String
        /// As published: "314 / 318".
        var code: String
        var members: [Int64]

        var label: String { "\(name) (\(code))" }

        /// The members other than `code`, by name where the published name
        /// lists them in the same order as the code ("Kingston upon Thames /
        /// Richmond upon Thames" for "314 / 318").
        func otherMembers(than code: Int64) -> [String] {
            let names = name.split(separator: "/").map { String($0).trimmedSpaces }
            return members.enumerated().filter { $0.element != code }.map { i, c in
                names.count == members.count ? "\(names[i]) (\(c))" : String(c)
            }
        }
    }

    /// The joint return on each row that is one (nil when the table has none):
    /// a row with a `joint_return` value, at the local-authority level when the
    /// table has levels.
    static func joints(in table: Table) -> [Int: Joint]? {
        guard let column = table.column(named: "joint_return"), case .text(let codes, let dict) = column.data else {
            return nil
        }
        let names = table.column(named: "la_name")
        let levels = table.column(named: "level").map { Compare.matches($0) { $0 == "Local authority" } }
        var found: [Int: Joint] = [:]
        // Each distinct code parsed once: "314 / 318" → members 314 and 318.
        let parsed: [Joint?] = dict.values.map { value in
            let text = value.trimmedSpaces
            let members = text.split(separator: "/").compactMap { Int64(String($0).trimmedSpaces) }
            return members.count >= 2 ? Joint(name: text, code: text, members: members) : nil
        }
        for r in 0..<table.rowCount where !column.isMissing(at: r) {
            if let levels, !levels[r] { continue }
            guard var joint = parsed[Int(codes[r])] else { continue }
            if let n = names?.value(at: r), case .text(let name) = n { joint.name = name }
            found[r] = joint
        }
        return found.isEmpty ? nil : found
    }

    /// Adds a note when some group of a result holds a joint return: which
    /// returns, and per group how many units stand for how many authorities.
    /// `what` names the operation ("summarise", "rank").
    static func check(_ table: Table, groups: Grouping?, keys: [Column] = [], what: String, _ env: StageEnvironment) {
        guard let joints = joints(in: table) else { return }
        let groupCount = max(groups?.groupCount ?? 1, 1)
        let group = { (row: Int) in groups.map { Int($0.groupOfRow[row]) } ?? 0 }
        let levels = table.column(named: "level").map { Compare.matches($0) { $0 == "Local authority" } }
        var units = [Int](repeating: 0, count: groupCount)
        var extra = [Int](repeating: 0, count: groupCount)  // authorities beyond one per unit
        var named: [String] = []
        for r in 0..<table.rowCount where levels?[r] ?? true {
            let g = group(r)
            units[g] += 1
            if let j = joints[r] {
                extra[g] += j.members.count - 1
                if !named.contains(j.label) { named.append(j.label) }
            }
        }
        var affected = (0..<groupCount).filter { extra[$0] > 0 }
        guard !affected.isEmpty else { return }
        func counts(_ g: Int) -> String {
            "\(NumberText.grouped(units[g])) \(units[g] == 1 ? "unit" : "units") for \(NumberText.grouped(units[g] + extra[g])) authorities"
        }
        var text = "\(what) counts each joint return once, as the DfE publishes it: "
            + Messages.andList(named) + (named.count == 1 ? " is one reporting unit" : " are one reporting unit each")
        if let groups, !keys.isEmpty, groupCount > 1 {
            // Groups in the order of their keys, as the result shows them.
            let order = RowOrder(columns: keys.map { ($0.gather(groups.firstRow), false) })
            let rank = order.sorted((0..<groupCount).map { Int32($0) }).enumerated().reduce(into: [Int: Int]()) {
                $0[Int($1.element)] = $1.offset
            }
            affected.sort { rank[$0]! < rank[$1]! }
            let label = { (g: Int) -> String in
                keys.map { $0.value(at: Int(groups.firstRow[g])).plainText }.joined(separator: " ")
            }
            if affected.count <= 4 {
                text += "; " + affected.map { "\(label($0)) has \(counts($0))" }.joined(separator: ", ")
            } else {
                let last = affected.last!
                text += "; each of the \(affected.count) groups that hold one (\(label(affected[0])) to \(label(last)))"
                    + " has fewer units than authorities, e.g. \(label(last)): \(counts(last))"
            }
        } else {
            text += "; the local-authority rows are \(counts(affected[0]))"
        }
        env.context.addNote(text)
    }
}

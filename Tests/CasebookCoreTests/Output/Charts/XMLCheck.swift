// A tiny XML well-formedness checker for the SVG tests (there is no XML parser
// without full Foundation): balanced tags, quoted attributes, escaped text.

/// A small XML well-formedness check: tags balance, attributes are quoted, and
/// text holds no bare "<" or "&" outside an entity.
enum XMLCheck {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func check(_ xml: String) throws(Failure) {
        let s = Array(xml.unicodeScalars)
        var i = 0
        var stack: [String] = []
        var roots = 0
        func fail(_ m: String) -> Failure { Failure(description: "\(m) at \(i)") }
        func entity(_ at: Int) -> Int? {
            var j = at + 1
            var name = ""
            while j < s.count, s[j] != ";", j - at < 12 {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            guard j < s.count, s[j] == ";" else { return nil }
            if ["amp", "lt", "gt", "quot", "apos"].contains(name) { return j + 1 }
            if name.hasPrefix("#"), name.count > 1 { return j + 1 }
            return nil
        }
        while i < s.count {
            if s[i] == "<" {
                if xml.unicodeScalars.dropFirst(i).starts(with: "<?".unicodeScalars) {
                    while i < s.count - 1, !(s[i] == "?" && s[i + 1] == ">") { i += 1 }
                    i += 2
                    continue
                }
                if xml.unicodeScalars.dropFirst(i).starts(with: "<!--".unicodeScalars) {
                    while i < s.count - 2, !(s[i] == "-" && s[i + 1] == "-" && s[i + 2] == ">") { i += 1 }
                    i += 3
                    continue
                }
                i += 1
                let closing = s[i] == "/"
                if closing { i += 1 }
                var name = ""
                while i < s.count, !" \n\t/>".unicodeScalars.contains(s[i]) {
                    name.unicodeScalars.append(s[i])
                    i += 1
                }
                if name.isEmpty { throw fail("empty tag name") }
                var selfClosing = false
                // Attributes: name="value" with no "<" inside and valid entities.
                while i < s.count, s[i] != ">" {
                    if s[i] == "/" {
                        selfClosing = true
                        i += 1
                        continue
                    }
                    if " \n\t".unicodeScalars.contains(s[i]) {
                        i += 1
                        continue
                    }
                    if closing { throw fail("attribute on closing tag </\(name)>") }
                    while i < s.count, s[i] != "=" {
                        if " >/<\"'".unicodeScalars.contains(s[i]) { throw fail("bad attribute in <\(name)>") }
                        i += 1
                    }
                    i += 1
                    guard i < s.count, s[i] == "\"" || s[i] == "'" else {
                        throw fail("unquoted attribute in <\(name)>")
                    }
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote {
                        if s[i] == "<" { throw fail("< in attribute") }
                        if s[i] == "&" {
                            guard let next = entity(i) else { throw fail("bare & in attribute") }
                            i = next
                            continue
                        }
                        i += 1
                    }
                    i += 1
                }
                guard i < s.count else { throw fail("unclosed tag <\(name)") }
                i += 1
                if closing {
                    guard stack.last == name else { throw fail("</\(name)> closes <\(stack.last ?? "nothing")>") }
                    stack.removeLast()
                } else if !selfClosing {
                    if stack.isEmpty { roots += 1 }
                    stack.append(name)
                } else if stack.isEmpty {
                    roots += 1
                }
            } else if s[i] == "&" {
                guard let next = entity(i) else { throw fail("bare & in text") }
                i = next
            } else {
                if s[i] == ">" && stack.isEmpty && roots == 0 { throw fail("stray >") }
                i += 1
            }
        }
        if !stack.isEmpty { throw Failure(description: "unclosed: \(stack)") }
        if roots != 1 { throw Failure(description: "\(roots) root elements") }
    }

    static func count(_ element: String, in xml: String) -> Int {
        xml.components(separatedBy: "<\(element) ").count - 1 + xml.components(separatedBy: "<\(element)>").count - 1
    }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [Substring] {
        split(separator: separator, omittingEmptySubsequences: false)
    }
}

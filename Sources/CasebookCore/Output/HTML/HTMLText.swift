// Text from data, made safe to put in HTML: every character that could start
// markup or end an attribute is an entity, and characters HTML forbids are
// dropped. Everything a CSV cell, a column name or a note says goes through
// here before it reaches a report; nothing from data is ever put in raw.

enum HTMLText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                // Controls other than tab and line breaks are not allowed in HTML text.
                if (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v < 0xA0) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

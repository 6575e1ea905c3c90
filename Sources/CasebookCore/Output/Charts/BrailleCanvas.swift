// A grid of character cells for text plots: braille dots at 2×4 per cell for
// lines and scattered points (ASCII: "."), and whole-cell markers drawn over them.

struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var dots: [UInt8]
    private var marks: [Character?]
    /// The series that drew each cell last (-1: none), to colour it.
    private var owners: [Int8]

    init(columns: Int, rows: Int) {
        self.columns = max(columns, 1)
        self.rows = max(rows, 1)
        dots = Array(repeating: 0, count: self.columns * self.rows)
        marks = Array(repeating: nil, count: self.columns * self.rows)
        owners = Array(repeating: -1, count: self.columns * self.rows)
    }

    /// Dot resolution: two across and four down per cell.
    var dotColumns: Int { columns * 2 }
    var dotRows: Int { rows * 4 }

    /// Bit of each dot in a braille cell, by [row][column] (Unicode's order).
    private static let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// Sets the dot at (`x`, `y`), counted from the top left; outside is ignored.
    mutating func dot(_ x: Int, _ y: Int, owner: Int = -1) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        dots[(y / 4) * columns + x / 2] |= Self.bits[y % 4][x % 2]
        if owner >= 0 { owners[(y / 4) * columns + x / 2] = Int8(clamping: owner) }
    }

    /// Dots from one point to another (Bresenham), ends included; `dashed`
    /// leaves out every other pair of dots, for a reference line.
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), owner: Int = -1, dashed: Bool = false) {
        var x = a.x
        var y = a.y
        let dx = abs(b.x - a.x)
        let dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1
        let sy = a.y < b.y ? 1 : -1
        var err = dx + dy
        var step = 0
        while true {
            if !dashed || step % 4 < 2 { dot(x, y, owner: owner) }
            step += 1
            if x == b.x && y == b.y { break }
            let e2 = 2 * err
            if e2 >= dy {
                err += dy
                x += sx
            }
            if e2 <= dx {
                err += dx
                y += sy
            }
        }
    }

    /// Puts `mark` in the cell holding dot (`x`, `y`), over any dots there.
    /// An earlier mark stays unless `replace`.
    mutating func mark(_ mark: Character, atDot x: Int, _ y: Int, replace: Bool = false, owner: Int = -1) {
        guard x >= 0, y >= 0, x < dotColumns, y < dotRows else { return }
        let i = (y / 4) * columns + x / 2
        if marks[i] == nil || replace {
            marks[i] = mark
            if owner >= 0 { owners[i] = Int8(clamping: owner) }
        }
    }

    /// One row of cells as text (trailing blanks kept: the caller trims).
    /// With `colour`, each run of cells drawn by one series is in its colour.
    func row(_ r: Int, unicode: Bool, colour: Bool = false) -> String {
        var out = ""
        var run = ""
        var runOwner: Int8 = -1
        func flush() {
            out += runOwner >= 0 && colour ? TerminalColour.paint(run, series: Int(runOwner)) : run
            run = ""
        }
        for c in 0..<columns {
            let i = r * columns + c
            let owner: Int8 = marks[i] == nil && dots[i] == 0 ? -1 : owners[i]
            if owner != runOwner {
                flush()
                runOwner = owner
            }
            if let m = marks[i] {
                run.append(m)
            } else if dots[i] == 0 {
                run.append(" ")
            } else if unicode {
                run.unicodeScalars.append(Unicode.Scalar(0x2800 + UInt32(dots[i]))!)
            } else {
                run.append(".")
            }
        }
        flush()
        return out
    }
}

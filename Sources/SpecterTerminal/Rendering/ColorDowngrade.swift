/// Brings a colour down to a terminal's depth: truecolor → the 256-colour palette → the 16 ANSI colours.
enum ColorDowngrade {
    static func color(_ color: Color, for depth: ColorDepth) -> Color {
        switch (color, depth) {
        case (_, .none): return .standard
        case (.standard, _), (.ansi, _): return color
        case (.indexed, .truecolor), (.indexed, .indexed256), (.rgb, .truecolor): return color
        case (.indexed(let index), .ansi16): return .ansi(ansi16(rgb(ofIndexed: index)))
        case (.rgb(let red, let green, let blue), .indexed256): return .indexed(indexed256(red, green, blue))
        case (.rgb(let red, let green, let blue), .ansi16): return .ansi(ansi16((red, green, blue)))
        }
    }

    /// The xterm palette entry nearest to an RGB colour (the 6×6×6 cube or the grey ramp).
    static func indexed256(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ value: UInt8) -> Int {
            levels.indices.min { abs(levels[$0] - Int(value)) < abs(levels[$1] - Int(value)) } ?? 0
        }
        let (r, g, b) = (nearestLevel(red), nearestLevel(green), nearestLevel(blue))
        let cube = 16 + 36 * r + 6 * g + b
        let cubeDistance = distance((levels[r], levels[g], levels[b]), (Int(red), Int(green), Int(blue)))
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = max(0, min(23, (average - 8 + 5) / 10))
        let grey = 8 + 10 * greyIndex
        let greyDistance = distance((grey, grey, grey), (Int(red), Int(green), Int(blue)))
        return UInt8(greyDistance < cubeDistance ? 232 + greyIndex : cube)
    }

    static func rgb(ofIndexed index: UInt8) -> (UInt8, UInt8, UInt8) {
        let value = Int(index)
        if value < 16 {
            let base = ansiPalette[value]
            return (UInt8(base.0), UInt8(base.1), UInt8(base.2))
        }
        if value >= 232 {
            let grey = UInt8(8 + 10 * (value - 232))
            return (grey, grey, grey)
        }
        let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
        let cube = value - 16
        return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    }

    /// The nearest of the 16 ANSI colours (by the usual xterm values).
    static func ansi16(_ color: (UInt8, UInt8, UInt8)) -> UInt8 {
        let target = (Int(color.0), Int(color.1), Int(color.2))
        return UInt8(ansiPalette.indices.min { distance(ansiPalette[$0], target) < distance(ansiPalette[$1], target) } ?? 7)
    }

    private static let ansiPalette: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let (dr, dg, db) = (a.0 - b.0, a.1 - b.1, a.2 - b.2)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }
}

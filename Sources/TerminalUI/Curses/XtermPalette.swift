/// The standard xterm 256-colour palette as RGB: 16 basic colours (xterm's defaults), the 6×6×6 cube
/// and the 24 greys. What `ColorMapper` measures distances against.
enum XtermPalette {
    /// An RGB triple with components 0...255.
    typealias RGB = (red: Int, green: Int, blue: Int)

    /// The six levels of each axis of the colour cube (indexes 16...231).
    static let cubeLevels = [0x00, 0x5F, 0x87, 0xAF, 0xD7, 0xFF]

    private static let basic: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The colour of palette entry `index`.
    static func rgb(_ index: UInt8) -> RGB {
        let value = Int(index)
        if value < 16 { return basic[value] }
        if value < 232 {
            let cube = value - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        }
        let grey = 8 + 10 * (value - 232)
        return (grey, grey, grey)
    }

    /// Squared distance between two colours.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = a.red - b.red, dg = a.green - b.green, db = a.blue - b.blue
        return dr * dr + dg * dg + db * db
    }
}

import Testing
@testable import TerminalUI

@Suite("Colour mapping onto the terminal")
struct ColorMapperTests {
    @Test("colour counts normalise to 0, 8, 16, 256")
    func counts() {
        #expect(ColorMapper(colorCount: 0).colorCount == 0)
        #expect(ColorMapper(colorCount: 2).colorCount == 0)
        #expect(ColorMapper(colorCount: 8).colorCount == 8)
        #expect(ColorMapper(colorCount: 88).colorCount == 16)
        #expect(ColorMapper(colorCount: 256).colorCount == 256)
        #expect(ColorMapper(colorCount: 16_777_216).colorCount == 256)
    }

    @Test("default is -1; no colours means -1 for everything")
    func defaults() {
        #expect(ColorMapper(colorCount: 256).cursesColor(.default) == -1)
        let none = ColorMapper(colorCount: 0)
        #expect(none.cursesColor(.indexed(1)) == -1)
        #expect(none.cursesColor(.rgb(255, 0, 0)) == -1)
    }

    @Test("indexes the terminal has pass through")
    func passThrough() {
        #expect(ColorMapper(colorCount: 8).cursesColor(.indexed(4)) == 4)
        #expect(ColorMapper(colorCount: 16).cursesColor(.indexed(12)) == 12)
        #expect(ColorMapper(colorCount: 256).cursesColor(.indexed(208)) == 208)
    }

    @Test("bright colours on 8 colours become the basic ones; bright black stays readable")
    func brightOnEight() {
        let eight = ColorMapper(colorCount: 8)
        #expect(eight.cursesColor(.indexed(9)) == 1)
        #expect(eight.cursesColor(.indexed(15)) == 7)
        #expect(eight.cursesColor(.indexed(8)) == 7)
    }

    @Test("256-palette entries on 8 and 16 colours: by hue, greys by lightness")
    func paletteDegrades() {
        let eight = ColorMapper(colorCount: 8), sixteen = ColorMapper(colorCount: 16)
        #expect(eight.cursesColor(.indexed(17)) == 4)     // navy stays blue
        #expect(eight.cursesColor(.indexed(208)) == 3)    // orange → yellow
        #expect(eight.cursesColor(.indexed(22)) == 2)     // dark green
        #expect(eight.cursesColor(.indexed(232)) == 0)    // near black
        #expect(eight.cursesColor(.indexed(255)) == 7)    // near white
        #expect(sixteen.cursesColor(.indexed(196)) == 9)  // pure red → bright red
        #expect(sixteen.cursesColor(.indexed(124)) == 1)  // dark red
        #expect(sixteen.cursesColor(.indexed(244)) == 8)  // mid grey
        #expect(sixteen.cursesColor(.indexed(231)) == 15) // white
        #expect(sixteen.cursesColor(.indexed(213)) == 13) // pink → bright magenta
    }

    @Test("truecolour to the nearest xterm-256 entry")
    func rgbTo256() {
        let full = ColorMapper(colorCount: 256)
        #expect(full.cursesColor(.rgb(255, 0, 0)) == 196)
        #expect(full.cursesColor(.rgb(0, 0x5F, 0xAF)) == 25)   // exact cube entry
        #expect(full.cursesColor(.rgb(128, 128, 128)) == 244)  // grey ramp beats the cube
        #expect(full.cursesColor(.rgb(0, 0, 0)) == 16)
        #expect(full.cursesColor(.rgb(250, 250, 250)) == 231)
        #expect(full.cursesColor(.rgb(1, 2, 3)) == 16)
    }

    @Test("truecolour on 8 and 16 colours")
    func rgbToBasic() {
        #expect(ColorMapper(colorCount: 8).cursesColor(.rgb(0x20, 0x40, 0xA0)) == 4)
        #expect(ColorMapper(colorCount: 16).cursesColor(.rgb(0x80, 0xFF, 0x80)) == 10)
        #expect(ColorMapper(colorCount: 8).cursesColor(.rgb(0xF0, 0xF0, 0xF0)) == 7)
    }

    @Test("a glyph keeps zero-width scalars after its first, and ends at a ZWJ")
    func glyphs() {
        #expect(CellGlyph.wideCharacters(of: "a") == [0x61, 0])
        #expect(CellGlyph.wideCharacters(of: "e\u{301}") == [0x65, 0x301, 0])
        #expect(CellGlyph.wideCharacters(of: "👩‍💻") == [0x1F469, 0])
        #expect(CellGlyph.wideCharacters(of: "❤️") == [0x2764, 0xFE0F, 0])
        #expect(CellGlyph.wideCharacters(of: "") == [0x20, 0])
        #expect(CellGlyph.wideCharacters(of: "\u{1B}") == [0x3F, 0])
    }
}

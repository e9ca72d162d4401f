import Testing
@testable import TerminalUI

@Suite("Line editor")
struct LineEditorTests {
    private func type(_ editor: inout LineEditor, _ keys: [Key]) {
        for key in keys {
            let handled = editor.handle(key)
            #expect(handled)
        }
    }

    @Test("inserts at the cursor; arrows, Home/End and readline keys move and delete")
    func editing() {
        var editor = LineEditor("kubectl rollout undo")
        #expect(editor.cursor == 20)
        type(&editor, [.home, .right, .right, .char("X")])
        #expect(editor.text == "kuXbectl rollout undo")
        type(&editor, [.backspace, .end, .char(" "), .char("-"), .char("n")])
        #expect(editor.text == "kubectl rollout undo -n")
        type(&editor, [.ctrl("w")])
        #expect(editor.text == "kubectl rollout undo ")
        type(&editor, [.ctrl("a"), .delete])
        #expect(editor.text == "ubectl rollout undo ")
        type(&editor, [.right, .right, .ctrl("k")])
        #expect(editor.text == "ub")
        type(&editor, [.ctrl("u")])
        #expect(editor.text == "" && editor.cursor == 0)
        type(&editor, [.backspace, .left, .delete, .char("日"), .char("é")])
        #expect(editor.text == "日é")
        let enter = editor.handle(.enter), escape = editor.handle(.escape)
        #expect(!enter && !escape)
    }

    @Test("never grows past its limit")
    func limit() {
        var editor = LineEditor(String(repeating: "x", count: LineEditor.limit + 10))
        #expect(editor.characters.count == LineEditor.limit)
        _ = editor.handle(.char("y"))
        #expect(editor.characters.count == LineEditor.limit)
    }
}

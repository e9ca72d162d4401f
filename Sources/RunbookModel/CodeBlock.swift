/// A fenced or indented code block: runnable shell, or a template that is shown but never executed.
public struct CodeBlock: Equatable, Sendable {
    /// What the player may do with the block.
    public enum Role: String, Sendable, Codable {
        /// Shell commands the player can run.
        case runnable
        /// A message, report or config snippet to copy; never executed.
        case template
    }

    /// Line of the opening fence (or first line of an indented block).
    public var line: Int
    /// Line of the first body line.
    public var bodyLine: Int
    /// The fence's language and Runme-style attributes.
    public var fence: FenceInfo
    /// The block's text as written (trailing newline removed).
    public var body: String
    public var role: Role
    /// A `#!` script or one using `$1`-style arguments: runs only as a whole.
    public var isScript: Bool
    /// Logical commands in source order; for a script, a single command holding the whole body.
    public var commands: [Command]
    /// `# comment` lines that stand alone in the block: manual instructions.
    public var manualSteps: [ManualStep]
    /// Task items found inside a Markdown template (```markdown with `- [ ]`).
    public var embeddedChecklist: [ListItem]

    public init(
        line: Int, bodyLine: Int, fence: FenceInfo, body: String, role: Role, isScript: Bool = false,
        commands: [Command] = [], manualSteps: [ManualStep] = [], embeddedChecklist: [ListItem] = []
    ) {
        self.line = line
        self.bodyLine = bodyLine
        self.fence = fence
        self.body = body
        self.role = role
        self.isScript = isScript
        self.commands = commands
        self.manualSteps = manualSteps
        self.embeddedChecklist = embeddedChecklist
    }

    /// The whole block as one command, as "run block" executes it.
    public var wholeBlock: String { body }
}

/// A stand-alone `# comment` group inside a runnable block: something the operator does by hand.
public struct ManualStep: Equatable, Sendable, Codable {
    public var line: Int
    public var text: String
    public init(line: Int, text: String) {
        self.line = line
        self.text = text
    }
}

/// One runnable logical command (a line, a continued line, a heredoc, a compound command, or a whole script).
public struct Command: Equatable, Sendable {
    public var text: String
    /// The `# comment` that labels it ("1. Check current state").
    public var label: String?
    /// A trailing comment ("Should return old version number").
    public var note: String?
    public var line: Int
    public var endLine: Int
    /// Values the operator must supply before it runs.
    public var placeholders: [Placeholder]
    /// Why the command is destructive (empty when it is not).
    public var dangers: [DangerReason]
    /// For `console` blocks: the output the runbook shows after the prompt.
    public var expectedOutput: String?
    /// Runme `excludeFromRunAll` and friends, inherited from the block.
    public var fence: FenceInfo
    /// Shell variables the command assigns (`export X=`, `X=$(...)`, `read X`), for later commands.
    public var assignedVariables: [String]
    /// Shell variables the command reads, assigned or not.
    public var referencedVariables: [String]

    public init(
        text: String, label: String? = nil, note: String? = nil, line: Int, endLine: Int,
        placeholders: [Placeholder] = [], dangers: [DangerReason] = [], expectedOutput: String? = nil,
        fence: FenceInfo = FenceInfo(), assignedVariables: [String]? = nil, referencedVariables: [String]? = nil
    ) {
        self.text = text
        self.label = label
        self.note = note
        self.line = line
        self.endLine = endLine
        self.placeholders = placeholders
        self.dangers = dangers
        self.expectedOutput = expectedOutput
        self.fence = fence
        self.assignedVariables = assignedVariables ?? ShellVariables.assigned(in: text)
        self.referencedVariables = referencedVariables ?? ShellVariables.referenced(in: text)
    }

    public var isDangerous: Bool { !dangers.isEmpty }

    /// A command whose placeholders, dangers and variables were read from its text.
    init(
        text: String, label: String? = nil, note: String? = nil, line: Int, endLine: Int, facts: CommandTextFacts,
        expectedOutput: String? = nil, fence: FenceInfo
    ) {
        self.init(
            text: text, label: label, note: note, line: line, endLine: endLine, placeholders: facts.placeholders,
            dangers: facts.dangers, expectedOutput: expectedOutput, fence: fence,
            assignedVariables: facts.assignedVariables, referencedVariables: facts.referencedVariables)
    }
}

/// A value the operator must fill in: `$SERVICE` the runbook never assigns, `<revision>`, `[backup-id]`.
public struct Placeholder: Equatable, Hashable, Sendable, Codable {
    /// How the placeholder is written.
    public enum Syntax: String, Sendable, Codable {
        case variable       // $NAME or ${NAME}
        case angle          // <name>
        case square         // [name]
    }
    public var name: String
    public var syntax: Syntax

    public init(name: String, syntax: Syntax) {
        self.name = name
        self.syntax = syntax
    }

    /// The placeholder as written in the runbook.
    public var token: String {
        switch syntax {
        case .variable: "$" + name
        case .angle: "<" + name + ">"
        case .square: "[" + name + "]"
        }
    }
}

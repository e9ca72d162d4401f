/// A blank a runbook asks the operator to fill in: "Error rate: ____%", "Core features broken: Yes/No".
///
/// Produced by ``FillInFieldParser``. A blank field has empty `choices`; a choice field has 2-5
/// `choices` and no `unit`.
public struct FillInField: Equatable, Hashable, Sendable, Codable {
    /// What is asked for, without emphasis or the trailing colon: "Error rate".
    public var label: String
    /// A unit written right at the blank ("%" in "____%", "ms" in "____ms", "$" in "$____"), if any.
    public var unit: String?
    /// The options of a choice field ("Yes", "No"); empty for a free-text blank.
    public var choices: [String]

    /// Creates a field.
    public init(label: String, unit: String? = nil, choices: [String] = []) {
        self.label = label
        self.unit = unit
        self.choices = choices
    }
}

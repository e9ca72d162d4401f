import RunbookModel
import SessionEngine

/// How a choice among alternatives is written in the log, so the outline can tell which alternative
/// was taken: the group is named by its section ids ("alternatives:3.1,3.2,3.3"), the choice starts with
/// the taken section's id ("3.2 Via kubectl").
public enum DecisionKey {
    public static func groupID(_ group: AlternativeGroup) -> String {
        "alternatives:" + group.sectionIDs.joined(separator: ",")
    }

    /// Ids of the sections taken by decisions in `state`.
    public static func takenSections(_ state: SessionState) -> Set<String> {
        var taken = Set<String>()
        for decision in state.decisions where decision.groupID?.hasPrefix("alternatives:") == true {
            if let id = decision.choice.split(separator: " ").first { taken.insert(String(id)) }
        }
        return taken
    }
}

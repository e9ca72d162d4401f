import CCmarkGFM
import Dispatch

/// What a parse does with its large intermediate values (the cmark-gfm tree, the list of Markdown
/// nodes) once the runbook is built.
public enum IntermediateMemory: Sendable {
    /// They are freed on a background thread: tearing down a tree of many small values takes time
    /// nothing needs to wait for. The default.
    case freeInBackground
    /// They stay allocated: for a process that exits right after parsing (`runbook check`), where the
    /// memory goes back with the process and freeing it first is wasted work.
    case keepUntilExit

    /// Lets go of `value` as the policy says; the caller keeps no reference to it.
    func release<Value>(_ value: consuming Value) {
        let box = Unmanaged.passRetained(Box(value))
        guard self == .freeInBackground else { return }
        nonisolated(unsafe) let owned = box
        DispatchQueue.global(qos: .utility).async { owned.release() }
    }

    /// Frees a cmark-gfm tree as the policy says.
    func free(_ document: OpaquePointer) {
        guard self == .freeInBackground else { return }
        nonisolated(unsafe) let tree = document
        DispatchQueue.global(qos: .utility).async { cmark_node_free(tree) }
    }

    private final class Box<Stored> {
        let stored: Stored
        init(_ stored: consuming Stored) { self.stored = stored }
    }
}

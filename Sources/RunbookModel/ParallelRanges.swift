import Dispatch
import Foundation

/// Splits independent work over consecutive ranges of indexes and runs the ranges on all cores.
/// Used for the per-node and per-section passes over large runbooks; small inputs run inline.
enum ParallelRanges {
    /// Inputs with fewer items than this run on the calling thread.
    static let minimumCount = 64
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// The ranges `0..<count` is cut into: about `rangesPerCore` per core, so uneven ranges balance out.
    static func ranges(_ count: Int, rangesPerCore: Int = 8) -> [Range<Int>] {
        guard count >= minimumCount else { return count == 0 ? [] : [0..<count] }
        let parts = min(count, rangesPerCore * cores)
        return (0..<parts).map { part in (part * count / parts)..<((part + 1) * count / parts) }
    }

    /// `transform` of each range of `0..<count`, in order.
    static func map<T>(_ count: Int, _ transform: (Range<Int>) -> T) -> [T] {
        let parts = ranges(count)
        guard parts.count > 1 else { return parts.map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: parts.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            nonisolated(unsafe) let output = results
            DispatchQueue.concurrentPerform(iterations: parts.count) { part in
                output[part] = transform(parts[part])
            }
        }
        return results.map { $0! }
    }

    /// Calls `body` with each range of `0..<count`, on all cores.
    static func forEach(_ count: Int, _ body: (Range<Int>) -> Void) {
        _ = map(count) { body($0) }
    }
}

/// Terminal output waiting to be written, grouped per command in order of first appearance.
///
/// Flushing turns each command's bytes into one `output` event (split only when a command has more
/// than `IncidentLogWriter.maximumOutputEventBytes` waiting), so interleaving *between* commands within
/// one flush window is not kept, while the order of each command's bytes always is.
struct OutputBuffer {
    struct Chunk {
        var command: String
        var bytes: [UInt8]
    }

    private(set) var chunks: [Chunk] = []
    /// Total bytes waiting across all commands.
    private(set) var byteCount = 0

    var isEmpty: Bool { byteCount == 0 }

    /// Adds `bytes` printed by `command`.
    mutating func append(command: String, bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        byteCount += bytes.count
        if let last = chunks.indices.last, chunks[last].command == command {
            chunks[last].bytes.append(contentsOf: bytes)
            return
        }
        if let index = chunks.firstIndex(where: { $0.command == command }) {
            chunks[index].bytes.append(contentsOf: bytes)
            return
        }
        chunks.append(Chunk(command: command, bytes: Array(bytes)))
    }

    /// Removes and returns everything waiting.
    mutating func takeAll() -> [Chunk] {
        let taken = chunks
        chunks = []
        byteCount = 0
        return taken
    }

    /// Puts back chunks that could not be written, ahead of anything added since.
    mutating func restore(_ unwritten: [Chunk]) {
        var merged = unwritten
        for chunk in chunks {
            if let index = merged.firstIndex(where: { $0.command == chunk.command }) {
                merged[index].bytes.append(contentsOf: chunk.bytes)
            } else {
                merged.append(chunk)
            }
        }
        chunks = merged
        byteCount = merged.reduce(0) { $0 + $1.bytes.count }
    }
}

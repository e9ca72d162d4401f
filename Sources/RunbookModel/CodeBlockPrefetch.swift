import CCmarkGFM
import Dispatch
import Synchronization

/// Analyses code blocks on another thread while cmark-gfm parses the same Markdown on this one.
///
/// A worker scans the text with `FenceScanner` for where the fenced blocks are and analyses these
/// guesses in source order.
/// When cmark-gfm is done, `finish()` stops the worker (guesses it has not started are dropped) and
/// hands over what it analysed. A result is used only for a block whose line, info string and body are
/// byte for byte the guess's: `CodeBlockAnalyzer.analyze` depends on nothing else, so it is exactly
/// the analysis of that block. Everything else is analysed as usual.
final class CodeBlockPrefetch: Sendable {
    /// Below this size the text is parsed too fast for a second thread to pay off.
    static let minimumTextBytes = 64 * 1024

    private let text: String
    // Written by the worker only, read by `finish()` after the worker is done.
    private nonisolated(unsafe) var guesses: [FenceScanner.Guess] = []
    /// One slot per guess; slot `i` is written only by whoever took index `i` from `next`.
    private nonisolated(unsafe) var results = UnsafeMutableBufferPointer<CodeBlock?>(start: nil, count: 0)
    /// The next guess to analyse; `finish()` sets it past every guess.
    private let next = Atomic<Int>(0)
    private static let stopped = Int.max / 2
    private let worker = DispatchGroup()

    /// Starts scanning `text` and analysing its guessed blocks in the background.
    init(text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        // A nested parse on the worker must not race the main parse's first use of the extension registry.
        cmark_gfm_core_extensions_ensure_registered()
        worker.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            analyseGuesses()
            worker.leave()
        }
    }

    deinit {
        results.deinitialize()
        results.deallocate()
    }

    private func analyseGuesses() {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guesses = FenceScanner.scan(bytes)
            results = .allocate(capacity: guesses.count)
            results.initialize(repeating: nil)
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < guesses.count else { return }
                let guess = guesses[index]
                results[index] = CodeBlockAnalyzer.analyze(
                    info: Self.string(bytes, guess.info), body: Self.string(bytes, guess.body), line: guess.line,
                    fenced: true)
            }
        }
    }

    /// A block analysed from a guess, with the info string it was analysed with.
    struct Result {
        var info: String
        var block: CodeBlock

        /// Whether this is the analysis of the block cmark-gfm found with `info` and `body` on the line
        /// of `block` (byte for byte: `==` on strings would also accept other encodings of the text).
        func isAnalysis(info: String, body: String, fenced: Bool) -> Bool {
            fenced && ByteSearch.sameBytes(info, self.info) && ByteSearch.sameBytes(body, block.body)
        }
    }

    /// Stops the worker after the guess it is on and hands over the analysed blocks by line (once).
    func finish() -> [Int: Result] {
        let taken = next.exchange(Self.stopped, ordering: .relaxed)
        worker.wait()
        let started = min(taken, guesses.count)
        var blocks: [Int: Result] = [:]
        blocks.reserveCapacity(started)
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for index in 0..<started {
                guard let block = results[index].take() else { continue }
                blocks[guesses[index].line] = Result(info: Self.string(bytes, guesses[index].info), block: block)
            }
        }
        return blocks
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}

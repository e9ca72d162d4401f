/// "Did you mean ...?" for misspelt role names and keys: the closest candidate within a small edit
/// distance, if there is exactly one best.
enum ThemeSuggestion {
    /// The candidate nearest to `word` (at most 2 edits, or 3 for long words), or nil.
    static func nearest(to word: String, in candidates: [String]) -> String? {
        let limit = word.count > 8 ? 3 : 2
        var best: (name: String, distance: Int)?
        var tie = false
        for candidate in candidates {
            let distance = editDistance(word.lowercased(), candidate)
            guard distance <= limit else { continue }
            if let current = best, distance >= current.distance {
                if distance == current.distance { tie = true }
                continue
            }
            best = (candidate, distance)
            tie = false
        }
        return tie ? nil : best?.name
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a), right = Array(b)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = Array(repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let cost = left[i - 1] == right[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}

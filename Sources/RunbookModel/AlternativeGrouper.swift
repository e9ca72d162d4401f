/// Finds sibling sections that are options of one choice, so the player can offer "pick one":
/// - "Option A: ...", "Option 2 - ...", "Method B", "Approach 1" (option labels);
/// - "Via ArgoCD", "Via Helm", "Using Terraform" (via labels);
/// - platform or deployment-pattern names such as Kubernetes / Docker Compose / AWS ECS / Canary;
/// - otherwise the children of a parent titled like a chooser ("... by Platform", "Options", "Choose ...").
/// A group needs at least two consecutive siblings; a section belongs to at most one group.
enum AlternativeGrouper {
    static let optionWords: Set<String> = ["option", "alternative", "method", "approach", "strategy", "path", "plan", "choice"]
    static let viaWords: Set<String> = ["via", "using"]
    static let platformNames: Set<String> = [
        "kubernetes", "k8s", "docker", "docker compose", "docker-compose", "docker swarm", "swarm", "aws ecs",
        "ecs", "eks", "aws eks", "aws lambda", "lambda", "nomad", "heroku", "systemd", "vm", "vms",
        "virtual machines", "bare metal", "bare-metal", "gcp", "gke", "cloud run", "azure", "aks", "helm",
        "argocd", "argo cd", "flux", "terraform", "ansible", "openshift", "blue-green", "blue/green",
        "blue green", "canary", "rolling", "rolling update", "recreate", "feature flag", "feature flags",
        "cloudformation", "app engine", "elastic beanstalk", "linux", "windows", "macos", "ec2", "aws ec2",
        "fargate", "serverless", "static site", "cdn",
    ]
    /// Words that may follow a platform name in a title ("Kubernetes rollback").
    static let genericDeploymentWords: Set<String> = ["rollback", "deployment", "deployments", "deploy", "release"]
    static let chooserHints = ["by platform", "by environment", "by pattern", "by provider", "by method",
                               "options", "alternatives", "methods", "choose", "pick one", "select one"]

    /// The sibling rules, strongest first.
    private struct Rule: Sendable {
        var reason: AlternativeGroup.Reason
        var matches: @Sendable ([String]) -> Bool
    }
    private static let rules: [Rule] = [
        Rule(reason: .optionLabels, matches: isOptionLabel),
        Rule(reason: .viaLabels, matches: isViaLabel),
        Rule(reason: .platforms, matches: isPlatformName),
    ]

    static func groups(in sections: [Section]) -> [AlternativeGroup] {
        groups(in: sections, parentID: nil, parentIsChooser: { false })
    }

    /// Groups among `sections` (the children of `parentID`), then inside each of their sub-trees.
    private static func groups(
        in sections: [Section], parentID: String?, parentIsChooser: () -> Bool
    ) -> [AlternativeGroup] {
        var result: [AlternativeGroup] = []
        var taken = Set<Int>()
        let titleWords = sections.map { words($0.title) }
        for rule in rules {
            let reason = rule.reason, matches = rule.matches
            var run: [Int] = []
            func flush() {
                if run.count >= 2 {
                    result.append(AlternativeGroup(parentID: parentID, sectionIDs: run.map { sections[$0].id }, reason: reason))
                    taken.formUnion(run)
                }
                run = []
            }
            for index in sections.indices {
                if !taken.contains(index), matches(titleWords[index]) { run.append(index) } else { flush() }
            }
            flush()
        }
        if result.isEmpty, let parentID, sections.count >= 2, parentIsChooser() {
            result.append(AlternativeGroup(parentID: parentID, sectionIDs: sections.map(\.id), reason: .chooserParent))
        }
        // The sub-trees are independent: all cores group ranges of them; results keep source order.
        for part in ParallelRanges.map(sections.count, { range in
            range.flatMap { index in
                groups(in: sections[index].children, parentID: sections[index].id,
                       parentIsChooser: { isChooser(sections[index]) })
            }
        }) {
            result += part
        }
        return result
    }

    /// The title's first words (at most `maximumWords`: no rule looks further), lower-cased, with
    /// emphasis, numbering and parenthesised remarks removed.
    static func words(_ title: String) -> [String] {
        if title.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(title) }
        var text = title.lowercased()
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        return text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" && $0 != "/" && $0 != "." })
            .prefix(maximumWords).map(String.init)
    }

    /// Rules read two words at most, and only need to know whether there are more than four.
    static let maximumWords = 5

    /// `words(_:)` of an ASCII title, on bytes: letters are A-Z and a-z, numbers 0-9.
    private static func asciiWords(_ title: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        func flush() {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in title.utf8 {
            if byte == UInt8(ascii: "(") || words.count == maximumWords { break }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39)
                || lower == UInt8(ascii: "-") || lower == UInt8(ascii: "/") || lower == UInt8(ascii: ".") {
                word.append(lower)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static func isOptionLabel(_ words: [String]) -> Bool {
        guard words.count >= 2, optionWords.contains(words[0]) else { return false }
        let marker = words[1]
        return (marker.count == 1 && marker.first!.isLetter) || marker.allSatisfy(\.isNumber)
    }

    static func isViaLabel(_ words: [String]) -> Bool {
        return words.count >= 2 && viaWords.contains(words[0])
    }

    static func isPlatformName(_ words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= 4 else { return false }
        if words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) { return isASCIIPlatformName(words) }
        let name = words.joined(separator: " ")
        if platformNames.contains(name) { return true }
        // "Kubernetes rollback", "Canary deployment": a platform name followed by one generic word.
        let parts = name.split(separator: " ")
        guard parts.count >= 2 else { return false }
        let head = parts.dropLast().joined(separator: " ")
        return platformNames.contains(head) && genericDeploymentWords.contains(String(parts.last!))
    }

    /// `isPlatformName` of ASCII words (which hold no space): the joined name splits back into them.
    private static func isASCIIPlatformName(_ words: [String]) -> Bool {
        if words.count == 1 { return platformNames.contains(words[0]) }
        if genericDeploymentWords.contains(words[words.count - 1]),
           platformNames.contains(words.dropLast().joined(separator: " ")) {
            return true
        }
        return platformNames.contains(words.joined(separator: " "))
    }

    static func isChooser(_ section: Section) -> Bool {
        let title = section.title.lowercased()
        if chooserHints.contains(where: title.containsBytes) { return true }
        return section.blocks.prefix(4).contains { block in
            guard case .paragraph(let paragraph) = block else { return false }
            let lowered = paragraph.text.lowercased()
            return lowered.containsBytes("choose") || lowered.containsBytes("pick one") || lowered.containsBytes("select one")
        }
    }
}

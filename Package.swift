// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "runbook",
    products: [
        .executable(name: "runbook", targets: ["runbook"]),
        .library(name: "RunbookModel", targets: ["RunbookModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Debian's libcmark-gfm-dev + libcmark-gfm-extensions-dev, bound through a module map.
        .systemLibrary(name: "CCmarkGFM", path: "Sources/CCmarkGFM"),
        .target(name: "RunbookModel", dependencies: ["CCmarkGFM"]),
        // Debian's libvterm-dev: the terminal emulator behind the output pane.
        .systemLibrary(name: "CVTerm", path: "Sources/CVTerm", pkgConfig: "vterm", providers: [.apt(["libvterm-dev"])]),
        // Debian's libncurses-dev (ncursesw): the real terminal behind the player.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses", providers: [.apt(["libncurses-dev"])]),
        // The terminal front: view model into a cell grid, panes, themes, keys, libvterm output pane, curses
        // backend. Renders session state; never spawns a process.
        .target(name: "TerminalUI", dependencies: ["CVTerm", "CNcurses", "RunbookModel", "SessionEngine"]),
        // Append-only JSONL incident log: fsync, hash chain, reader, verifier. Knows nothing of the UI.
        .target(name: "IncidentLog"),
        // Test helper: writes a log until killed, for IncidentLogTests' crash test.
        .executableTarget(name: "logtool", dependencies: ["IncidentLog"]),
        // forkpty-style spawning, waitpid decoding, process-group signals.
        .target(name: "CPTY"),
        // Session state machine, PTY runner, timers, variables. Never imports curses.
        .target(name: "SessionEngine", dependencies: ["CPTY", "RunbookModel", "IncidentLog"]),
        // Test helper: a process that installs the player's signal handlers, for no-orphan tests.
        .executableTarget(name: "pty-harness", dependencies: ["SessionEngine"]),
        .executableTarget(
            name: "runbook",
            dependencies: [
                "RunbookModel",
                "SessionEngine",
                "IncidentLog",
                "TerminalUI",
                "CPTY",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "RunbookModelTests", dependencies: ["RunbookModel"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "RunbookModel", "SessionEngine", "IncidentLog"], exclude: ["Snapshots"]),
        .testTarget(name: "IncidentLogTests", dependencies: ["IncidentLog", "logtool"]),
        .testTarget(name: "SessionEngineTests", dependencies: ["SessionEngine", "pty-harness"]),
        .testTarget(name: "RunbookCLITests", dependencies: ["runbook", "RunbookModel"]),
    ]
)

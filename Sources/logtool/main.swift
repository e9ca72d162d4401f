import Foundation
import IncidentLog

// Test helper for IncidentLogTests' crash test: `logtool crash-drill PATH SEED` appends events to a
// log in a loop until it is killed (kill -9 at a random moment is the point of the test).
let arguments = CommandLine.arguments
guard arguments.count >= 3, arguments[1] == "crash-drill" else {
    print("usage: logtool crash-drill PATH [SEED]")
    exit(2)
}
try LogCrashDrill.run(path: arguments[2], seed: arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1)

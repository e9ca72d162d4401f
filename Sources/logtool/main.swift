import Foundation
import IncidentLog

// Development helper for the IncidentLog tests and benchmarks:
//   logtool crash-drill PATH [SEED]          append events until killed (IncidentLogTests' crash test)
//   logtool generate PATH MEGABYTES [SEED]   write a realistic log of about that size (bench/replay.sh)
//   logtool index-bench PATH [RUNS]          time LogIndex.build against wc -l, and seeks (bench/replay.sh)
let arguments = CommandLine.arguments
let usage = "usage: logtool crash-drill PATH [SEED] | generate PATH MEGABYTES [SEED] | index-bench PATH [RUNS]"
guard arguments.count >= 3 else {
    print(usage)
    exit(2)
}
do {
    switch arguments[1] {
    case "crash-drill":
        try LogCrashDrill.run(path: arguments[2], seed: arguments.count > 3 ? UInt64(arguments[3]) ?? 1 : 1)
    case "generate":
        guard arguments.count >= 4, let megabytes = Int(arguments[3]), megabytes > 0 else {
            print(usage)
            exit(2)
        }
        try BenchLog.generate(path: arguments[2], megabytes: megabytes, seed: arguments.count > 4 ? UInt64(arguments[4]) ?? 1 : 1)
    case "index-bench":
        try BenchLog.indexBench(path: arguments[2], runs: arguments.count > 3 ? max(1, Int(arguments[3]) ?? 5) : 5)
    default:
        print(usage)
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("logtool: \(error)\n".utf8))
    exit(1)
}

// How much memory a load may use: half of the tightest of every limit the
// process is under. /proc/meminfo's MemAvailable alone ignores a container's
// cgroup limit and `ulimit -v`, so a large load under one of those aborted
// with "failed to allocate" instead of a clear refusal.
//
// - the machine: MemAvailable in /proc/meminfo;
// - a cgroup v2 container: memory.max − memory.current of the process's cgroup;
// - a cgroup v1 container: memory.limit_in_bytes − memory.usage_in_bytes;
// - `ulimit -v` (RLIMIT_AS): the limit − the address space already mapped.
//
// The readers are small pure functions over the files' text, so each is tested
// on its own (MemoryBudgetTests); `current()` puts them together.

import Glibc

enum MemoryBudget {
    /// What a load may use now, or nil when no limit is known.
    public static func current() -> Int? {
        let limits = [machine(), cgroup(), addressSpace()].compactMap { $0 }
        return limits.min().map { max(0, $0) / 2 }
    }

    /// The limits one by one, for messages and tests.
    static func machine() -> Int? { read("/proc/meminfo").flatMap(memAvailable) }

    static func cgroup() -> Int? {
        guard let membership = read("/proc/self/cgroup") else { return nil }
        if let path = cgroupV2Path(membership) {
            let base = "/sys/fs/cgroup" + (path == "/" ? "" : path)
            if let max = read(base + "/memory.max"), let current = read(base + "/memory.current"),
                let room = cgroupRoom(limit: max, usage: current)
            {
                return room
            }
        }
        if let path = cgroupV1MemoryPath(membership) {
            let base = "/sys/fs/cgroup/memory" + (path == "/" ? "" : path)
            if let limit = read(base + "/memory.limit_in_bytes"), let usage = read(base + "/memory.usage_in_bytes") {
                return cgroupRoom(limit: limit, usage: usage)
            }
        }
        return nil
    }

    static func addressSpace() -> Int? {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_AS.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        let mapped = read("/proc/self/statm").flatMap { statmPages($0) }.map { $0 * Int(sysconf(Int32(_SC_PAGESIZE))) } ?? 0
        return Int(clamping: limit.rlim_cur) - mapped - addressSpaceReserve
    }

    /// Address space a load takes beyond its data under `ulimit -v`: the
    /// reader's second thread (its stack and its malloc arena are mapped, used
    /// or not). Measured: a 23 MB file needs about 130 MB of address space.
    static let addressSpaceReserve = 64 << 20

    // MARK: - Reading the files' text

    /// MemAvailable in bytes ("MemAvailable:   123456 kB").
    static func memAvailable(_ meminfo: String) -> Int? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            return Int(line.filter(\.isNumber)).map { $0 * 1024 }
        }
        return nil
    }

    /// The unified hierarchy's path ("0::/user.slice/…").
    static func cgroupV2Path(_ membership: String) -> String? {
        membership.split(separator: "\n").first { $0.hasPrefix("0::") }.map { String($0.dropFirst(3)) }
    }

    /// The v1 memory controller's path ("7:memory:/docker/…").
    static func cgroupV1MemoryPath(_ membership: String) -> String? {
        for line in membership.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count == 3, parts[1].split(separator: ",").contains("memory") { return String(parts[2]) }
        }
        return nil
    }

    /// Room left under a cgroup limit; nil for no limit ("max", or v1's
    /// near-2^63 "unlimited").
    static func cgroupRoom(limit: String, usage: String) -> Int? {
        let l = limit.filter { !$0.isWhitespace }, u = usage.filter { !$0.isWhitespace }
        guard l != "max", let limitBytes = Int(l), limitBytes < 1 << 60 else { return nil }
        return limitBytes - (Int(u) ?? 0)
    }

    /// The address space in pages: /proc/self/statm's first field.
    static func statmPages(_ statm: String) -> Int? {
        statm.split(separator: " ").first.flatMap { Int($0) }
    }

    /// A small text file's contents (the /proc and /sys files are a few lines).
    static func read(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, f) }
            if n <= 0 { break }
            out += buffer[0..<n]
            if out.count > 1 << 20 { break }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Exit statuses of `kadsim put` and `kadsim get` besides 0 (done).
public enum CommandExitStatus {
    /// A get that completed without finding the key.
    public static let notFound: Int32 = 1
    /// Bad arguments, a port in use, an unreachable bootstrap node, or a failed operation.
    public static let error: Int32 = 2
}

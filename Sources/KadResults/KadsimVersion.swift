/// The version of kadsim, stored with every run (`runs.kadsim_version`) and printed by `kadsim --version`.
public enum KadsimVersion {
    public static let current = "0.1.0"
}

import KadSim

extension SummaryStatistics {
    /// The same statistics in another unit (a share as a percentage: `scaled(by: 100)`).
    func scaled(by factor: Double) -> SummaryStatistics {
        var scaled = self
        scaled.mean *= factor
        scaled.standardDeviation *= factor
        scaled.halfWidth95 = halfWidth95.map { $0 * factor }
        return scaled
    }
}

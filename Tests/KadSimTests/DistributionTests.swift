import Foundation
import KademliaCore
import Testing

@testable import KadSim

@Suite("Duration distributions")
struct DistributionTests {
    static let draws = 100_000

    static let targets: [DurationDistribution] = [
        .uniform(min: 10 * Time.millisecond, max: 80 * Time.millisecond),
        .exponential(mean: 30 * Time.minute),
        .weibull(shape: 0.5, median: 30 * Time.minute),
        .weibull(shape: 2, median: 10 * Time.minute),
        .lognormal(median: 30 * Time.minute, sigma: 1.0),
        .lognormal(median: 40 * Time.millisecond, sigma: 0.6),
        .pareto(shape: 1.5, minimum: 5 * Time.minute),
        .pareto(shape: 0.8, minimum: Time.second),
    ]

    /// The Kolmogorov–Smirnov distance between the samples and `distribution.cdf`. Samples are whole
    /// microseconds, so a sample value `v` stands for the continuous interval [v - 0.5, v + 0.5): the empirical
    /// CDF just below and at each distinct value is compared with the target CDF at the interval's ends.
    static func ksDistance(_ samples: [Microseconds], _ distribution: DurationDistribution) -> Double {
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        var distance = 0.0
        var index = 0
        while index < sorted.count {
            let value = sorted[index]
            var end = index
            while end < sorted.count, sorted[end] == value { end += 1 }
            let below = distribution.cdf(Double(value) - 0.5)
            let atOrBelow = distribution.cdf(Double(value) + 0.5)
            distance = max(distance, abs(Double(index) / n - below), abs(Double(end) / n - atOrBelow))
            index = end
        }
        return distance
    }

    static func samples(_ distribution: DurationDistribution, seed: UInt64, count: Int = draws) -> [Microseconds] {
        var generator = SeededGenerator(seed: seed, stream: 7)
        return (0..<count).map { _ in distribution.sample(using: &generator) }
    }

    @Test("sampler matches its CDF (KS distance < 0.02 on 100,000 draws)", arguments: targets)
    func matchesTarget(_ distribution: DurationDistribution) {
        let distance = Self.ksDistance(Self.samples(distribution, seed: 42), distribution)
        #expect(distance < 0.02, "KS distance \(distance) for \(distribution)")
    }

    @Test("the KS check can fail: a wrong target is detected")
    func ksDetectsMismatch() {
        let samples = Self.samples(.exponential(mean: 30 * Time.minute), seed: 1)
        #expect(Self.ksDistance(samples, .exponential(mean: 33 * Time.minute)) > 0.02)
        #expect(Self.ksDistance(samples, .weibull(shape: 0.9, median: 30 * Time.minute)) > 0.02)
    }

    @Test("the same seed gives the same sequence", arguments: targets)
    func deterministic(_ distribution: DurationDistribution) {
        #expect(Self.samples(distribution, seed: 9, count: 1000) == Self.samples(distribution, seed: 9, count: 1000))
        #expect(Self.samples(distribution, seed: 9, count: 1000) != Self.samples(distribution, seed: 10, count: 1000))
    }

    @Test func eachSampleUsesOneDraw() {
        for distribution in Self.targets {
            var a = SeededGenerator(seed: 3)
            var b = SeededGenerator(seed: 3)
            _ = distribution.sample(using: &a)
            _ = b.nextUnit()
            #expect(a.next() == b.next(), "\(distribution)")
        }
        var a = SeededGenerator(seed: 3)
        var b = SeededGenerator(seed: 3)
        _ = DurationDistribution.constant(5).sample(using: &a)
        #expect(a.next() == b.next())
    }

    @Test func samplesAreAtLeastOneMicrosecondAndCapped() {
        var generator = SeededGenerator(seed: 5)
        #expect(DurationDistribution.constant(0).sample(using: &generator) == 1)
        #expect(DurationDistribution.constant(Time.second).sample(using: &generator) == Time.second)
        #expect(DurationDistribution.exponential(mean: 1).sample(using: &generator) >= 1)
        // Tiny shapes would overflow Int64 without the cap.
        let heavy = Self.samples(.pareto(shape: 0.05, minimum: Time.minute), seed: 5, count: 10_000)
        #expect(heavy.allSatisfy { $0 >= Time.minute && $0 <= DurationDistribution.maximumSample })
        #expect(heavy.contains(DurationDistribution.maximumSample))
    }

    @Test func weibullScaleComesFromTheMedian() {
        for shape in [0.3, 0.5, 1.0, 2.0, 5.0] {
            let distribution = DurationDistribution.weibull(shape: shape, median: 30 * Time.minute)
            #expect(abs(distribution.cdf(Double(30 * Time.minute)) - 0.5) < 1e-12)
            #expect(DurationDistribution.weibullScale(shape: shape, median: 30 * Time.minute)
                == Double(30 * Time.minute) / pow(log(2.0), 1 / shape))
        }
        // Shape 1 is the exponential with mean = scale.
        let scale = DurationDistribution.weibullScale(shape: 1, median: Time.hour)
        #expect(abs(DurationDistribution.weibull(shape: 1, median: Time.hour).mean! - scale) < 1e-3)
    }

    @Test func mediansAndMeans() {
        let minute = Double(Time.minute)
        #expect(DurationDistribution.constant(Time.minute).mean == minute)
        #expect(DurationDistribution.uniform(min: Time.minute, max: 3 * Time.minute).median == 2 * minute)
        #expect(abs(DurationDistribution.exponential(mean: Time.minute).median! - minute * log(2.0)) < 1e-6)
        #expect(DurationDistribution.lognormal(median: Time.minute, sigma: 1).median == minute)
        #expect(abs(DurationDistribution.lognormal(median: Time.minute, sigma: 1).mean! - minute * exp(0.5)) < 1e-3)
        #expect(DurationDistribution.pareto(shape: 1.5, minimum: Time.minute).mean == 3 * minute)
        #expect(DurationDistribution.pareto(shape: 1, minimum: Time.minute).mean == nil)
        #expect(abs(DurationDistribution.pareto(shape: 2, minimum: Time.minute).median! - minute * 2.0.squareRoot()) < 1e-6)
        for distribution in Self.targets {
            if let median = distribution.median {
                #expect(abs(distribution.cdf(median) - 0.5) < 1e-9, "\(distribution)")
            }
        }
    }

    @Test func sampleMeansApproachTheMean() {
        for distribution in [DurationDistribution.exponential(mean: Time.hour), .lognormal(median: Time.minute, sigma: 0.5),
                             .weibull(shape: 2, median: Time.minute), .uniform(min: 1000, max: 5000)] {
            let samples = Self.samples(distribution, seed: 11)
            let mean = Double(samples.reduce(0, +)) / Double(samples.count)
            #expect(abs(mean / distribution.mean! - 1) < 0.02, "\(distribution)")
        }
    }

    @Test func normalQuantileInvertsTheCDF() {
        // Above z = 5 the CDF is within 3e-7 of 1, where doubles are too coarse for a 1e-9 round trip.
        for z in stride(from: -8.0, through: 5.0, by: 0.25) {
            #expect(abs(StandardNormal.quantile(StandardNormal.cdf(z)) - z) < 1e-9, "\(z)")
        }
        #expect(StandardNormal.quantile(0.5) == 0)
        #expect(abs(StandardNormal.quantile(0.975) - 1.959963984540054) < 1e-12)
        #expect(StandardNormal.quantile(0) == -.infinity)
        #expect(StandardNormal.quantile(1) == .infinity)
        #expect(abs(StandardNormal.cdf(1.96) - 0.9750021048517795) < 1e-12)
    }
}

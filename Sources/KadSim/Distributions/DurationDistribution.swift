import Foundation
import KademliaCore

/// A probability distribution over positive durations, used for link latency, session lengths and downtimes.
///
/// Parameters are in microseconds (`Microseconds`) except shapes and sigmas, which are unitless.
/// Sampling is inverse-transform sampling on one `nextUnit()` draw, so a given generator state always
/// yields the same duration on every platform.
public enum DurationDistribution: Sendable, Hashable {
    /// Always `value`.
    case constant(Microseconds)
    /// Uniform on `[min, max]`.
    case uniform(min: Microseconds, max: Microseconds)
    /// Exponential (memoryless) with the given mean.
    case exponential(mean: Microseconds)
    /// Weibull with the given shape `k`, parameterised by its median: `scale = median / ln(2)^(1/k)`.
    /// Shapes below 1 give many short and a few very long values (heavy-tailed sessions).
    case weibull(shape: Double, median: Microseconds)
    /// Log-normal: `ln X` is normal with mean `ln(median)` and standard deviation `sigma`.
    case lognormal(median: Microseconds, sigma: Double)
    /// Pareto (type I) with tail index `shape` and scale `minimum` (the smallest possible value).
    case pareto(shape: Double, minimum: Microseconds)

    /// The smallest sample ever returned: one microsecond. Zero-length sessions or latencies would let two
    /// events of one node share a timestamp for no modelled reason.
    public static let minimumSample: Microseconds = 1
    /// The largest sample ever returned: 100 years. Heavy tails (Pareto with a small shape, `nextUnit()`
    /// close to 0) would otherwise overflow `Int64`; a run never lasts that long, so the cap is invisible.
    public static let maximumSample: Microseconds = 100 * 365 * Time.day

    /// The Weibull scale parameter derived from shape and median.
    public static func weibullScale(shape: Double, median: Microseconds) -> Double {
        Double(median) / pow(M_LN2, 1 / shape)
    }

    /// Draws one duration. Consumes exactly one `nextUnit()` (none for `constant`).
    public func sample(using generator: inout SeededGenerator) -> Microseconds {
        let value: Double
        switch self {
        case .constant(let fixed):
            return Self.clamp(Double(fixed))
        case .uniform(let low, let high):
            value = Double(low) + generator.nextUnit() * Double(high - low)
        case .exponential(let mean):
            // 1 - U is in (0, 1], so the logarithm is finite.
            value = -Double(mean) * log(1 - generator.nextUnit())
        case .weibull(let shape, let median):
            let scale = Self.weibullScale(shape: shape, median: median)
            value = scale * pow(-log(1 - generator.nextUnit()), 1 / shape)
        case .lognormal(let median, let sigma):
            let z = StandardNormal.quantile(Self.openUnit(generator.nextUnit()))
            value = Double(median) * exp(sigma * z)
        case .pareto(let shape, let minimum):
            value = Double(minimum) / pow(1 - generator.nextUnit(), 1 / shape)
        }
        return Self.clamp(value.rounded())
    }

    /// The cumulative distribution function `P(X <= x)`, with `x` in microseconds. This is the continuous
    /// target distribution; samples are additionally rounded to whole microseconds and clamped to
    /// `minimumSample...maximumSample`.
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .constant(let fixed):
            return x >= Double(fixed) ? 1 : 0
        case .uniform(let low, let high):
            if x < Double(low) { return 0 }
            if x >= Double(high) { return 1 }
            return (x - Double(low)) / Double(high - low)
        case .exponential(let mean):
            return x <= 0 ? 0 : 1 - exp(-x / Double(mean))
        case .weibull(let shape, let median):
            guard x > 0 else { return 0 }
            let scale = Self.weibullScale(shape: shape, median: median)
            return 1 - exp(-pow(x / scale, shape))
        case .lognormal(let median, let sigma):
            guard x > 0 else { return 0 }
            return StandardNormal.cdf(log(x / Double(median)) / sigma)
        case .pareto(let shape, let minimum):
            guard x >= Double(minimum) else { return 0 }
            return 1 - pow(Double(minimum) / x, shape)
        }
    }

    /// The mean in microseconds, or nil where it is infinite (Pareto with shape <= 1).
    public var mean: Double? {
        switch self {
        case .constant(let fixed): return Double(fixed)
        case .uniform(let low, let high): return (Double(low) + Double(high)) / 2
        case .exponential(let mean): return Double(mean)
        case .weibull(let shape, let median):
            return Self.weibullScale(shape: shape, median: median) * tgamma(1 + 1 / shape)
        case .lognormal(let median, let sigma): return Double(median) * exp(sigma * sigma / 2)
        case .pareto(let shape, let minimum):
            return shape > 1 ? shape * Double(minimum) / (shape - 1) : nil
        }
    }

    /// The median in microseconds.
    public var median: Double? {
        switch self {
        case .constant(let fixed): return Double(fixed)
        case .uniform(let low, let high): return (Double(low) + Double(high)) / 2
        case .exponential(let mean): return Double(mean) * M_LN2
        case .weibull(_, let median): return Double(median)
        case .lognormal(let median, _): return Double(median)
        case .pareto(let shape, let minimum): return Double(minimum) * pow(2, 1 / shape)
        }
    }

    private static func clamp(_ value: Double) -> Microseconds {
        if !(value >= Double(minimumSample)) { return minimumSample }  // also catches NaN
        if value >= Double(maximumSample) { return maximumSample }
        return Microseconds(value)
    }

    /// Maps [0, 1) to (0, 1) so the normal quantile stays finite.
    private static func openUnit(_ u: Double) -> Double {
        u > 0 ? u : 0x1.0p-54
    }
}

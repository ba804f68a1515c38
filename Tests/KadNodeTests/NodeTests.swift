import Testing

/// Every test here runs real sockets and timers; running them one at a time keeps timing on a 2-core machine
/// predictable. Nested suites inherit `.serialized`.
@Suite(.serialized) enum NodeTests {}
